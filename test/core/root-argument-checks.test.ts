/**
 * Trial 18b N2: every root function that takes user input, called with a wrong-typed argument, answers
 * with a library error of kind `validation` or `configuration` whose message names the argument in
 * Vietnamese and English — never a raw TypeError from deep inside. The `vn/` helpers throw a
 * VnInputError (code `invalid_argument`), the model helpers the root error, the others a
 * ValidationError (data) or ConfigurationError (options).
 */
import { describe, expect, it } from 'vitest';
import * as root from '../../src/index.js';
// Lower-level functions the connector calls (no longer root exports, #18 trial 1 defect 4): their own guards stay.
import { fulfilPending } from '../../src/sync/fulfil/fulfil-pending.js';
import { syncInventory } from '../../src/sync/inventory/sync-inventory.js';
import { exportCatalog } from '../../src/sync/onboarding/export-catalog.js';
import { linkListings } from '../../src/sync/onboarding/link-listings.js';
import { resolveOversells } from '../../src/sync/orders/oversell.js';
import { pullOrders } from '../../src/sync/orders/pull-orders.js';
import { publish } from '../../src/sync/publish/publish.js';
import { handleWebhook } from '../../src/sync/webhooks/handle-webhook.js';
import { failure } from './helpers/failure.js';

type Case = [call: string, argument: string, run: () => unknown];
const bad = <T>(value: unknown) => value as T;

const CASES: Case[] = [
  // vn: text
  ['slugify(5)', 'text', () => root.slugify(bad(5))],
  ['slugify("a", null)', 'options', () => root.slugify('a', bad(null))],
  // trial 2 defect 10: a wrong second argument is refused too
  ['slugify("x", { maxLength: "5" })', 'options.maxLength', () => root.slugify('x', bad({ maxLength: '5' }))],
  ['normalizeToneMarks("hoà", "weird")', 'style', () => root.normalizeToneMarks('hoà', bad('weird'))],
  ['formatVnd(1000, 5)', 'options', () => root.formatVnd(1000, bad(5))],
  ['formatVnd(1000, { symbol: "$" })', 'options.symbol', () => root.formatVnd(1000, bad({ symbol: '$' }))],
  ['parseVnPhone(42)', 'input', () => root.parseVnPhone(bad(42))],
  ['parseVnPhone("0912345678", 5)', 'options', () => root.parseVnPhone('0912345678', bad(5))],
  [
    'parseVnPhone("0912345678", { allowLandline: "yes" })',
    'options.allowLandline',
    () => root.parseVnPhone('0912345678', bad({ allowLandline: 'yes' })),
  ],
  ['normalizeVnPhone(42)', 'input', () => root.normalizeVnPhone(bad(42))],
  [
    'normalizeVnPhone("0912345678", { format: "E164" })',
    'options.format',
    () => root.normalizeVnPhone('0912345678', bad({ format: 'E164' })),
  ],
  ['formatVnPhone(42)', 'input', () => root.formatVnPhone(bad(42))],
  ['resolveAddress(42)', 'address', () => root.resolveAddress(bad(42))],
  [
    'formatIssue(issue, "fr")',
    'lang',
    () => root.formatIssue({ path: 'sku', code: 'x', messageVi: 'a', messageEn: 'b' }, bad('fr')),
  ],
  // trial 2 defect 17
  [
    'FileTokenStore.set(5, 5)',
    'key',
    () => root.createFileTokenStore({ dir: '/nonexistent-g1' }).set(bad(5), bad(5)),
  ],
  [
    'FileTokenStore.set("k", 5)',
    'token',
    () => root.createFileTokenStore({ dir: '/nonexistent-g1' }).set('k', bad(5)),
  ],
  [
    'FileTokenStore.set("k", { value: 5 })',
    'token',
    () => root.createFileTokenStore({ dir: '/nonexistent-g1' }).set('k', bad({ value: 5 })),
  ],
  ['FileTokenStore.get(5)', 'key', () => root.createFileTokenStore({ dir: '/nonexistent-g1' }).get(bad(5))],
  [
    'FileTokenStore.delete(null)',
    'key',
    () => root.createFileTokenStore({ dir: '/nonexistent-g1' }).delete(bad(null)),
  ],
  ['foldAccents(null)', 'text', () => root.foldAccents(bad(null))],
  ['normalizeToneMarks({})', 'text', () => root.normalizeToneMarks(bad({}))],
  ['parseQuery(5)', 'text', () => root.parseQuery(bad(5))],
  // vn: administrative units
  ['listProvinces(5)', 'era', () => root.listProvinces(bad(5))],
  ['listProvinces("2024")', 'era', () => root.listProvinces(bad('2024'))],
  ['getProvince(45)', 'code', () => root.getProvince(bad(45))],
  ['findProvince(null)', 'name', () => root.findProvince(bad(null))],
  ['findProvince("Huế", { era: 5 })', 'options.era', () => root.findProvince('Huế', bad({ era: 5 }))],
  ['suggestProvinces({})', 'name', () => root.suggestProvinces(bad({}))],
  ['listDistricts(45)', 'legacyProvinceCode', () => root.listDistricts(bad(45))],
  ['getDistrict(null)', 'code', () => root.getDistrict(bad(null))],
  ['findDistrict("45", 5)', 'name', () => root.findDistrict('45', bad(5))],
  ['suggestDistricts(45, "x")', 'legacyProvinceCode', () => root.suggestDistricts(bad(45), 'x')],
  ['listWards("44", null)', 'options', () => root.listWards('44', bad(null))],
  ['getWard(19742)', 'code', () => root.getWard(bad(19742))],
  ['findWard("44", [])', 'name', () => root.findWard('44', bad([]))],
  ['findWards(44, "x")', 'provinceCode', () => root.findWards(bad(44), 'x')],
  ['suggestWards("44", null)', 'name', () => root.suggestWards('44', bad(null))],
  ['mapProvinceTo2025(45)', 'legacyProvinceCode', () => root.mapProvinceTo2025(bad(45))],
  ['legacyProvincesOf(44)', 'newProvinceCode', () => root.legacyProvincesOf(bad(44))],
  ['mapWardTo2025(1)', 'legacyWardCode', () => root.mapWardTo2025(bad(1))],
  ['legacyWardsOf(1)', 'newWardCode', () => root.legacyWardsOf(bad(1))],
  ['mapDistrictTo2025(471)', 'legacyDistrictCode', () => root.mapDistrictTo2025(bad(471))],
  ['resolveAddress({})', 'address.province', () => root.resolveAddress(bad({}))],
  [
    'resolveAddress({ province: "Huế", ward: 5 })',
    'address.ward',
    () => root.resolveAddress(bad({ province: 'Huế', ward: 5 })),
  ],
  ['createVnAdmin(null)', 'options', () => root.createVnAdmin(bad(null))],
  ['createVnAdmin({ dataDir: 5 })', 'dataDir', () => root.createVnAdmin(bad({ dataDir: 5 }))],
  // model
  ['normaliseServiceCode(5)', 'code', () => root.normaliseServiceCode(bad(5))],
  ['addressEra(null)', 'address', () => root.addressEra(bad(null))],
  ['formatAddress("Huế")', 'address', () => root.formatAddress(bad('Huế'))],
  ['orderKey(5)', 'order', () => root.orderKey(bad(5))],
  ['productOffers({})', 'product', () => root.productOffers(bad({}))],
  ['canTransitionOrder("PAID", "SHIPPED")', 'from', () => root.canTransitionOrder(bad('PAID'), 'SHIPPED')],
  ['canTransitionShipment("CREATED", 5)', 'to', () => root.canTransitionShipment('CREATED', bad(5))],
  ['formatIssue(null)', 'issue', () => root.formatIssue(bad(null))],
  ['zodIssueText(null)', 'issue', () => root.zodIssueText(bad(null))],
  ['zodIssueText({ code: "too_small" })', 'issue', () => root.zodIssueText(bad({ code: 'too_small' }))],
  // core
  ['createTokenManager(null)', 'options', () => root.createTokenManager(bad(null))],
  ['createTokenManager({ key: 5 })', 'key', () => root.createTokenManager(bad({ key: 5 }))],
  ['bearerAuth(null)', 'options', () => root.bearerAuth(bad(null))],
  ['bearerAuth({})', 'tokenManager', () => root.bearerAuth(bad({}))],
  ['headerTokenAuth(null)', 'options', () => root.headerTokenAuth(bad(null))],
  ['loginTokenAuth(null)', 'options', () => root.loginTokenAuth(bad(null))],
  ['oauth2Auth(null)', 'options', () => root.oauth2Auth(bad(null))],
  ['shopeeSigningAuth(5)', 'options', () => root.shopeeSigningAuth(bad(5))],
  ['lazadaSigningAuth(null)', 'options', () => root.lazadaSigningAuth(bad(null))],
  ['createLogger(null)', 'options', () => root.createLogger(bad(null))],
  ['stableReference(5)', 'parts', () => root.stableReference(bad(5))],
  // stores
  ['createFileTokenStore(null)', 'options', () => root.createFileTokenStore(bad(null))],
  ['createFileTokenStore({ dir: 5 })', 'dir', () => root.createFileTokenStore(bad({ dir: 5 }))],
  ['new MemoryStore(null)', 'options', () => new root.MemoryStore(bad(null))],
  // catalog and onboarding
  ['writeCatalogTemplate(5)', 'dir', () => root.writeCatalogTemplate(bad(5))],
  ['writeCatalogTemplate("x", "../y")', 'baseName', () => root.writeCatalogTemplate('x', '../y')],
  ['writeCatalogTemplate("x", "y", null)', 'options', () => root.writeCatalogTemplate('x', 'y', bad(null))],
  ['readReviewSheet(5)', 'path', () => root.readReviewSheet(bad(5))],
  ['writeReviewSheet(null, "x.csv")', 'matches', () => root.writeReviewSheet(bad(null), 'x.csv')],
  ['writeReviewSheet([{}], "x.csv")', 'matches[0].platform', () => root.writeReviewSheet(bad([{}]), 'x.csv')],
  ['writeReviewSheet([], "x.txt")', 'path', () => root.writeReviewSheet([], 'x.txt')],
  ['exportCatalog(5, { dir: "x" })', 'adapter', () => exportCatalog(bad(5), { dir: 'x' })],
  [
    'exportCatalog(adapter, null)',
    'options',
    () => exportCatalog(bad({ platform: 'voso', account: 'a' }), bad(null)),
  ],
  [
    'exportCatalog(adapter, { dir: 5 })',
    'dir',
    () => exportCatalog(bad({ platform: 'voso', account: 'a' }), bad({ dir: 5 })),
  ],
  // fulfil
  ['chooseCarrier(5, "cheapest")', 'context', () => root.chooseCarrier(bad(5), 'cheapest')],
  [
    'chooseCarrier(context, 5)',
    'policy',
    () => root.chooseCarrier({ order: { platform: 'voso', externalId: '1' }, quotes: [] }, bad(5)),
  ],
  // orders, stock and webhooks
  ['listOrderStates(null)', 'store', () => root.listOrderStates(bad(null))],
  ['currentOrderStatus({})', 'state', () => root.currentOrderStatus(bad({}))],
  [
    'resolveOversells(store, [], null)',
    'oversold',
    () => resolveOversells(root.createMemoryStore(), [], bad(null)),
  ],
  ['pullOrders(null)', 'options', () => pullOrders(bad(null))],
  ['syncInventory(null)', 'options', () => syncInventory(bad(null))],
  ['publish([], { to: 5 })', 'to', () => publish([], bad({ to: 5 }))],
  ['publish(5, { to: [] })', 'catalog', () => publish(bad(5), bad({ to: [] }))],
  ['fulfilPending(5, {})', 'store', () => fulfilPending(bad(5), bad({}))],
  ['bundleAvailable(5, f)', 'components', () => root.bundleAvailable(bad(5), () => 0)],
  ['linkListings(null)', 'input', () => linkListings(bad(null))],
  ['handleWebhook(null, …)', 'context', () => handleWebhook(bad(null), 'voso', '{}', {})],
  ['findVnAdminDataDir(5)', 'startDir', () => root.findVnAdminDataDir(bad(5))],
];

/**
 * Root functions without a case above, and why: no argument, any value is an answer (a predicate, a
 * validator returning issues), or their argument checks have their own tests.
 */
const ELSEWHERE = new Set([
  // no argument, or any value is an answer
  'newIdempotencyKey',
  'defaultVnAdmin',
  'isOcopConnectError',
  'isValidVnPhone',
  'tryParseVnd',
  'validateCatalog',
  'validateProduct',
  'createMemoryShipmentStore',
  'createMemoryMarketplaceShipmentStore',
  // checked in argument-checks.test.ts, connector-options.test.ts, test/vn and test/bad-input
  // (MemoryTokenStore's get/set/delete and the client's request: auth-and-client-arguments.test.ts)
  'MemoryTokenStore',
  'createConnector',
  'createFileStore',
  'FileStore',
  'createMemoryStore',
  'createRateLimiter',
  'createPlatformClient',
  'readCatalog',
  'catalogFromSheet',
  'formatVnd',
  'parseVnd',
  'formatVnPhone',
  'normalizeVnPhone',
  'parseVnPhone',
  // classes whose factory has a case (the same constructor check)
  'VnAdmin',
  'FileTokenStore',
]);

describe('root functions refuse wrong-typed arguments in both languages (N2)', () => {
  it.each(CASES)('%s names %s', async (_call, argument, run) => {
    const error = await failure(run);
    expect(error).toBeInstanceOf(root.OcopConnectError);
    const kind = (error as root.OcopConnectError).kind;
    expect(['validation', 'configuration']).toContain(kind);
    const text = [(error as Error).message, (error as { messageVi?: string }).messageVi ?? ''].join('\n');
    expect(text).toContain(`${argument}: phải là`);
    expect(text).toContain(`${argument}: must be`);
  });

  it('a VnInputError for the Vietnamese helpers, with code invalid_argument and the input', async () => {
    const error = await failure(() => root.slugify(bad(5)));
    expect(error).toBeInstanceOf(root.VnInputError);
    expect(error).toMatchObject({
      code: 'invalid_argument',
      input: 5,
      messageVi: 'text: phải là một chuỗi (nhận được number)',
      messageEn: 'text: must be a string (got number)',
    });
  });

  it.each([
    ['parseVnPhone(42)', () => root.parseVnPhone(bad(42)), root.VnPhoneError],
    ['resolveAddress(42)', () => root.resolveAddress(bad(42)), root.VnInputError],
    ['slugify("x", { separatr: "_" })', () => root.slugify('x', bad({ separatr: '_' })), root.VnInputError],
  ])('%s: code invalid_argument, the nearest name for a misspelt option (trial 2 defect 10)', async (_c, run, type) => {
    const error = await failure(run);
    expect(error).toBeInstanceOf(type);
    expect((error as root.VnInputError).code).toBe('invalid_argument');
  });

  it('slugify names the option meant; isValidVnPhone(42) still answers false', async () => {
    const error = (await failure(() => root.slugify('x', bad({ separatr: '_' })))) as root.VnInputError;
    expect(error.messageVi).toBe('options.separatr: không có tùy chọn này (có phải "separator"?)');
    expect(error.messageEn).toBe('options.separatr: no such option (did you mean "separator"?)');
    expect(root.isValidVnPhone(bad(42))).toBe(false);
    expect(root.formatVnd(1000, { symbol: 'đ', space: 'space' })).toBe('1.000 đ');
    expect(root.normalizeVnPhone('0912345678', { format: 'e164' })).toBe('+84912345678');
    expect(root.normalizeToneMarks('hòa', 'modern')).toBe('hoà');
  });

  it('every root function has a case, or a reason it has none', () => {
    const called = new Set(CASES.map(([call]) => call.replace(/^new /, '').replace(/\(.*$/, '')));
    const functions = Object.entries(root)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name)
      .filter((name) => !name.endsWith('Error') && !name.endsWith('Schema'));
    expect(functions.filter((name) => !called.has(name) && !ELSEWHERE.has(name))).toEqual([]);
  });

  it('the same calls with good arguments still work', () => {
    expect(root.slugify('Nước mắm Cửa Tùng')).toBe('nuoc-mam-cua-tung');
    expect(root.normaliseServiceCode(' vcn ')).toBe('VCN');
    expect(root.listProvinces('legacy')).toHaveLength(63);
    expect(root.canTransitionOrder('PENDING_CONFIRM', 'CANCELLED')).toBe(true);
    expect(root.stableReference(['shipment', 1], { length: 4 })).toHaveLength(4);
  });
});
