import { defineErrorText } from '../model/error-root.js';
import type { AppliedAuth, AuthStrategy } from './auth/types.js';
import { type OcopConnectError, type RequestSummary, underConstruction } from './errors.js';
import {
  type RedactionRules,
  redactBody,
  redactUrl,
  scrubSecretValues,
  secretFieldMatcher,
} from './redact.js';
import { buildPathWithQuery, type PreparedRequest } from './transport.js';
import type { ApiRequest, CallOptions, PlatformClientOptions } from './types.js';

/** Longest response text kept on an error (a platform's HTML error page is not diagnosis). */
const MAX_ERROR_BODY_CHARS = 2000;

function stringifyQuery(query: ApiRequest['query']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) out[name] = String(value);
  }
  return out;
}

function serialiseBody(request: ApiRequest, contentType: string): string | undefined {
  if (request.body === undefined || request.rawBody) return undefined;
  if (contentType.startsWith('application/x-www-form-urlencoded') && typeof request.body === 'object') {
    return new URLSearchParams(stringifyQuery(request.body as ApiRequest['query'])).toString();
  }
  return typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
}

/** Serialises once: every retry and every signature sees the same bytes. */
export function prepareRequest(
  request: ApiRequest,
  options: CallOptions,
  client: Pick<PlatformClientOptions, 'defaultHeaders' | 'idempotencyHeader'>,
): PreparedRequest {
  const path = request.path.startsWith('/') ? request.path : `/${request.path}`;
  const headers: Record<string, string> = { ...client.defaultHeaders, ...request.headers };
  const hasBody = request.body !== undefined || request.rawBody !== undefined;
  const contentType = request.contentType ?? (hasBody ? 'application/json' : undefined);
  if (contentType) headers['Content-Type'] = contentType;
  if (options.idempotencyKey && client.idempotencyHeader)
    headers[client.idempotencyHeader] = options.idempotencyKey;
  const bodyText = serialiseBody(request, contentType ?? '');
  return {
    method: request.method,
    path,
    query: stringifyQuery(request.query),
    headers,
    ...(bodyText !== undefined ? { bodyText } : {}),
    ...(request.rawBody ? { rawBody: request.rawBody } : {}),
    responseType: request.responseType ?? 'json',
  };
}

export function redactedSummary(
  wire: PreparedRequest,
  operation: string,
  attempt: number,
  rules: RedactionRules,
): RequestSummary {
  return {
    method: wire.method,
    url: redactUrl(buildPathWithQuery(wire.path, wire.query), rules),
    operation,
    attempt,
  };
}

/**
 * The actual credential VALUES in this request (header values, secret query parameters, password
 * fields), so they can be scrubbed from anything that might echo them (error messages, bodies).
 */
export function secretValuesOf(
  prepared: PreparedRequest,
  request: ApiRequest,
  rules: RedactionRules,
): Set<string> {
  const secrets = new Set<string>();
  const secretHeaders = new Set(rules.headers.map((h) => h.toLowerCase()));
  for (const [name, value] of Object.entries(prepared.headers)) {
    if (!secretHeaders.has(name.toLowerCase())) continue;
    secrets.add(value);
    const afterScheme = value.split(' ').slice(1).join(' ');
    if (afterScheme) secrets.add(afterScheme);
  }
  const secretParams = new Set(rules.queryParams.map((q) => q.toLowerCase()));
  for (const [name, value] of Object.entries(prepared.query)) {
    if (secretParams.has(name.toLowerCase())) secrets.add(value);
  }
  const isSecret = secretFieldMatcher(rules);
  const walk = (value: unknown, depth: number) => {
    if (depth > 20 || value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (isSecret(key) && (typeof inner === 'string' || typeof inner === 'number'))
        secrets.add(String(inner));
      else walk(inner, depth + 1);
    }
  };
  walk(request.body, 0);
  return secrets;
}

function scrubDeep(value: unknown, secrets: Set<string>, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecretValues(value, secrets);
  if (depth > 20 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    out[key] = scrubDeep(inner, secrets, depth + 1);
  }
  return out;
}

function boundedBody(body: unknown): unknown {
  if (Buffer.isBuffer(body)) return `<${body.length} bytes>`;
  if (typeof body === 'string' && body.length > MAX_ERROR_BODY_CHARS) {
    return `${body.slice(0, MAX_ERROR_BODY_CHARS)}… (${body.length} chars)`;
  }
  return body;
}

/** In place: redact fields by name, then scrub any known secret value wherever it appears. */
export function scrubError(
  original: OcopConnectError,
  secrets: Set<string>,
  rules: RedactionRules,
  depth = 0,
): void {
  const error = underConstruction(original);
  error.message = scrubSecretValues(error.message, secrets);
  // Each language too: a platform's text (which may echo a secret) is quoted in its own language.
  const vi = scrubSecretValues(original.messageVi, secrets);
  const en = scrubSecretValues(original.messageEn, secrets);
  if (vi !== original.messageVi || en !== original.messageEn) defineErrorText(original, { vi, en });
  if (error.platformMessage) error.platformMessage = scrubSecretValues(error.platformMessage, secrets);
  if (error.responseBody !== undefined) {
    error.responseBody = scrubDeep(redactBody(boundedBody(error.responseBody), rules), secrets);
  }
  if (error.request) error.request = { ...error.request, url: scrubSecretValues(error.request.url, secrets) };
  if (error.stack) error.stack = scrubSecretValues(error.stack, secrets);
  const cause = error.cause;
  if (depth < 5 && cause && typeof cause === 'object' && 'kind' in cause && cause instanceof Error) {
    scrubError(cause as OcopConnectError, secrets, rules, depth + 1);
  } else if (cause instanceof Error) {
    try {
      cause.message = scrubSecretValues(cause.message, secrets);
      if (cause.stack) cause.stack = scrubSecretValues(cause.stack, secrets);
    } catch {
      // A read-only message (an abort reason's DOMException): the caller made it, no secret of ours.
    }
  }
}

/**
 * The request as it goes on the wire: a copy of `prepared` with what `auth` applied (headers, query
 * parameters), each applied value added to `secrets` (scrubbed from errors). Without `auth`, the copy.
 */
export async function authorizeRequest(
  prepared: PreparedRequest,
  request: ApiRequest,
  auth: AuthStrategy | undefined,
  secrets: Set<string>,
): Promise<{ wire: PreparedRequest; applied: AppliedAuth }> {
  const wire: PreparedRequest = {
    ...prepared,
    headers: { ...prepared.headers },
    query: { ...prepared.query },
  };
  if (auth === undefined) return { wire, applied: {} };
  const applied = await auth.applyAuth({
    operation: request.operation,
    method: prepared.method,
    path: prepared.path,
    query: wire.query,
    headers: wire.headers,
    ...(prepared.bodyText !== undefined ? { bodyText: prepared.bodyText } : {}),
    ...(request.authLevel ? { authLevel: request.authLevel } : {}),
    nowMs: Date.now(),
  });
  Object.assign(wire.headers, applied.headers);
  Object.assign(wire.query, applied.query);
  if (applied.credential) secrets.add(applied.credential);
  for (const value of Object.values(applied.query ?? {})) secrets.add(value);
  return { wire, applied };
}
