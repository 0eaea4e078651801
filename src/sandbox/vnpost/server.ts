import { createServer, type Server } from 'node:http';
import { consume } from '../operation-counts.js';
import { readBody } from '../read-body.js';
import type { RequestLog as SharedRequestLog } from '../request-log.js';
import type { VnpostEmulator } from './emulator.js';
import type { VnpostFaults, VnpostOperation } from './faults.js';
import { type Answer, SandboxHttpError } from './http-answer.js';

const MAX_BODY_BYTES = 1_048_576;
const PREFIX = '/customer-partner/';

/** One request as the sandbox saw it (password and token redacted). */
export interface VnpostRequestLog {
  atMs: number;
  method: string;
  operation: VnpostOperation | undefined;
  query: Record<string, string>;
  body: unknown;
  httpStatus: number | null;
  fault: 'http500' | 'dropped' | undefined;
}

/** Keeps the newest entries and exact counts. */
export type RequestLog = SharedRequestLog<VnpostRequestLog, VnpostOperation>;

type Handler = (ctx: { body: unknown; query: URLSearchParams; customerCode: string }) => Answer;

interface Route {
  method: 'GET' | 'POST';
  operation: VnpostOperation;
  authenticated: boolean;
  handle: Handler;
}

/** One route: the path is the operation's name, lower case (VNPost's paths are case-insensitive). */
function route(
  method: Route['method'],
  operation: VnpostOperation,
  handle: Handler,
  authenticated = true,
): [string, Route] {
  return [operation.toLowerCase(), { method, operation, authenticated, handle }];
}

function routes(emulator: VnpostEmulator): Map<string, Route> {
  const c = emulator.catalog;
  return new Map([
    route('POST', 'getAccessToken', ({ body }) => emulator.login(body), false),
    route('GET', 'getAllProvince', () => emulator.catalogRows(c.provinces, 'province')),
    route('GET', 'getAllDistrict', () => emulator.catalogRows(c.districts, 'district', 'provinceCode')),
    route('GET', 'getAllCommune', () => emulator.catalogRows(c.communes, 'commune', 'districtCode')),
    route('GET', 'getNewProvinceAll', () => emulator.catalogRows(c.provincesNew, 'province')),
    // The 2025 list keeps the province under `districtCode`, as integrators report.
    route('GET', 'getNewCommuneAll', () => emulator.catalogRows(c.communesNew, 'commune', 'districtCode')),
    route('POST', 'servicesCharge', ({ body }) => emulator.servicesCharge(body)),
    route('POST', 'createOrder', ({ body, customerCode }) => emulator.createOrder(body, customerCode)),
    route('GET', 'createOrderByDraft', ({ query, customerCode }) =>
      emulator.publishDraft(query.get('code') ?? '', customerCode),
    ),
    route('GET', 'getOrder', ({ query, customerCode }) => emulator.getOrder(query, customerCode)),
    route('GET', 'getListOrder', ({ query, customerCode }) => emulator.listOrders(query, customerCode)),
    route('GET', 'getStatusHistoryOrder', ({ query, customerCode }) => emulator.history(query, customerCode)),
    route('POST', 'orderCancel', ({ body, customerCode }) => emulator.cancel(body, customerCode)),
    route('POST', 'orderCorrection', ({ body, customerCode }) => emulator.correct(body, customerCode)),
    route('POST', 'exportListReport', ({ body, customerCode }) => emulator.labels(body, customerCode)),
  ]);
}

function redact(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([k, v]) => [
      k,
      /password|token/i.test(k) ? '[redacted]' : v,
    ]),
  );
}

/** `commitLate` writes not yet committed: each runs once, at its delay or when settled early. */
export class LateCommits {
  readonly #pending = new Map<NodeJS.Timeout, () => void>();
  get size(): number {
    return this.#pending.size;
  }
  add(commit: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      commit();
    }, delayMs).unref();
    this.#pending.set(timer, commit);
  }
  /** Commits every pending write now, in arrival order; returns how many. */
  settle(): number {
    const due = [...this.#pending];
    this.#pending.clear();
    for (const [timer, commit] of due) {
      clearTimeout(timer);
      commit();
    }
    return due.length;
  }
  /** Drops every pending write (the sandbox is closing). */
  clear(): void {
    for (const timer of this.#pending.keys()) clearTimeout(timer);
    this.#pending.clear();
  }
}

export function createVnpostServer(
  emulator: VnpostEmulator,
  faults: VnpostFaults,
  log: RequestLog,
  random: () => number,
  late: LateCommits = new LateCommits(),
): Server {
  const table = routes(emulator);
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const route = url.pathname.toLowerCase().startsWith(PREFIX)
      ? table.get(url.pathname.slice(PREFIX.length).toLowerCase())
      : undefined;
    const entry: VnpostRequestLog = {
      atMs: emulator.now(),
      method: req.method ?? 'GET',
      operation: route?.operation,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      httpStatus: null,
      fault: undefined,
    };
    const send = (answer: Answer) => {
      entry.httpStatus = answer.status;
      log.add(entry);
      const text = JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(text);
    };
    try {
      const raw = (
        await readBody(req, MAX_BODY_BYTES, () => new SandboxHttpError(413, 'Body quá lớn'))
      ).toString('utf8');
      let body: unknown;
      if (raw.trim() !== '') {
        try {
          body = JSON.parse(raw);
        } catch {
          throw new SandboxHttpError(400, 'Body không phải JSON');
        }
      }
      entry.body = redact(body);
      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      if (!route) throw new SandboxHttpError(404, 'Không tìm thấy API');
      if (route.method !== req.method) throw new SandboxHttpError(405, 'Sai phương thức');
      if (
        consume(faults.failNext, route.operation) ||
        (faults.errorRate > 0 && random() < faults.errorRate)
      ) {
        entry.fault = 'http500';
        send({ status: 500, body: { success: false, message: 'Lỗi hệ thống' } });
        return;
      }
      const token = req.headers.token;
      const customerCode = route.authenticated
        ? emulator.authenticate(Array.isArray(token) ? token[0] : token)
        : '';
      if (consume(faults.commitLate, route.operation)) {
        entry.fault = 'dropped';
        log.add(entry);
        req.socket.destroy();
        late.add(() => {
          try {
            route.handle({ body, query: url.searchParams, customerCode });
          } catch {
            // A refused late commit changes nothing.
          }
        }, faults.commitLateMs);
        return;
      }
      const answer = route.handle({ body, query: url.searchParams, customerCode });
      if (consume(faults.dropResponseAfterCommit, route.operation)) {
        entry.fault = 'dropped';
        log.add(entry);
        req.socket.destroy();
        return;
      }
      if (consume(faults.fail500AfterCommit, route.operation)) {
        entry.fault = 'http500';
        send({ status: 500, body: { success: false, message: 'Lỗi hệ thống' } });
        return;
      }
      send(answer);
    } catch (error) {
      if (error instanceof SandboxHttpError) {
        send({ status: error.status, body: { success: false, message: error.message } });
        return;
      }
      send({ status: 500, body: { success: false, message: 'Lỗi hệ thống' } });
    }
  });
}
