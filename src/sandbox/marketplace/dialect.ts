/**
 * A dialect is the thin, platform-specific layer over the shared engine: routes (paths, auth, field
 * names, paging) and rendering (envelope, errors, webhook signing).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { MarketplaceEngine } from './engine.js';
import type { EngineConfig, EngineEvent } from './engine-config.js';
import type { FieldPath, SandboxError } from './errors.js';
import type { MarketplacePlatform, SandboxCredentials, SandboxOperation } from './types.js';
import type { WebhookMessage } from './webhook-sender.js';

export interface RouteResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface IssuedToken {
  token: string;
  expiresAtMs: number;
}

export interface RouteContext {
  engine: MarketplaceEngine;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Parses the body as a JSON object; throws a validation SandboxError otherwise. */
  json(): Record<string, unknown>;
  credentials: Readonly<SandboxCredentials>;
  /** Origin of the sandbox, for image URLs. */
  origin: string;
  issueToken(): IssuedToken;
  setWebhookUrl(url: string): void;
  tokenTtlMs: number;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  /** Path under the base path; `:name` segments become params. */
  path: string;
  operation: SandboxOperation;
  auth: boolean;
  /** Counts as a write in stats when it succeeds. */
  write: boolean;
  /** Honours the dialect's idempotency header. */
  idempotent?: boolean;
  handle(context: RouteContext): RouteResult;
}

export interface WebhookContext {
  eventId: string;
  secret: string;
  now: () => number;
}

export interface Dialect {
  platform: MarketplacePlatform;
  basePath: string;
  /** Lower-case request header carrying the session token. */
  tokenHeader: string;
  tokenPrefix: string;
  defaultCredentials: SandboxCredentials;
  defaultTokenTtlMs: number;
  defaultRateLimitRps: number;
  /** Lower-case idempotency header, when the platform has one. */
  idempotencyHeader?: string;
  idempotencyTtlMs?: number;
  routes: Route[];
  engineConfig(options: { shippingFeeVnd?: number }): Omit<EngineConfig, 'review' | 'now' | 'random'>;
  renderError(error: SandboxError): RouteResult;
  /** Username to rate-limit a login request by. */
  loginAccount(body: Buffer): string | undefined;
  newEventId(): string;
  webhookMessage(event: EngineEvent, context: WebhookContext): WebhookMessage;
}

/** Renders a canonical field path with the platform's names: ['variants', 1, 'priceVnd'] → `VARIANTS[1].PRICE`. */
export function formatPath(path: FieldPath, names: Readonly<Record<string, string>>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const name = names[segment] ?? segment;
      out += out === '' ? name : `.${name}`;
    }
  }
  return out;
}

/** Canonical JSON (sorted keys) so two bodies with the same content compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * A route: by default it needs a token, and anything but a GET counts as a write (stats); `flags`
 * says otherwise (the login needs no token and writes nothing).
 */
export function route(
  method: Route['method'],
  path: string,
  operation: SandboxOperation,
  handle: Route['handle'],
  flags: Partial<Pick<Route, 'auth' | 'write' | 'idempotent'>> = {},
): Route {
  return { method, path, operation, auth: true, write: method !== 'GET', ...flags, handle };
}

/** The route for this method and path, with its `:name` segments decoded; undefined when none matches. */
export function matchRoute(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const segments = path.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let index = 0; index < pattern.length; index += 1) {
      const expected = pattern[index] as string;
      const actual = segments[index] as string;
      if (expected.startsWith(':')) {
        try {
          params[expected.slice(1)] = decodeURIComponent(actual);
        } catch {
          matched = false;
          break;
        }
      } else if (expected !== actual) {
        matched = false;
        break;
      }
    }
    if (matched) return { route, params };
  }
  return undefined;
}
