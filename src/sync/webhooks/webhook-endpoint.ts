/**
 * The `(req, res)` webhook endpoint over `handleWebhook`: reads the raw body (Buffer, string or stream, with a
 * size limit), answers the sender (200 / 404 / 413 / 422 / 500 / 503) and then runs the network follow-up.
 */
import type { IncomingMessage } from 'node:http';
import { A_FUNCTION, AN_OBJECT_OR_NOTHING, checkOption } from '../../core/argument-guards.js';
import type { OcopConnectError } from '../../core/errors.js';
import type { HeaderBag } from '../../platforms/types.js';
import { failureOf, type WebhookResult } from './handle-webhook.js';

/** The parts of a request the handler reads: node:http / Express `req`, or a Fastify `request`. */
export interface WebhookRequest {
  headers: HeaderBag;
  url?: string;
  /** Express `express.raw()` / Fastify buffer parser put the raw body here; otherwise the stream is read. */
  body?: unknown;
  /** Fastify: the node request. */
  raw?: IncomingMessage;
  params?: unknown;
  on?: IncomingMessage['on'];
}

/** node:http / Express `res`, or a Fastify `reply`. */
export type WebhookResponse =
  | { writeHead(status: number, headers?: Record<string, string>): unknown; end(body?: string): unknown }
  | {
      code(status: number): unknown;
      header(name: string, value: string): unknown;
      send(body?: string): unknown;
    };

export interface WebhookHandlerOptions {
  /**
   * Which sender this endpoint is for. @default the last path segment of the URL
   * (`/hooks/viettelpost` → 'viettelpost')
   */
  source?: string;
  /** Largest body accepted, bytes. @default 1 MiB */
  maxBodyBytes?: number;
  /** Called after the answer with what was done (logging, metrics). */
  onResult?: (result: WebhookResult) => void;
  /**
   * Called when a delivery could not be recorded (answered 500, or 503 when the connector was closed: the
   * sender retries).
   */
  onError?: (error: OcopConnectError) => void;
}

export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

async function readBody(req: WebhookRequest, limit: number): Promise<Buffer | 'too_large'> {
  if (Buffer.isBuffer(req.body)) return req.body.length > limit ? 'too_large' : req.body;
  if (typeof req.body === 'string') {
    const buffer = Buffer.from(req.body, 'utf8');
    return buffer.length > limit ? 'too_large' : buffer;
  }
  const stream = (req.raw ?? req) as IncomingMessage;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > limit) return 'too_large';
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function answer(res: WebhookResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  if ('writeHead' in res) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(text);
  } else {
    res.code(status);
    res.header('content-type', 'application/json');
    res.send(text);
  }
}

function sourceFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const path = url.split('?')[0] ?? '';
  const last = path.split('/').filter(Boolean).at(-1);
  return last ? decodeURIComponent(last) : undefined;
}

/**
 * A `(req, res)` webhook endpoint: verify, dedupe durably, apply, answer — then the network follow-up. Fits
 * `http.createServer(handler)`, Express (`app.post('/hooks/:source', express.raw({ type: '*\/*' }), handler)`)
 * and Fastify (`reply.hijack()` not needed: pass `request, reply`; register a buffer content parser so the
 * raw body is kept).
 */
export function createWebhookHandler(
  handle: (source: string, rawBody: Buffer, headers: HeaderBag) => Promise<WebhookResult>,
  options: WebhookHandlerOptions = {},
): (req: WebhookRequest, res: WebhookResponse) => Promise<void> {
  checkOption(handle, 'handle', A_FUNCTION);
  checkOption(options, 'options', AN_OBJECT_OR_NOTHING);
  const limit = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  return async (req, res) => {
    const source = options.source ?? sourceFromUrl(req.raw?.url ?? req.url);
    if (!source) {
      answer(res, 404, { ok: false, error: 'unknown webhook source' });
      return;
    }
    let result: WebhookResult;
    try {
      const body = await readBody(req, limit);
      if (body === 'too_large') {
        answer(res, 413, { ok: false, error: 'body too large' });
        return;
      }
      result = await handle(source, body, req.headers);
    } catch (error) {
      const failure = failureOf(error);
      options.onError?.(failure);
      // Not recorded. A closed connector (shutting down) is unavailable, not broken: 503, retry later;
      // anything else 500. Either way the sender retries.
      if (failure.kind === 'closed') answer(res, 503, { ok: false, error: 'unavailable: retry later' });
      else answer(res, 500, { ok: false, error: 'not recorded: retry' });
      return;
    }
    answer(res, result.httpStatus, { ok: result.httpStatus === 200, outcome: result.outcome });
    await result.followUp;
    options.onResult?.(result);
  };
}
