import { constants as cryptoConstants } from 'node:crypto';
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { AxiosError, AxiosInstance, CreateAxiosDefaults } from 'axios';
import { AbortedError, NetworkError, type OcopConnectErrorOptions, TimeoutError } from './errors.js';
import type { HttpMethod } from './types.js';

/** A request ready for the wire: body serialised once so every retry and signature sees the same bytes. */
export interface PreparedRequest {
  method: HttpMethod;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  bodyText?: string;
  rawBody?: Buffer;
  responseType: 'json' | 'text' | 'arraybuffer';
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, text, or Buffer, per responseType. */
  body: unknown;
  /** The body was expected as JSON but is not parseable (kept as text in `body`). */
  jsonParseFailed: boolean;
}

export interface TransportOptions {
  baseUrl: string;
  userAgent: string;
  /**
   * Let OpenSSL talk to a server that does not support RFC 5746 secure renegotiation
   * (`SSL_OP_LEGACY_SERVER_CONNECT`). Set on this transport's own agent only: it never reaches
   * `https.globalAgent` or another client. See `PlatformClientOptions.legacyTlsRenegotiation`.
   * @default false
   */
  legacyTlsRenegotiation?: boolean;
}

/**
 * Connection never opened: the platform cannot have seen the request, so repeating it is safe
 * even for a create.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED']);

export function buildPathWithQuery(path: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${path}${path.includes('?') ? '&' : '?'}${search}` : path;
}

/** Lower-cased, string-valued copy of response headers. */
function flattenHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== 'object') return out;
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function parseBody(data: unknown, responseType: PreparedRequest['responseType']) {
  if (responseType === 'arraybuffer') {
    return { body: Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer), jsonParseFailed: false };
  }
  const text =
    typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : String(data ?? '');
  if (responseType === 'text') return { body: text, jsonParseFailed: false };
  if (text.trim() === '') return { body: undefined, jsonParseFailed: false };
  try {
    return { body: JSON.parse(text) as unknown, jsonParseFailed: false };
  } catch {
    return { body: text, jsonParseFailed: true };
  }
}

/**
 * How long an idle keep-alive socket may wait for reuse. Besides dropping sockets a server without a
 * hint may have forgotten, it switches on Node's use of the server's `Keep-Alive: timeout=N` hint: Node 20
 * lets an idle socket go 1 s before the announced timeout only when the agent has a `timeout` of its own
 * (with none, the hint is ignored and a socket is reused just as the server closes it — ECONNRESET
 * "socket hang up", which for a create on a platform that accepts duplicates is an outcome-unknown item).
 * In-flight requests are not affected: each request's own deadline replaces it while the socket is in use.
 */
const IDLE_SOCKET_TIMEOUT_MS = 15_000;

/**
 * One axios instance + keep-alive agents per client instance (never a shared global, so one
 * cooperative's settings or sockets never leak into another's). Errors come out as OUR classes with
 * a sanitised cause: an AxiosError holds the full config, `Token` header and password body included.
 */
export class HttpTransport {
  readonly #config: CreateAxiosDefaults;
  /**
   * Created on the first send, with the keep-alive agents: importing axios costs ~100 ms, and node:http
   * with node:https ~8 ms more, that a caller who never sends should not pay (#14, import cost).
   */
  #axios: Promise<AxiosInstance> | undefined;
  #httpAgent: HttpAgent | undefined;
  #httpsAgent: HttpsAgent | undefined;
  readonly #secureOptions: number | undefined;

  constructor(options: TransportOptions) {
    this.#secureOptions = options.legacyTlsRenegotiation
      ? cryptoConstants.SSL_OP_LEGACY_SERVER_CONNECT
      : undefined;
    this.#config = {
      baseURL: options.baseUrl,
      headers: { 'User-Agent': options.userAgent, Accept: 'application/json' },
      validateStatus: () => true,
      // We parse ourselves: axios's silent fallback to a string hides a platform sending broken JSON.
      transformResponse: [(data: unknown) => data],
      transitional: { clarifyTimeoutError: true },
      maxRedirects: 0,
      // A platform answering gigabytes is a fault, not data.
      maxContentLength: MAX_RESPONSE_BYTES,
      proxy: false,
    };
  }

  /** Resolves once axios is loaded: call before taking a rate-limit slot so the slot is not spent loading. */
  async ready(): Promise<void> {
    await this.#instance();
  }

  #instance(): Promise<AxiosInstance> {
    this.#axios ??= Promise.all([import('axios'), import('node:http'), import('node:https')]).then(
      ([{ default: axios }, http, https]) => {
        this.#httpAgent = new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_TIMEOUT_MS });
        this.#httpsAgent = new https.Agent({
          keepAlive: true,
          timeout: IDLE_SOCKET_TIMEOUT_MS,
          ...(this.#secureOptions !== undefined ? { secureOptions: this.#secureOptions } : {}),
        });
        return axios.create({ ...this.#config, httpAgent: this.#httpAgent, httpsAgent: this.#httpsAgent });
      },
    );
    return this.#axios;
  }

  async send(
    request: PreparedRequest,
    options: { timeoutMs: number; signal?: AbortSignal; errorOptions: OcopConnectErrorOptions },
  ): Promise<RawResponse> {
    // Loading axios (first send only) is not the platform's time: before the deadline starts.
    const instance = await this.#instance();
    // axios's own `timeout` is a socket-inactivity timer in Node: a server trickling bytes never
    // trips it. This deadline covers the whole attempt.
    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort();
    }, options.timeoutMs);
    const callerSignal = options.signal;
    const forwardAbort = () => deadline.abort(callerSignal?.reason);
    if (callerSignal?.aborted) forwardAbort();
    else callerSignal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      const response = await instance.request({
        method: request.method,
        url: buildPathWithQuery(request.path, request.query),
        headers: request.headers,
        data: request.rawBody ?? request.bodyText,
        timeout: options.timeoutMs,
        responseType: request.responseType === 'arraybuffer' ? 'arraybuffer' : 'text',
        signal: deadline.signal,
      });
      return {
        status: response.status,
        headers: flattenHeaders(response.headers),
        ...parseBody(response.data, request.responseType),
      };
    } catch (error) {
      throw toTransportError(error, {
        timeoutMs: options.timeoutMs,
        timedOut,
        callerAborted: callerSignal?.aborted === true,
        base: options.errorOptions,
      });
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', forwardAbort);
    }
  }

  /** The TLS `secureOptions` bit mask of this transport's own https agent (0 when none). */
  get httpsSecureOptions(): number {
    return this.#secureOptions ?? 0;
  }

  close(): void {
    this.#httpAgent?.destroy();
    this.#httpsAgent?.destroy();
  }
}

/** A cause that keeps the diagnosis (code, message) and drops the config/request objects. */
function sanitisedCause(error: unknown): Error {
  const source = error as { code?: unknown; message?: unknown; name?: unknown };
  const cause = new Error(typeof source?.message === 'string' ? source.message : String(error));
  cause.name = typeof source?.name === 'string' ? source.name : 'Error';
  if (typeof source?.code === 'string') (cause as Error & { code?: string }).code = source.code;
  // The stack would point into axios internals; it is noise, not diagnosis.
  cause.stack = `${cause.name}: ${cause.message}`;
  return cause;
}

function toTransportError(
  error: unknown,
  context: { timeoutMs: number; timedOut: boolean; callerAborted: boolean; base: OcopConnectErrorOptions },
) {
  const { timeoutMs, base } = context;
  const axiosError = error as AxiosError;
  const code = typeof axiosError?.code === 'string' ? axiosError.code : undefined;
  const cause = sanitisedCause(error);
  const where = `${base.platform ?? 'platform'} ${base.operation ?? 'request'}`;
  if (context.callerAborted) {
    return new AbortedError(
      { vi: `${where}: bên gọi đã dừng yêu cầu`, en: `${where} was aborted by the caller` },
      { ...base, cause },
    );
  }
  if (context.timedOut || (code && TIMEOUT_CODES.has(code))) {
    return new TimeoutError(`${where}: no response within ${timeoutMs} ms`, { ...base, cause, timeoutMs });
  }
  const requestSent = !(code && NOT_SENT_CODES.has(code));
  return new NetworkError(`${where}: network failure${code ? ` (${code})` : ''}: ${cause.message}`, {
    ...base,
    cause,
    requestSent,
    ...(code ? { code } : {}),
  });
}
