import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { consume } from '../operation-counts.js';
import { readBody } from '../read-body.js';
import type { RequestLog as SharedRequestLog } from '../request-log.js';
import type { ViettelPostEmulator } from './emulator.js';
import { ENVELOPE_STATUS, errorEnvelope, MESSAGES, VtpApiError } from './envelope.js';
import type { ViettelPostOperation } from './faults.js';
import { normaliseBody } from './fields.js';
import type { HandlerResult, RequestContext } from './request-context.js';
import { ROUTES, WRITE_OPERATIONS } from './routes.js';

const MAX_BODY_BYTES = 1_048_576;
const REDACTED = '[redacted]';

/** One request as the sandbox saw it (secrets redacted). */
export interface ViettelPostRequestLog {
  atMs: number;
  method: string;
  /** Path as sent (case preserved), without the query string. */
  path: string;
  operation: ViettelPostOperation | undefined;
  query: Record<string, string>;
  hasToken: boolean;
  /** Parsed JSON body with PASSWORD / token fields redacted; undefined for GET. */
  body: unknown;
  /** null when the connection was dropped on purpose. */
  httpStatus: number | null;
  /** `status` of the envelope, when the answer was one. */
  envelopeStatus: number | undefined;
  error: boolean;
  message: string | undefined;
  fault: 'http500' | 'systemError' | 'dropped' | undefined;
}

/** Keeps the newest entries (long demo runs must not grow without bound) and exact counts. */
export type RequestLog = SharedRequestLog<ViettelPostRequestLog, ViettelPostOperation>;

function redact(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    out[key] = /password|token|secret/i.test(key) ? REDACTED : value;
  }
  return out;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isHandlerResult(value: unknown): value is HandlerResult {
  return value !== null && typeof value === 'object' && 'html' in value;
}

export function createViettelPostServer(emulator: ViettelPostEmulator, log: RequestLog): Server {
  const server = createServer((req, res) => {
    void handle(emulator, log, req, res);
  });
  server.keepAliveTimeout = 1_000;
  return server;
}

function send(res: ServerResponse, httpStatus: number, payload: unknown, html = false): void {
  const text = html ? String(payload) : JSON.stringify(payload);
  res.writeHead(httpStatus, {
    'content-type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function handle(
  emulator: ViettelPostEmulator,
  log: RequestLog,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  const key = url.pathname.toLowerCase().replace(/\/+$/, '');
  const route = ROUTES.get(key);
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, name) => {
    query[name] = value;
  });
  const tokenHeader = req.headers.token;
  const token = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader;
  const entry: ViettelPostRequestLog = {
    atMs: Date.now(),
    method,
    path: url.pathname,
    operation: route?.operation,
    query,
    hasToken: token !== undefined,
    body: undefined,
    httpStatus: null,
    envelopeStatus: undefined,
    error: false,
    message: undefined,
    fault: undefined,
  };
  log.add(entry);
  const answer = (httpStatus: number, payload: unknown, html = false) => {
    entry.httpStatus = httpStatus;
    if (!html && payload !== null && typeof payload === 'object' && 'error' in payload) {
      const envelope = payload as { status?: number; error?: boolean; message?: string };
      entry.envelopeStatus = envelope.status;
      entry.error = envelope.error === true;
      entry.message = envelope.message;
    }
    send(res, httpStatus, payload, html);
  };

  try {
    const raw = (
      await readBody(req, MAX_BODY_BYTES, () => new VtpApiError('Request body too large', 413, 413))
    ).toString('utf8');
    if (!route) {
      answer(404, errorEnvelope('Not Found', 404));
      return;
    }
    if (route.method !== method) {
      answer(405, errorEnvelope('Method Not Allowed', 405));
      return;
    }
    const { faults } = emulator;
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const injected =
      consume(faults.failNext, route.operation) ||
      (faults.errorRate > 0 && emulator.random() < faults.errorRate);
    if (injected) {
      entry.fault = faults.errorKind;
      if (faults.errorKind === 'http500') answer(500, errorEnvelope(MESSAGES.systemError, 500));
      else answer(200, errorEnvelope(MESSAGES.systemError, ENVELOPE_STATUS.error));
      return;
    }
    let parsed: unknown = {};
    if (raw.trim() !== '') {
      try {
        parsed = JSON.parse(raw);
      } catch {
        answer(400, errorEnvelope('Invalid JSON body', 400));
        return;
      }
    }
    if (method === 'POST') entry.body = redact(parsed);
    const lowerQuery = new Map(Object.entries(query).map(([k, v]) => [k.toLowerCase(), v]));
    const ctx: RequestContext = {
      emulator,
      body: normaliseBody(parsed),
      query: (name) => lowerQuery.get(name.toLowerCase()),
      token,
    };
    const result = route.handle(ctx);
    if (WRITE_OPERATIONS.has(route.operation) && consume(faults.dropResponseAfterCommit, route.operation)) {
      entry.fault = 'dropped';
      res.socket?.destroy();
      return;
    }
    if (route.html && isHandlerResult(result)) answer(result.httpStatus ?? 200, result.html, true);
    else answer(200, result);
  } catch (error) {
    if (error instanceof VtpApiError) {
      answer(error.httpStatus, errorEnvelope(error.message, error.envelopeStatus));
      return;
    }
    answer(500, errorEnvelope(MESSAGES.systemError, 500));
  }
}
