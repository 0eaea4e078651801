import { INTEGER, PROBABILITY } from '../handle-guard.js';
import { everyName } from '../operation-counts.js';
import * as rule from '../sandbox-options.js';
import { countsOf, listOf, type OptionTable, objectWith, oneOf } from '../sandbox-options.js';
import type { ViettelPostAccountSpec } from './accounts.js';
import type { ViettelPostFaults, ViettelPostOperation } from './faults.js';
import { FIRST_MILES, type FirstMile, type JourneyEnding } from './journey.js';
import type { SandboxOrder } from './order-types.js';
import type { ViettelPostWebhookChaos } from './webhooks.js';

export const DEFAULT_LOGIN_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
export const DEFAULT_OWNER_TOKEN_TTL_MS = 365 * 24 * 60 * 60 * 1000;
export const DEFAULT_STEP_MS = 2_000;
export const DEFAULT_WEBHOOK_RETRY_DELAY_MS = 500;
export const DEFAULT_WEBHOOK_MAX_RETRIES = 5;
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;
export const DEFAULT_FAIL_REASON_CODE = '30';

export interface ViettelPostSandboxOptions {
  /** TCP port on 127.0.0.1. @default 0 (any free port) */
  port?: number;
  /** Folder holding the vn-admin JSON files. @default found by walking up from the module to `data/vn-admin` */
  dataDir?: string;
  /** Create the demo partner + member accounts (see VIETTELPOST_SANDBOX_DEMO). @default true */
  demoAccounts?: boolean;
  /** Orders of the demo accounts start at 100 instead of -100. @default false */
  autoApprove?: boolean;
  /** Extra accounts, besides the demo ones. @default [] */
  accounts?: ViettelPostAccountSpec[];
  /** Lifetime of /v2/user/Login and LoginVTP tokens. @default 12 h */
  loginTokenTtlMs?: number;
  /** Lifetime of /v2/user/ownerconnect tokens. @default 365 days */
  ownerTokenTtlMs?: number;
  /**
   * Accept short Login tokens on business endpoints. Off by default: integrators report that
   * createOrder/getPriceAll want the ownerconnect token.
   * @default false
   */
  loginTokenBusinessAccess?: boolean;
  /** Pricing endpoints skip the token check, as seen on partnerdev. @default false */
  pricingWithoutToken?: boolean;
  /** HTTP status of token errors (the body always says `status: 401`). @default 200 */
  authErrorHttpStatus?: 200 | 401;
  /** Clock for token expiry and status dates (epoch ms). @default Date.now */
  now?: () => number;
  /** Seed of the PRNG behind probabilistic knobs. @default 20250701 */
  seed?: number;
  /** First waybill number handed out. @default a process-wide counter from 15878180012 */
  firstWaybillNumber?: number;
  /** Courier clock: ms between journey steps; 0 = only `advance()` moves orders. @default 2000 */
  stepMs?: number;
  /** How approved orders end. @default 'delivered' */
  ending?: JourneyEnding;
  /** Per-order ending; return undefined to use `ending`. @default every order uses `ending` */
  endingFor?: (order: SandboxOrder) => JourneyEnding | undefined;
  /** REASON_CODE sent with status 505. @default '30' (receiver does not want it) */
  failReasonCode?: string;
  /** Send a -100 event when an order is created. @default true */
  webhookOnCreate?: boolean;
  /** Where journey events are POSTed (accounts may override). @default none: no webhook is sent */
  webhookUrl?: string;
  /** Sent as `Authorization` header and body `TOKEN`. @default 'vtp-sandbox-webhook-secret' */
  webhookSecret?: string;
  /** Pause between webhook retries. @default 500 */
  webhookRetryDelayMs?: number;
  /** Retries after a non-200 answer. @default 5 */
  webhookMaxRetries?: number;
  /** Per-attempt timeout. @default 5000 */
  webhookTimeoutMs?: number;
  /** Duplicate / out-of-order deliveries. @default none (each event once, in order) */
  webhookChaos?: ViettelPostWebhookChaos;
  /** Fault injection. @default none */
  faults?: Partial<ViettelPostFaults>;
  /**
   * How parcels reach ViettelPost after approval: `pickup` (102–105), `postOffice` (−108) or
   * `collectionPoint` (−109, −110); `mixed` cycles through the three by order (1st pickup, 2nd post
   * office, 3rd collection point …), so journeys carry the negative codes too.
   * @default 'mixed'
   */
  firstMile?: FirstMile | 'mixed';
  /** Per-order first mile by partner reference; return undefined to use `firstMile`. @default none */
  firstMileFor?: (reference: string) => FirstMile | undefined;
  /**
   * Message of the CHECK_UNIQUE refusal. VTP documents none (contract §6.4, §12); set another wording
   * to test a client that must not depend on the default one.
   * @default DEFAULT_DUPLICATE_REFUSAL
   */
  duplicateRefusalMessage?: string;
  /**
   * Refuse the two-level pseudo-district (100000000 + province id) as `*_DISTRICT` with a new ward
   * ("Incorrect data: RECEIVER_DISTRICT"); district 0 and mapped old districts stay accepted. Real VTP's
   * behaviour is undocumented (see docs/sandbox-viettelpost.md). @default false
   */
  refusePseudoDistrict?: boolean;
}

/** Every operation, as `faults.failNext` and `faults.dropResponseAfterCommit` name it (none can be left out). */
const VIETTELPOST_OPERATIONS = everyName<ViettelPostOperation>()(
  'login ownerConnect loginVtp listProvinceById listProvince listDistrict listWards listProvinceNew listWardsNew listService listServiceExtra listBuuCucVTP listInventory registerInventory getPrice getPriceNlp getPriceAll getPriceAllNlp createOrder createOrderNlp editOrder updateOrder printingCode registerOrderHook printLabel',
);

const COUNTS = countsOf(VIETTELPOST_OPERATIONS);

/** ViettelPost's faults (`setFaults` and `options.faults`): no other key, counts by operation name. */
export const VIETTELPOST_FAULTS = objectWith({
  latencyMs: rule.NON_NEGATIVE,
  errorRate: PROBABILITY,
  errorKind: oneOf(['http500', 'systemError']),
  failNext: COUNTS,
  dropResponseAfterCommit: COUNTS,
});

/** `setWebhookChaos` and `options.webhookChaos`. */
export const VIETTELPOST_CHAOS = objectWith({
  duplicateProbability: PROBABILITY,
  outOfOrderProbability: PROBABILITY,
  duplicateStatuses: listOf(INTEGER),
  outOfOrderStatuses: listOf(INTEGER),
  jitterMs: rule.NON_NEGATIVE,
});

/** An account to add (`addAccount` and `options.accounts`). */
export const VIETTELPOST_ACCOUNT = objectWith(
  {
    username: rule.A_TEXT,
    password: rule.A_TEXT,
    name: rule.A_TEXT,
    phone: rule.A_TEXT,
    isPartner: rule.A_BOOLEAN,
    partner: rule.A_TEXT,
    autoApprove: rule.A_BOOLEAN,
    loginVtpSecret: rule.A_TEXT,
    webhookUrl: rule.A_URL,
    webhookSecret: rule.A_TEXT,
  } satisfies Record<keyof ViettelPostAccountSpec, rule.OptionRule>,
  ['username', 'password'],
);

/** Every option of `startViettelPostSandbox`, as `checkSandboxOptions` checks it. */
export const VIETTELPOST_OPTIONS: OptionTable<ViettelPostSandboxOptions> = {
  port: rule.PORT,
  dataDir: rule.A_TEXT,
  demoAccounts: rule.A_BOOLEAN,
  autoApprove: rule.A_BOOLEAN,
  accounts: listOf(VIETTELPOST_ACCOUNT),
  loginTokenTtlMs: rule.NON_NEGATIVE,
  ownerTokenTtlMs: rule.NON_NEGATIVE,
  loginTokenBusinessAccess: rule.A_BOOLEAN,
  pricingWithoutToken: rule.A_BOOLEAN,
  authErrorHttpStatus: oneOf([200, 401]),
  now: rule.A_FUNCTION,
  seed: rule.A_NUMBER,
  firstWaybillNumber: rule.WHOLE_NUMBER,
  stepMs: rule.NON_NEGATIVE,
  ending: oneOf(['delivered', 'failed', 'returned', 'cancelledByVtp'] satisfies JourneyEnding[]),
  endingFor: rule.A_FUNCTION,
  failReasonCode: rule.A_TEXT,
  webhookOnCreate: rule.A_BOOLEAN,
  webhookUrl: rule.A_URL,
  webhookSecret: rule.A_TEXT,
  webhookRetryDelayMs: rule.NON_NEGATIVE,
  webhookMaxRetries: rule.WHOLE_NUMBER,
  webhookTimeoutMs: rule.NON_NEGATIVE,
  webhookChaos: VIETTELPOST_CHAOS,
  faults: VIETTELPOST_FAULTS,
  firstMile: oneOf([...FIRST_MILES, 'mixed']),
  firstMileFor: rule.A_FUNCTION,
  duplicateRefusalMessage: rule.A_TEXT,
  refusePseudoDistrict: rule.A_BOOLEAN,
};
