import { SANDBOX_DEMO_IDENTITIES } from '../demo-identities.js';
import {
  ANY_TEXT,
  arg,
  CARRIER_TRAFFIC_GUARDS,
  drives,
  drivesAsync,
  guardCarrierHandle,
  type HandleTable,
  INTEGER,
  ORDER,
  optional,
  reads,
  TEXT_OR_NUMBER,
  unknownId,
} from '../handle-guard.js';
import { listenOn, stopServer } from '../listen.js';
import { type CarrierTraffic, carrierTraffic, RequestLog } from '../request-log.js';
import {
  A_FUNCTION,
  A_TEXT,
  A_URL,
  checkSandboxOptions,
  objectWith,
  oneOf,
  WHOLE_NUMBER,
} from '../sandbox-options.js';
import type { SandboxAccount, SandboxInventory, ViettelPostAccountSpec } from './accounts.js';
import { loadCatalog } from './catalog.js';
import { resolveVnAdminDataDir } from './data-dir.js';
import { ViettelPostEmulator } from './emulator.js';
import type { ViettelPostFaults, ViettelPostOperation } from './faults.js';
import type { JourneyEnding } from './journey.js';
import {
  VIETTELPOST_ACCOUNT,
  VIETTELPOST_CHAOS,
  VIETTELPOST_FAULTS,
  VIETTELPOST_OPTIONS,
  type ViettelPostSandboxOptions,
} from './options.js';
import type { SandboxOrder, SandboxStatusEvent } from './order-types.js';
import { createViettelPostServer, type ViettelPostRequestLog } from './server.js';
import type { ViettelPostWebhookChaos, WebhookDeliveryLog } from './webhooks.js';

/** Demo accounts created by default. */
export const VIETTELPOST_SANDBOX_DEMO = {
  /** Partner account: logs in, ownerconnects to itself or to the member below. */
  partner: SANDBOX_DEMO_IDENTITIES.viettelpost.partner,
  /** Cooperative account whose partner is the demo partner. */
  member: SANDBOX_DEMO_IDENTITIES.viettelpost.member,
  /** Secret accepted by /v2/user/LoginVTP, acting as the member. */
  loginVtpSecret: SANDBOX_DEMO_IDENTITIES.viettelpost.loginVtpSecret,
} as const;

export interface ViettelPostAccountInfo {
  userId: number;
  username: string;
  password: string;
  isPartner: boolean;
  partner: string | undefined;
  inventories: SandboxInventory[];
}

export interface ViettelPostSandboxState
  extends CarrierTraffic<ViettelPostRequestLog, ViettelPostOperation, WebhookDeliveryLog> {
  /** Every order, including deleted ones (flag `deleted`). */
  orders(): SandboxOrder[];
  orderByWaybill(waybill: string): SandboxOrder | undefined;
  /** All orders created with this partner ORDER_NUMBER (several without CHECK_UNIQUE). */
  ordersByReference(reference: string): SandboxOrder[];
  /** The most recent order with this partner ORDER_NUMBER. */
  orderByReference(reference: string): SandboxOrder | undefined;
  /** Status history of one order (what the webhooks carried). */
  history(waybill: string): SandboxStatusEvent[];
  /** Calls to /v2/user/Login (any outcome). */
  loginCount(): number;
  /** Calls to /v2/user/ownerconnect (any outcome). */
  ownerConnectCount(): number;
  accounts(): ViettelPostAccountInfo[];
}

export interface ViettelPostSandbox {
  /** Base URL, e.g. http://127.0.0.1:53211 (use as the partner host; paths start with /v2 or /v3). */
  url: string;
  /** The same as `url`, under the name the marketplace sandboxes use (`voso({ baseUrl })`, `viettelpost({ baseUrl })`). */
  baseUrl: string;
  port: number;
  /** Demo partner login (USERNAME/PASSWORD). */
  credentials: { username: string; password: string };
  /** Demo member (cooperative) login, delegable by the partner through ownerconnect. */
  memberCredentials: { username: string; password: string };
  /** Secret for /v2/user/LoginVTP. */
  loginVtpSecret: string;
  /** Webhook secret currently sent as `Authorization` and `TOKEN`. */
  readonly webhookSecret: string;
  state: ViettelPostSandboxState;
  /** Live fault knobs (mutating them takes effect immediately). */
  faults: ViettelPostFaults;
  setFaults(faults: Partial<ViettelPostFaults>): void;
  setWebhook(url: string | undefined, secret?: string): void;
  setWebhookChaos(chaos: ViettelPostWebhookChaos): void;
  setJourney(journey: {
    stepMs?: number;
    ending?: JourneyEnding;
    endingFor?: (order: SandboxOrder) => JourneyEnding | undefined;
    failReasonCode?: string;
  }): void;
  /** Pins how one order ends (re-plans it if already moving). */
  setOrderEnding(waybill: string, ending: JourneyEnding): void;
  /** One journey step, or up to `toStatus`; resolves after the webhooks were delivered (or gave up). */
  advance(waybill: string, toStatus?: number): Promise<number>;
  addAccount(spec: ViettelPostAccountSpec): ViettelPostAccountInfo;
  /** Expires every issued token now (re-authentication tests). */
  expireTokens(): void;
  /** Resolves when no webhook delivery is pending. */
  webhooksIdle(): Promise<void>;
  /** Label page URL for a print code (the sandbox serves /DigitalizePrint/report.do itself). */
  labelUrl(printCode: string, type?: string | number): string;
  close(): Promise<void>;
}

function accountInfo(account: SandboxAccount): ViettelPostAccountInfo {
  return {
    userId: account.userId,
    username: account.username,
    password: account.password,
    isPartner: account.isPartner,
    partner: account.partnerUsername,
    inventories: account.inventories,
  };
}

function addDemoAccounts(emulator: ViettelPostEmulator, autoApprove: boolean): void {
  const { catalog, accounts } = emulator;
  const demo = VIETTELPOST_SANDBOX_DEMO;
  const partner = accounts.add({ ...demo.partner, isPartner: true, autoApprove });
  const member = accounts.add({
    ...demo.member,
    partner: demo.partner.username,
    autoApprove,
    loginVtpSecret: demo.loginVtpSecret,
  });
  // Both warehouses sit in the former Vĩnh Linh district, Quảng Trị (old ward Hồ Xá, GSO 19363).
  const hoXa = catalog.oldWards.find((w) => w.gsoCode === '19363');
  if (hoXa) {
    for (const account of [partner, member]) {
      accounts.addInventory(catalog, account, {
        name: demo.member.name,
        phone: '0912345678',
        address: '36 Lê Duẩn, khóm 3, thị trấn Hồ Xá',
        wardId: hoXa.id,
      });
    }
  }
}

/** Starts a stateful ViettelPost partner-API emulator on 127.0.0.1. */
export async function startViettelPostSandbox(
  options: ViettelPostSandboxOptions = {},
): Promise<ViettelPostSandbox> {
  checkSandboxOptions('startViettelPostSandbox', options, VIETTELPOST_OPTIONS);
  const catalog = loadCatalog(resolveVnAdminDataDir(options.dataDir));
  const emulator = new ViettelPostEmulator(catalog, options);
  if (options.demoAccounts ?? true) addDemoAccounts(emulator, options.autoApprove ?? false);
  for (const spec of options.accounts ?? []) emulator.accounts.add(spec);

  const log = new RequestLog<ViettelPostRequestLog, ViettelPostOperation>();
  const server = createViettelPostServer(emulator, log);
  const { port, origin } = await listenOn(server, options.port ?? 0, '127.0.0.1');
  const url = origin;
  const traffic = carrierTraffic(log, () => emulator.dispatcher.log);
  const allOrders = () => [...emulator.orders.values()];

  const state: ViettelPostSandboxState = {
    orders: allOrders,
    orderByWaybill: (waybill) => emulator.orders.get(waybill),
    ordersByReference: (reference) => allOrders().filter((o) => o.reference === reference),
    orderByReference: (reference) =>
      allOrders()
        .filter((o) => o.reference === reference)
        .at(-1),
    history: (waybill) => emulator.orders.get(waybill)?.history ?? [],
    ...traffic,
    loginCount: () => traffic.requestCount('login'),
    ownerConnectCount: () => traffic.requestCount('ownerConnect'),
    accounts: () => emulator.accounts.accounts.map(accountInfo),
  };

  const demo = VIETTELPOST_SANDBOX_DEMO;
  let closed = false;
  const sandbox: ViettelPostSandbox = {
    url,
    baseUrl: url,
    port,
    credentials: { username: demo.partner.username, password: demo.partner.password },
    memberCredentials: { username: demo.member.username, password: demo.member.password },
    loginVtpSecret: demo.loginVtpSecret,
    get webhookSecret() {
      return emulator.webhook.secret;
    },
    state,
    faults: emulator.faults,
    setFaults(faults) {
      Object.assign(emulator.faults, faults);
    },
    setWebhook(webhookUrl, secret) {
      emulator.webhook.url = webhookUrl;
      if (secret !== undefined) emulator.webhook.secret = secret;
    },
    setWebhookChaos(chaos) {
      emulator.dispatcher.chaos = { ...emulator.dispatcher.chaos, ...chaos };
    },
    setJourney(journey) {
      Object.assign(emulator.journey, journey);
      // A new clock speed applies to orders already moving (or parked while stepMs was 0).
      for (const order of emulator.orders.values()) if (order.plan.length > 0) emulator.schedule(order);
    },
    setOrderEnding(waybill, ending) {
      const order = emulator.orders.get(waybill);
      if (!order || order.deleted) {
        throw unknownId({ sandbox: 'ViettelPost', method: 'setOrderEnding' }, ORDER, waybill);
      }
      emulator.setEnding(order, ending);
    },
    advance: (waybill, toStatus) => emulator.advance(waybill, toStatus),
    addAccount: (spec) => accountInfo(emulator.accounts.add(spec)),
    expireTokens: () => emulator.accounts.expireAll(),
    webhooksIdle: () => emulator.dispatcher.idle(),
    labelUrl: (printCode, type = 1) =>
      `${url}/DigitalizePrint/report.do?type=${encodeURIComponent(String(type))}&bill=${encodeURIComponent(printCode)}&showPostage=1`,
    close: async () => {
      if (closed) return;
      closed = true;
      await emulator.close();
      await stopServer(server);
    },
  };
  return guardCarrierHandle(
    sandbox,
    'ViettelPost',
    { state: STATE_GUARDS, handle: HANDLE_GUARDS },
    () => closed,
  );
}

const STATE_GUARDS: HandleTable<ViettelPostSandboxState> = {
  orders: reads(),
  orderByWaybill: reads(arg('waybill', A_TEXT)),
  ordersByReference: reads(arg('reference', ANY_TEXT)),
  orderByReference: reads(arg('reference', A_TEXT)),
  history: reads(arg('waybill', A_TEXT)),
  loginCount: reads(),
  ownerConnectCount: reads(),
  accounts: reads(),
  ...CARRIER_TRAFFIC_GUARDS,
};

const ENDING = oneOf(['delivered', 'failed', 'returned', 'cancelledByVtp'] satisfies JourneyEnding[]);

const HANDLE_GUARDS: HandleTable<ViettelPostSandbox> = {
  setFaults: drives(arg('faults', VIETTELPOST_FAULTS)),
  setWebhook: drives(optional('url', A_URL), optional('secret', A_TEXT)),
  setWebhookChaos: drives(arg('chaos', VIETTELPOST_CHAOS)),
  setJourney: drives(
    arg(
      'journey',
      objectWith({ stepMs: WHOLE_NUMBER, ending: ENDING, endingFor: A_FUNCTION, failReasonCode: A_TEXT }),
    ),
  ),
  setOrderEnding: drives(arg('waybill', A_TEXT), arg('ending', ENDING)),
  advance: drivesAsync(arg('waybill', A_TEXT), optional('toStatus', INTEGER)),
  addAccount: drives(arg('spec', VIETTELPOST_ACCOUNT)),
  expireTokens: drives(),
  webhooksIdle: reads(),
  labelUrl: reads(arg('printCode', A_TEXT), optional('type', TEXT_OR_NUMBER)),
};
