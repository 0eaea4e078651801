/**
 * Assembles a marketplace sandbox from a dialect: node:http server on loopback, token store, rate
 * limiter, fault injection, idempotency store, webhooks and the simulated buyers.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOn, stopServer } from '../listen.js';
import { consume } from '../operation-counts.js';
import { readBody } from '../read-body.js';
import { BuyerClock } from './buyer-clock.js';
import { canonicalJson, type Dialect, type IssuedToken, matchRoute, type RouteResult } from './dialect.js';
import { MarketplaceEngine } from './engine.js';
import { engineControls } from './engine-controls.js';
import { issue, SandboxError, validationError } from './errors.js';
import { restoreListings, seedHandMadeListings } from './hand-made.js';
import { guardMarketplaceHandle } from './handle-table.js';
import { jsonObjectOf } from './json-body.js';
import { RollingWindowLimiter } from './rate-limiter.js';
import { createRandom } from './rng.js';
import { mediaIdOf, serveMedia } from './serve-media.js';
import type {
  LatencyRange,
  MarketplaceSandbox,
  MarketplaceSandboxOptions,
  SandboxCredentials,
  SandboxFaults,
  SandboxOperation,
  SandboxStats,
} from './types.js';
import { WebhookSender } from './webhook-sender.js';

/** How refusals of a handle's methods name the sandbox. */
const SANDBOX_NAME = { voso: 'Voso', postmart: 'Postmart' } as const;

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const DEFAULT_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16000];
const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
const DEFAULT_COMMIT_LATE_MS = 1_500;
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,64}$/;

interface IdempotencyEntry {
  bodyHash: string;
  result: RouteResult;
  expiresAtMs: number;
}

function emptyStats(): SandboxStats {
  return {
    requests: {},
    totalRequests: 0,
    rateLimited: 0,
    writes: 0,
    bulkItemsApplied: 0,
    imageUploads: 0,
    idempotentReplays: 0,
    injectedErrors: 0,
    droppedConnections: 0,
    lateCommits: 0,
    webhookAttempts: 0,
    webhookDelivered: 0,
    webhookFailedAttempts: 0,
    ordersPlaced: 0,
    ordersRejected: 0,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Stops a marketplace sandbox: buyers, review timers, webhook retries, then the server and its connections. */
export async function shutDown(parts: {
  server: Server;
  buyerClock: BuyerClock;
  engine: MarketplaceEngine;
  webhooks: WebhookSender;
}): Promise<void> {
  parts.buyerClock.stop();
  parts.engine.close();
  parts.webhooks.close();
  await stopServer(parts.server);
}

export async function createMarketplaceSandbox(
  dialect: Dialect,
  options: MarketplaceSandboxOptions = {},
): Promise<MarketplaceSandbox> {
  const now = options.now ?? (() => Date.now());
  const random = createRandom(options.seed ?? 1);
  const credentials: SandboxCredentials = { ...dialect.defaultCredentials, ...options.credentials };
  const tokenTtlMs = options.tokenTtlMs ?? dialect.defaultTokenTtlMs;
  const limiter = new RollingWindowLimiter(
    options.rateLimitRps === undefined ? dialect.defaultRateLimitRps : options.rateLimitRps,
  );
  let faults: SandboxFaults = structuredClone(options.faults ?? {});
  // Its own generator: jitter must not shift the seeded draws of buyers and fault rates.
  const jitter = createRandom((options.seed ?? 1) + 7919);
  const delayOf = (spec: number | LatencyRange | undefined): number => {
    if (spec === undefined) return 0;
    if (typeof spec === 'number') return Math.max(0, spec);
    return Math.max(0, spec.minMs + jitter() * Math.max(0, spec.maxMs - spec.minMs));
  };
  const answer = async (res: ServerResponse, result: RouteResult, requestId: string): Promise<void> => {
    const delayMs = delayOf(faults.answerLatencyMs);
    if (delayMs > 0) await sleep(delayMs);
    if (!res.headersSent && !res.destroyed) send(res, result, requestId);
  };
  let stats = emptyStats();

  const engine = new MarketplaceEngine({
    ...dialect.engineConfig({ shippingFeeVnd: options.shippingFeeVnd }),
    review: { mode: options.review?.mode ?? 'auto', delayMs: options.review?.delayMs ?? 0 },
    ...(options.acceptDuplicateSkus ? { acceptDuplicateSkus: true } : {}),
    now,
    random,
  });
  if (options.restoredListings) restoreListings(engine, options.restoredListings);
  if (options.handMadeListings)
    seedHandMadeListings(
      engine,
      dialect.platform,
      options.handMadeListings,
      `start${SANDBOX_NAME[dialect.platform]}Sandbox`,
    );
  const webhooks = new WebhookSender(options.webhook?.url, {
    retryDelaysMs: options.webhook?.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    duplicateRate: options.webhook?.duplicateRate ?? 0,
    timeoutMs: options.webhook?.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    random,
    onAttempt: (ok) => {
      stats.webhookAttempts += 1;
      if (ok) stats.webhookDelivered += 1;
      else stats.webhookFailedAttempts += 1;
    },
  });
  engine.onEvent((event) => {
    webhooks.enqueue(
      dialect.webhookMessage(event, {
        eventId: dialect.newEventId(),
        secret: credentials.webhookSecret,
        now,
      }),
    );
  });

  const tokens = new Map<string, { account: string; expiresAtMs: number }>();
  const idempotency = new Map<string, IdempotencyEntry>();
  let origin = '';

  const issueToken = (): IssuedToken => {
    const token = `${dialect.tokenPrefix}${randomBytes(20).toString('hex')}`;
    const expiresAtMs = now() + tokenTtlMs;
    tokens.set(token, { account: credentials.username, expiresAtMs });
    return { token, expiresAtMs };
  };

  const authenticate = (req: IncomingMessage): string => {
    const header = req.headers[dialect.tokenHeader];
    const token = Array.isArray(header) ? header[0] : header;
    if (!token) throw new SandboxError('token_missing', 'Thiếu token');
    const session = tokens.get(token);
    if (!session) throw new SandboxError('token_invalid', 'Token không hợp lệ');
    if (session.expiresAtMs <= now()) throw new SandboxError('token_expired', 'Token đã hết hạn');
    return session.account;
  };

  const send = (res: ServerResponse, result: RouteResult, requestId: string): void => {
    const payload = Buffer.from(JSON.stringify(result.body), 'utf8');
    res.writeHead(result.status ?? 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': payload.length,
      'x-request-id': requestId,
      ...result.headers,
    });
    res.end(payload);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomBytes(8).toString('hex');
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const method = req.method ?? 'GET';
    const mediaId = method === 'GET' ? mediaIdOf(url.pathname) : undefined;
    if (mediaId !== undefined) {
      stats.requests.getMedia = (stats.requests.getMedia ?? 0) + 1;
      stats.totalRequests += 1;
      serveMedia(res, engine, mediaId);
      return;
    }
    const relative = url.pathname.startsWith(dialect.basePath)
      ? url.pathname.slice(dialect.basePath.length)
      : undefined;
    const found = relative === undefined ? undefined : matchRoute(dialect.routes, method, relative);
    const operation: SandboxOperation | 'unknown' = found?.route.operation ?? 'unknown';
    stats.requests[operation] = (stats.requests[operation] ?? 0) + 1;
    stats.totalRequests += 1;
    try {
      const transitMs = delayOf(faults.latencyMs);
      if (transitMs > 0) await sleep(transitMs);
      const body = await readBody(
        req,
        MAX_BODY_BYTES,
        () => new SandboxError('payload_too_large', 'Yêu cầu quá lớn'),
      );
      if (!found) throw new SandboxError('not_found', `Không có API ${method} ${url.pathname}`);
      const { route, params } = found;
      const account = route.auth ? authenticate(req) : (dialect.loginAccount(body) ?? 'anonymous');
      const decision = limiter.check(account);
      if (!decision.allowed) {
        stats.rateLimited += 1;
        throw new SandboxError('rate_limited', 'Vượt quá giới hạn tần suất gọi API', {
          retryAfterSeconds: decision.retryAfterSeconds,
        });
      }
      const failStatus = faults.failStatus ?? 503;
      const errorRate = faults.serverErrorRate ?? 0;
      // Draw from the seeded generator only when a rate is set, so buyers stay reproducible per seed.
      if (consume(faults.failNext, route.operation) || (errorRate > 0 && random() < errorRate)) {
        stats.injectedErrors += 1;
        throw new SandboxError(failStatus === 500 ? 'internal' : 'unavailable', 'Lỗi hệ thống giả lập');
      }
      if (consume(faults.commitLate, route.operation)) {
        stats.lateCommits += 1;
        await sleep(faults.commitLateMs ?? DEFAULT_COMMIT_LATE_MS);
      }
      let parsed: Record<string, unknown> | undefined;
      const json = (): Record<string, unknown> => {
        if (parsed) return parsed;
        const read = jsonObjectOf(body);
        if ('problem' in read) {
          const message =
            read.problem === 'not-json'
              ? 'Nội dung không phải JSON hợp lệ'
              : 'Nội dung phải là một đối tượng JSON';
          throw validationError([issue(['body'], 'TYPE', message)]);
        }
        parsed = read.value;
        return parsed;
      };

      const keyHeader = dialect.idempotencyHeader ? req.headers[dialect.idempotencyHeader] : undefined;
      const idempotencyKey = route.idempotent && typeof keyHeader === 'string' ? keyHeader : undefined;
      let storeKey: string | undefined;
      let bodyHash = '';
      if (idempotencyKey !== undefined) {
        if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
          throw validationError([
            issue(['Idempotency-Key'], 'FORMAT', 'Idempotency-Key gồm 1–64 ký tự ASCII in được'),
          ]);
        }
        storeKey = `${account}\u0000${route.operation}\u0000${idempotencyKey}`;
        bodyHash = canonicalJson(json());
        const entry = idempotency.get(storeKey);
        if (entry && entry.expiresAtMs > now()) {
          if (entry.bodyHash !== bodyHash) {
            throw new SandboxError('idempotency_mismatch', 'Idempotency-Key đã dùng cho nội dung khác');
          }
          stats.idempotentReplays += 1;
          await answer(
            res,
            { ...entry.result, headers: { ...entry.result.headers, 'idempotent-replayed': 'true' } },
            requestId,
          );
          return;
        }
      }

      const result = route.handle({
        engine,
        params,
        query: url.searchParams,
        headers: req.headers,
        body,
        json,
        credentials,
        origin,
        issueToken,
        setWebhookUrl: (target) => webhooks.setUrl(target),
        tokenTtlMs,
      });
      if (route.write) stats.writes += 1;
      if (storeKey !== undefined) {
        idempotency.set(storeKey, {
          bodyHash,
          result,
          expiresAtMs: now() + (dialect.idempotencyTtlMs ?? 24 * 3600 * 1000),
        });
      }
      if (consume(faults.dropAfterCommit, route.operation)) {
        stats.droppedConnections += 1;
        req.socket.destroy();
        return;
      }
      await answer(res, result, requestId);
    } catch (error) {
      const sandboxError =
        error instanceof SandboxError ? error : new SandboxError('internal', 'Lỗi hệ thống');
      const rendered = dialect.renderError(sandboxError);
      if (sandboxError.kind === 'rate_limited') {
        rendered.headers = {
          ...rendered.headers,
          'retry-after': String(sandboxError.retryAfterSeconds ?? 1),
        };
      }
      await answer(res, rendered, requestId);
    }
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  ({ origin } = await listenOn(server, options.port ?? 0, options.host ?? '127.0.0.1'));

  const buyerClock = new BuyerClock(engine, random);
  let closed = false;

  const sandbox: MarketplaceSandbox = {
    platform: dialect.platform,
    url: origin,
    baseUrl: origin + dialect.basePath,
    credentials: Object.freeze({ ...credentials }),
    state: {
      ...engine.stateView(),
      tokenCount: () => [...tokens.values()].filter((session) => session.expiresAtMs > now()).length,
    },
    get stats(): SandboxStats {
      return {
        ...structuredClone(stats),
        ...engine.counters,
      };
    },
    ...engineControls({ sandbox: SANDBOX_NAME[dialect.platform], engine, buyerClock, webhooks }),
    setFaults(next: SandboxFaults) {
      faults = structuredClone(next);
    },
    setRateLimit(rps: number | false) {
      limiter.setRate(rps);
    },
    resetStats() {
      stats = emptyStats();
      Object.assign(engine.counters, {
        imageUploads: 0,
        bulkItemsApplied: 0,
        ordersPlaced: 0,
        ordersRejected: 0,
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await shutDown({ server, buyerClock, engine, webhooks });
    },
  };
  return guardMarketplaceHandle(sandbox, SANDBOX_NAME[dialect.platform], () => closed);
}
