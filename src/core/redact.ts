/** The replacement written in place of a secret. */
export const REDACTED = '[REDACTED]';

/** Names (case-insensitive) whose values never leave the HTTP layer. */
export interface RedactionRules {
  headers: string[];
  /** Body fields, matched at any depth. */
  bodyFields: string[];
  queryParams: string[];
}

export const DEFAULT_REDACTION_RULES: RedactionRules = {
  headers: ['token', 'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key'],
  bodyFields: [
    'password',
    'secret',
    'client_secret',
    'app_secret',
    'partner_key',
    'token',
    'access_token',
    'refresh_token',
    'id_token',
    'api_key',
    'apikey',
  ],
  queryParams: ['access_token', 'sign', 'signature', 'token', 'refresh_token', 'app_secret', 'partner_key'],
};

/** Adds the caller's names to the defaults (never removes a default). */
export function mergeRedactionRules(extra: Partial<RedactionRules> = {}): RedactionRules {
  return {
    headers: [...DEFAULT_REDACTION_RULES.headers, ...(extra.headers ?? [])],
    bodyFields: [...DEFAULT_REDACTION_RULES.bodyFields, ...(extra.bodyFields ?? [])],
    queryParams: [...DEFAULT_REDACTION_RULES.queryParams, ...(extra.queryParams ?? [])],
  };
}

function nameSet(names: readonly string[]): Set<string> {
  return new Set(names.map((n) => n.toLowerCase()));
}

export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
  rules: RedactionRules = DEFAULT_REDACTION_RULES,
): Record<string, string> {
  const secret = nameSet(rules.headers);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = secret.has(name.toLowerCase()) ? REDACTED : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** True for body field names whose values are credentials. */
export function secretFieldMatcher(
  rules: RedactionRules = DEFAULT_REDACTION_RULES,
): (key: string) => boolean {
  const exact = nameSet(rules.bodyFields);
  return (key: string) => {
    const lower = key.toLowerCase();
    return exact.has(lower) || /password|secret|token|passwd|partner_key/.test(lower);
  };
}

/**
 * Deep copy with secret fields replaced. Also catches field names that merely contain
 * `password`/`secret`/`token` (e.g. `NEW_PASSWORD`, `shopToken`) because platforms invent new ones.
 */
export function redactBody(body: unknown, rules: RedactionRules = DEFAULT_REDACTION_RULES): unknown {
  const isSecret = secretFieldMatcher(rules);
  const walk = (value: unknown, depth: number): unknown => {
    if (depth > 20 || value === null || typeof value !== 'object') return value;
    if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      out[key] = isSecret(key) && inner !== null && inner !== undefined ? REDACTED : walk(inner, depth + 1);
    }
    return out;
  };
  return walk(body, 0);
}

/** Redacts secret query parameters in a path or absolute URL, keeping everything else readable. */
export function redactUrl(url: string, rules: RedactionRules = DEFAULT_REDACTION_RULES): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const secret = nameSet(rules.queryParams);
  const [query, fragment] = splitOnce(url.slice(queryStart + 1), '#');
  const parts = query.split('&').map((pair) => {
    const [rawName] = splitOnce(pair, '=');
    let name = rawName;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    } catch {
      // Malformed escapes: match on the raw name.
    }
    return secret.has(name.toLowerCase()) ? `${rawName}=${REDACTED}` : pair;
  });
  return `${url.slice(0, queryStart)}?${parts.join('&')}${fragment === undefined ? '' : `#${fragment}`}`;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * Replaces known secret VALUES wherever they appear in a string (a platform echoing the token in an
 * error message, a URL with the token in its path). Values shorter than 6 chars are ignored: too
 * likely to match innocent text.
 */
export function scrubSecretValues(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 6 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
