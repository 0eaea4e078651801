import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { SANDBOX_DEMO_IDENTITIES } from '../demo-identities.js';
import {
  ANY_TEXT,
  arg,
  CARRIER_TRAFFIC_GUARDS,
  drives,
  drivesAsync,
  guardCarrierHandle,
  type HandleTable,
  optional,
  PROBABILITY,
  reads,
} from '../handle-guard.js';
import { listenOn, stopServer } from '../listen.js';
import { createRandom } from '../marketplace/rng.js';
import { everyName } from '../operation-counts.js';
import { type CarrierTraffic, carrierTraffic, RequestLog } from '../request-log.js';
import * as rule from '../sandbox-options.js';
import {
  A_FUNCTION,
  A_TEXT,
  A_URL,
  AN_OBJECT,
  checkSandboxOptions,
  countsOf,
  listOf,
  rule as makeRule,
  NON_NEGATIVE,
  type OptionTable,
  objectWith,
  oneOf,
  WHOLE_NUMBER,
} from '../sandbox-options.js';
import { loadSandboxCatalog } from './catalog.js';
import { type VnpostEmulator as Emulator, VnpostEmulator } from './emulator.js';
import { defaultFaults, type VnpostFaults, type VnpostOperation } from './faults.js';
import type { VnpostJourneyEnding } from './journey.js';
import type { VnpostSandboxAccount, VnpostSandboxOrder, VnpostSandboxStatusEvent } from './order-types.js';
import { createVnpostServer, LateCommits, type VnpostRequestLog } from './server.js';
import { type VnpostWebhookChaos, type VnpostWebhookDeliveryLog, WebhookDispatcher } from './webhooks.js';

/** The demo account created by default. */
export const VNPOST_SANDBOX_DEMO = SANDBOX_DEMO_IDENTITIES.vnpost;

export interface VnpostSandboxOptions {
  /** @default 0 (a free port) */
  port?: number;
  /** The sandbox clock (epoch ms): timestamps, token expiry, list filters. @default Date.now */
  clock?: () => number;
  /** Courier clock: ms between journey steps; 0 = only `advance()` moves parcels. @default 2000 */
  stepMs?: number;
  /** How journeys end unless `setJourney({ endingFor })` says otherwise. @default 'delivered' */
  ending?: VnpostJourneyEnding;
  /** Token lifetime in ms. @default 3 600 000 */
  tokenTtlMs?: number;
  /** Where status webhooks go. @default none (set later with `setWebhook`) */
  webhookUrl?: string;
  /** Between delivery attempts (× attempt number), in ms. @default 200 */
  webhookRetryDelayMs?: number;
  /** @default 5 */
  webhookMaxRetries?: number;
  faults?: Partial<VnpostFaults>;
  /** Seed of the chaos and error-rate dice. @default 1 */
  seed?: number;
  /** Create the demo account. @default true */
  demoAccount?: boolean;
  /**
   * The number of the first parcel (the 9 digits of EB…VN): a run that records waybills somewhere that
   * outlives the sandbox starts past the last one it recorded, so no waybill is handed out twice.
   * @default 100001 (EB000100001VN)
   */
  firstItemNumber?: number;
}

export interface VnpostSandboxState
  extends CarrierTraffic<VnpostRequestLog, VnpostOperation, VnpostWebhookDeliveryLog> {
  orders(): VnpostSandboxOrder[];
  order(itemCode: string): VnpostSandboxOrder | undefined;
  /** Every order carrying this `saleOrderCode` (more than one = a duplicate parcel). */
  ordersByReference(reference: string): VnpostSandboxOrder[];
  history(itemCode: string): VnpostSandboxStatusEvent[];
  /** Every token GetAccessToken has issued (for tests that check no token leaks into logs). */
  issuedTokens(): string[];
}

export interface VnpostSandbox {
  /** Base URL to give the adapter as `baseUrl`, e.g. http://127.0.0.1:53211. */
  url: string;
  /** The same as `url`, under the name every other sandbox uses (`vnpost({ baseUrl: box.baseUrl })`). */
  baseUrl: string;
  port: number;
  /** The demo account (username, password, customerCode). */
  credentials: { username: string; password: string; customerCode: string };
  /** PEM of the key the sandbox signs webhooks with: give it to the adapter as `webhookPublicKey`. */
  readonly webhookPublicKey: string;
  state: VnpostSandboxState;
  faults: VnpostFaults;
  setFaults(faults: Partial<VnpostFaults>): void;
  setWebhook(url: string | undefined): void;
  setWebhookChaos(chaos: VnpostWebhookChaos): void;
  /** Sign webhooks with another private key from now on (a "re-signed" impostor). */
  setWebhookSigningKey(privateKey: KeyObject): void;
  /** A correctly shaped delivery signed with `privateKey` (default: the sandbox's own). */
  webhookPayload(items: Record<string, unknown>[], sendDate: string, privateKey?: KeyObject): string;
  setJourney(journey: {
    stepMs?: number;
    ending?: VnpostJourneyEnding;
    endingFor?: (order: VnpostSandboxOrder) => VnpostJourneyEnding | undefined;
  }): void;
  /** Walks a parcel's journey (to the end, or to `toStatus`); resolves after its webhooks. */
  advance(itemCode: string, toStatus?: string): Promise<string>;
  /** Moves a parcel to any status code (also ones no table knows) and sends its webhook. */
  pushStatus(itemCode: string, status: string, statusName: string): Promise<void>;
  /**
   * `approval`: orderCancel answers Type "02" (waiting for VNPost's approval) and changes nothing until
   * `approveCases()`. @default 'immediate' (Type "00", cancelled at once)
   */
  setCancelMode(mode: 'immediate' | 'approval'): void;
  /** Decides every cancel waiting for approval; resolves with the item codes cancelled, after their webhooks. */
  approveCases(decision?: 'approve' | 'refuse'): Promise<string[]>;
  addAccount(account: VnpostSandboxAccount): void;
  /** Expires every issued token (the next call is refused with HTTP 403). */
  expireTokens(): void;
  webhooksIdle(): Promise<void>;
  /**
   * Commits now every write a `commitLate` fault still holds back (as if `commitLateMs` had passed);
   * returns how many. Tests use it to decide when the lagging create lands, without waiting.
   */
  commitLateNow(): number;
  close(): Promise<void>;
}

/** Starts a stateful MyVNPost customer-partner emulator on 127.0.0.1. */
/** Every option of `startVnpostSandbox`, as `checkSandboxOptions` checks it. */
/** Every operation, as the faults' counts name it (none can be left out). */
const VNPOST_OPERATIONS = everyName<VnpostOperation>()(
  'getAccessToken getAllProvince getAllDistrict getAllCommune getNewProvinceAll getNewCommuneAll servicesCharge createOrder createOrderByDraft getOrder getListOrder getStatusHistoryOrder orderCancel orderCorrection exportListReport',
);

const COUNTS = countsOf(VNPOST_OPERATIONS);

/** VNPost's faults (`setFaults` and `options.faults`): no other key, counts by operation name. */
const FAULTS = objectWith({
  latencyMs: NON_NEGATIVE,
  errorRate: PROBABILITY,
  failNext: COUNTS,
  dropResponseAfterCommit: COUNTS,
  fail500AfterCommit: COUNTS,
  commitLate: COUNTS,
  commitLateMs: NON_NEGATIVE,
});

const CHAOS = objectWith({ duplicateProbability: PROBABILITY, duplicateStatuses: listOf(A_TEXT) });

const PRIVATE_KEY = makeRule(
  (v) => v instanceof KeyObject && v.type === 'private',
  'một khóa riêng (KeyObject, type "private")',
  'a private key (a KeyObject of type "private")',
);

const VNPOST_OPTIONS: OptionTable<VnpostSandboxOptions> = {
  port: rule.PORT,
  clock: rule.A_FUNCTION,
  stepMs: rule.NON_NEGATIVE,
  ending: oneOf(['delivered', 'returned'] satisfies VnpostJourneyEnding[]),
  tokenTtlMs: rule.NON_NEGATIVE,
  webhookUrl: rule.A_URL,
  webhookRetryDelayMs: rule.NON_NEGATIVE,
  webhookMaxRetries: rule.WHOLE_NUMBER,
  faults: FAULTS,
  seed: rule.A_NUMBER,
  demoAccount: rule.A_BOOLEAN,
  firstItemNumber: rule.WHOLE_NUMBER,
};

export async function startVnpostSandbox(options: VnpostSandboxOptions = {}): Promise<VnpostSandbox> {
  checkSandboxOptions('startVnpostSandbox', options, VNPOST_OPTIONS);
  const clock = options.clock ?? Date.now;
  const random = createRandom(options.seed ?? 1);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dispatcher = new WebhookDispatcher(
    privateKey,
    {
      retryDelayMs: options.webhookRetryDelayMs ?? 200,
      maxRetries: options.webhookMaxRetries ?? 5,
      timeoutMs: 5_000,
      random,
    },
    clock,
  );
  dispatcher.url = options.webhookUrl;
  const emulator: Emulator = new VnpostEmulator(loadSandboxCatalog(), dispatcher, {
    clock,
    tokenTtlMs: options.tokenTtlMs ?? 3_600_000,
    stepMs: options.stepMs ?? 2_000,
    ending: options.ending ?? 'delivered',
    ...(options.firstItemNumber !== undefined ? { firstItemNumber: options.firstItemNumber } : {}),
  });
  if (options.demoAccount ?? true)
    emulator.accounts.set(VNPOST_SANDBOX_DEMO.username, { ...VNPOST_SANDBOX_DEMO });
  const faults: VnpostFaults = { ...defaultFaults(), ...options.faults };
  const log = new RequestLog<VnpostRequestLog, VnpostOperation>();
  const late = new LateCommits();
  const server = createVnpostServer(emulator, faults, log, random, late);
  const { port, origin } = await listenOn(server, options.port ?? 0, '127.0.0.1');
  const all = () => [...emulator.orders.values()];
  let closed = false;
  const sandbox: VnpostSandbox = {
    url: origin,
    baseUrl: origin,
    port,
    credentials: { ...VNPOST_SANDBOX_DEMO },
    webhookPublicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    state: {
      orders: all,
      order: (itemCode) => emulator.orders.get(itemCode),
      ordersByReference: (reference) => all().filter((o) => o.saleOrderCode === reference),
      history: (itemCode) => emulator.orders.get(itemCode)?.history ?? [],
      ...carrierTraffic(log, () => dispatcher.log),
      issuedTokens: () => [...emulator.tokens.keys()],
    },
    faults,
    setFaults(next) {
      Object.assign(faults, next);
    },
    setWebhook(url) {
      dispatcher.url = url;
    },
    setWebhookChaos(chaos) {
      dispatcher.chaos = { ...dispatcher.chaos, ...chaos };
    },
    setWebhookSigningKey(key) {
      dispatcher.signingKey = key;
    },
    webhookPayload: (items, sendDate, key) => dispatcher.payload(items, sendDate, key),
    setJourney(journey) {
      if (journey.stepMs !== undefined) emulator.options.stepMs = journey.stepMs;
      if (journey.ending !== undefined) emulator.options.ending = journey.ending;
      if (journey.endingFor !== undefined) emulator.endingFor = journey.endingFor;
    },
    advance: (itemCode, toStatus) => emulator.advance(itemCode, toStatus),
    pushStatus: (itemCode, status, statusName) => emulator.pushStatus(itemCode, status, statusName),
    setCancelMode(mode) {
      emulator.cancelMode = mode;
    },
    approveCases: (decision) => emulator.approveCases(decision),
    addAccount: (account) => {
      emulator.accounts.set(account.username, { ...account });
    },
    expireTokens: () => emulator.expireTokens(),
    webhooksIdle: () => dispatcher.idle(),
    commitLateNow: () => late.settle(),
    close: async () => {
      if (closed) return;
      closed = true;
      late.clear();
      emulator.close();
      await stopServer(server);
    },
  };
  return guardCarrierHandle(sandbox, 'VNPost', { state: STATE_GUARDS, handle: HANDLE_GUARDS }, () => closed);
}

const STATE_GUARDS: HandleTable<VnpostSandboxState> = {
  orders: reads(),
  order: reads(arg('itemCode', A_TEXT)),
  ordersByReference: reads(arg('reference', ANY_TEXT)),
  history: reads(arg('itemCode', A_TEXT)),
  issuedTokens: reads(),
  ...CARRIER_TRAFFIC_GUARDS,
};

const ENDING = oneOf(['delivered', 'returned'] satisfies VnpostJourneyEnding[]);

const HANDLE_GUARDS: HandleTable<VnpostSandbox> = {
  setFaults: drives(arg('faults', FAULTS)),
  setWebhook: drives(optional('url', A_URL)),
  setWebhookChaos: drives(arg('chaos', CHAOS)),
  setWebhookSigningKey: drives(arg('privateKey', PRIVATE_KEY)),
  webhookPayload: reads(
    arg('items', listOf(AN_OBJECT)),
    arg('sendDate', A_TEXT),
    optional('privateKey', PRIVATE_KEY),
  ),
  setJourney: drives(
    arg('journey', objectWith({ stepMs: WHOLE_NUMBER, ending: ENDING, endingFor: A_FUNCTION })),
  ),
  advance: drivesAsync(arg('itemCode', A_TEXT), optional('toStatus', A_TEXT)),
  pushStatus: drivesAsync(arg('itemCode', A_TEXT), arg('status', A_TEXT), arg('statusName', ANY_TEXT)),
  setCancelMode: drives(arg('mode', oneOf(['immediate', 'approval']))),
  approveCases: drivesAsync(optional('decision', oneOf(['approve', 'refuse']))),
  addAccount: drives(
    arg(
      'account',
      objectWith({ username: A_TEXT, password: A_TEXT, customerCode: A_TEXT }, [
        'username',
        'password',
        'customerCode',
      ]),
    ),
  ),
  expireTokens: drives(),
  webhooksIdle: reads(),
  commitLateNow: drives(),
};
