/**
 * Standing proof for #13: malformed inputs through the public API, each judged by what came back.
 * - clear: a typed error (OcopConnectError) or issues that name what is wrong — for people's input
 *   (catalogs, options, parcels, addresses) in Vietnamese AND English, with row/column/field;
 *   for machine input (webhooks) a refusal or a typed error;
 * - unclear: an error, but untyped or without both languages;
 * - silently accepted: no error and no issue (the worst case).
 * The test fails unless every case is clear, and checks that nothing reached a platform.
 * It prints `bad-input tried N clear N unclear N silently-accepted N`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog/index.js';
import { OcopConnectError, ValidationError } from '../../src/core/errors.js';
import { MAX_WEBHOOK_BODY_BYTES } from '../../src/core/headers.js';
import type { ValidationIssue } from '../../src/model/validation.js';
import { postmart } from '../../src/platforms/postmart/index.js';
import type { CarrierAdapter, MarketplaceAdapter } from '../../src/platforms/types.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { startPostmartSandbox, startViettelPostSandbox } from '../../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../../src/sandbox/marketplace/types.js';
import { createFileStore } from '../../src/store/index.js';
import { runCli } from '../cli/helpers.js';
import {
  BAD_BYTES,
  BAD_CELLS,
  BAD_JSON,
  BAD_LAYOUTS,
  csvText,
  GOOD_JSON_PRODUCT,
  GOOD_ROW,
  HEADER,
  OTHER_ROW,
  rowWith,
} from './cases.js';

type Verdict = 'clear' | 'unclear' | 'silent';
type Audience = 'person' | 'machine';
interface Case {
  group: string;
  name: string;
  audience: Audience;
  /** Valid products the input may still yield (catalogs whose other rows are fine). */
  validProducts?: number;
  run(): Promise<unknown>;
}

let dir: string;
let vtp: Awaited<ReturnType<typeof startViettelPostSandbox>>;
let carrier: CarrierAdapter;
let market: MarketplaceSandbox;
let marketAdapter: MarketplaceAdapter;
const cases: Case[] = [];
const add = (c: Case) => cases.push(c);

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

let fileCounter = 0;
const unique = (ext: string) => `case-${++fileCounter}.${ext}`;

function bilingual(issue: Pick<ValidationIssue, 'messageVi' | 'messageEn'>): boolean {
  return (
    typeof issue.messageVi === 'string' &&
    typeof issue.messageEn === 'string' &&
    issue.messageVi.trim() !== '' &&
    issue.messageEn.trim() !== '' &&
    issue.messageVi !== issue.messageEn
  );
}
const located = (issue: ValidationIssue) =>
  issue.row !== undefined || issue.column !== undefined || issue.path !== '';

function judge(
  c: Case,
  outcome: { threw: true; error: unknown } | { threw: false; value: unknown },
): Verdict {
  if (outcome.threw) {
    const error = outcome.error;
    if (!(error instanceof OcopConnectError)) return 'unclear';
    if (c.audience === 'machine') return 'clear';
    if (error instanceof ValidationError) {
      return error.issues.length > 0 && error.issues.every((i) => bilingual(i) && located(i))
        ? 'clear'
        : 'unclear';
    }
    const vi = (error as { messageVi?: string }).messageVi;
    return typeof vi === 'string' && vi !== '' && vi !== error.message ? 'clear' : 'unclear';
  }
  const value = outcome.value;
  if (value === false) return 'clear'; // a webhook refused
  if (value && typeof value === 'object' && 'issues' in value && 'products' in value) {
    const result = value as { issues: ValidationIssue[]; products: unknown[] };
    if (result.issues.length === 0) return 'silent';
    if (result.products.length > (c.validProducts ?? 0)) return 'silent';
    return result.issues.every((i) => bilingual(i) && located(i)) ? 'clear' : 'unclear';
  }
  return 'silent';
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-bad-input-'));
  vtp = await startViettelPostSandbox({ stepMs: 0 });
  carrier = viettelpost({
    baseUrl: vtp.url,
    credentials: vtp.memberCredentials,
    webhookSecret: 'bad-input-webhook-secret',
    retry: { retries: 0 },
  });
  market = await startPostmartSandbox();
  marketAdapter = postmart({
    baseUrl: market.baseUrl,
    credentials: {
      username: market.credentials.username,
      password: market.credentials.password,
      customerCode: market.credentials.customerCode ?? '',
    },
    webhookSecret: market.credentials.webhookSecret,
    retry: { retries: 0 },
  });
});

afterAll(async () => {
  await carrier?.close();
  await marketAdapter?.close();
  await vtp?.close();
  await market?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// ---------- catalogs: CSV ----------
for (const [name, header, value] of BAD_CELLS) {
  add({
    group: 'csv',
    name,
    audience: 'person',
    run: async () => readCatalog(await file(unique('csv'), csvText([HEADER, rowWith(header, value)]))),
  });
}
for (const [name, text, validProducts] of BAD_LAYOUTS) {
  add({
    group: 'csv',
    name,
    audience: 'person',
    validProducts,
    run: async () => readCatalog(await file(unique('csv'), text)),
  });
}
for (const [name, bytes] of BAD_BYTES) {
  add({
    group: 'csv',
    name: `invalid UTF-8: ${name}`,
    audience: 'person',
    run: async () => {
      const [before, after] = csvText([HEADER, rowWith('Tên sản phẩm', 'Bột sắn @ dây')]).split('@');
      const content = Buffer.concat([
        Buffer.from(before ?? ''),
        Buffer.from(bytes),
        Buffer.from(after ?? ''),
      ]);
      return readCatalog(await file(unique('csv'), content));
    },
  });
}

// ---------- catalogs: JSON ----------
for (const [name, text] of BAD_JSON) {
  add({
    group: 'json',
    name,
    audience: 'person',
    run: async () => readCatalog(await file(unique('json'), text)),
  });
}
for (const [name, bytes] of BAD_BYTES.slice(0, 3)) {
  add({
    group: 'json',
    name: `invalid UTF-8: ${name}`,
    audience: 'person',
    run: async () => {
      const [before, after] = JSON.stringify([{ ...GOOD_JSON_PRODUCT, name: 'Mật ong @ bạc hà' }]).split('@');
      return readCatalog(
        await file(
          unique('json'),
          Buffer.concat([Buffer.from(before ?? ''), Buffer.from(bytes), Buffer.from(after ?? '')]),
        ),
      );
    },
  });
}

// ---------- catalogs: XLSX ----------
async function xlsx(rows: readonly (readonly string[])[], sheetName = 'Sản phẩm'): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow([...row]);
  const path = join(dir, unique('xlsx'));
  await workbook.xlsx.writeFile(path);
  return path;
}
const XLSX_CASES: [string, () => Promise<string>, number?][] = [
  ['random bytes named .xlsx', () => file(unique('xlsx'), Buffer.from('not a zip file at all'))],
  ['empty .xlsx', () => file(unique('xlsx'), '')],
  ['a CSV renamed .xlsx', () => file(unique('xlsx'), csvText([HEADER, GOOD_ROW]))],
  [
    'truncated workbook',
    async () => {
      const good = await xlsx([HEADER, GOOD_ROW]);
      const { readFile } = await import('node:fs/promises');
      const bytes = await readFile(good);
      return file(unique('xlsx'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    },
  ],
  [
    'unknown column',
    () =>
      xlsx([
        [...HEADER, 'Tình trạng bán'],
        [...GOOD_ROW, 'Ngừng bán'],
      ]),
  ],
  [
    'duplicated header',
    () =>
      xlsx([
        [...HEADER, 'Tồn kho'],
        [...GOOD_ROW, '99'],
      ]),
  ],
  ['cell beyond the header', () => xlsx([HEADER, [...GOOD_ROW, 'thừa']])],
  ['invisible character in a cell', () => xlsx([HEADER, rowWith('Tên sản phẩm', 'Bột \u202esắn dây')])],
  [
    'non-adjacent product code',
    () => xlsx([HEADER, GOOD_ROW, OTHER_ROW, rowWith('Tên sản phẩm', 'Khác hẳn')]),
    1,
  ],
  ['stock negative', () => xlsx([HEADER, rowWith('Tồn kho', '-5')])],
];
for (const [name, make, validProducts] of XLSX_CASES) {
  add({
    group: 'xlsx',
    name,
    audience: 'person',
    ...(validProducts !== undefined ? { validProducts } : {}),
    run: async () => readCatalog(await make()),
  });
}

// ---------- files and options ----------
const OPTION_CASES: [string, () => Promise<unknown>][] = [
  ['file does not exist (csv)', () => readCatalog(join(dir, 'nope.csv'))],
  ['file does not exist (xlsx)', () => readCatalog(join(dir, 'nope.xlsx'))],
  ['file does not exist (json)', () => readCatalog(join(dir, 'nope.json'))],
  [
    'a folder named .csv',
    async () => {
      await mkdir(join(dir, 'folder.csv'), { recursive: true });
      return readCatalog(join(dir, 'folder.csv'));
    },
  ],
  ['unknown extension .xls', async () => readCatalog(await file(unique('xls'), 'x'))],
  [
    'format option "xls"',
    async () =>
      readCatalog(await file(unique('csv'), csvText([HEADER, GOOD_ROW])), { format: 'xls' as 'csv' }),
  ],
  [
    'delimiter "||"',
    async () => readCatalog(await file(unique('csv'), csvText([HEADER, GOOD_ROW])), { delimiter: '||' }),
  ],
  [
    'delimiter ""',
    async () => readCatalog(await file(unique('csv'), csvText([HEADER, GOOD_ROW])), { delimiter: '' }),
  ],
  [
    'delimiter a quote',
    async () => readCatalog(await file(unique('csv'), csvText([HEADER, GOOD_ROW])), { delimiter: '"' }),
  ],
  [
    'delimiter a letter',
    async () => readCatalog(await file(unique('csv'), csvText([HEADER, GOOD_ROW])), { delimiter: 'a' }),
  ],
  [
    'misspelled option "delimeter"',
    async () =>
      readCatalog(await file(unique('csv'), csvText([HEADER, GOOD_ROW])), { delimeter: ';' } as unknown as {
        delimiter: string;
      }),
  ],
  ['empty sheet name', async () => readCatalog(await xlsx([HEADER, GOOD_ROW]), { sheet: ' ' })],
  ['sheet that does not exist', async () => readCatalog(await xlsx([HEADER, GOOD_ROW]), { sheet: 'Sheet9' })],
  [
    'ignoreColumns not a list',
    async () =>
      readCatalog(await file(unique('csv'), csvText([HEADER, GOOD_ROW])), {
        ignoreColumns: 'Ghi chú' as unknown as string[],
      }),
  ],
  ['state folder is a file', async () => createFileStore({ dir: await file(unique('txt'), 'x') })],
  ['state folder under /proc', () => createFileStore({ dir: '/proc/ocop-bad-input' })],
];
for (const [name, run] of OPTION_CASES) add({ group: 'options', name, audience: 'person', run });

// ---------- parcels and addresses (ViettelPost, through the public carrier API) ----------
const sender = {
  name: 'HTX Nông sản Vĩnh Linh',
  phone: '0912345678',
  address: { street: '36 Lê Duẩn', ward: 'Xã Vĩnh Linh', province: 'Quảng Trị' },
};
const receiver = {
  name: 'Chị Nguyễn Thị Lan',
  phone: '0987654321',
  address: { street: '144 Xuân Thủy', ward: 'Phường Cầu Giấy', province: 'TP. Hà Nội' },
};
const parcel = {
  weightGrams: 1500,
  lengthCm: 25,
  widthCm: 20,
  heightCm: 12,
  declaredValueVnd: 300_000,
  kind: 'goods' as const,
  items: [{ name: 'Mật ong bạc hà', quantity: 2, priceVnd: 150_000, weightGrams: 750 }],
};
let refCounter = 0;
const shipWith = (over: Record<string, unknown>, reference = `BAD-${++refCounter}`) =>
  carrier.createShipment(
    { sender, receiver, parcel, serviceCode: 'VCN', codAmountVnd: 0, ...over } as never,
    {
      reference,
    },
  );
const PARCEL_CASES: [string, () => Promise<unknown>][] = [
  ['weight NaN', () => shipWith({ parcel: { ...parcel, weightGrams: Number.NaN } })],
  ['weight 0', () => shipWith({ parcel: { ...parcel, weightGrams: 0 } })],
  ['weight 0.4 g', () => shipWith({ parcel: { ...parcel, weightGrams: 0.4 } })],
  ['weight negative', () => shipWith({ parcel: { ...parcel, weightGrams: -1 } })],
  ['weight Infinity', () => shipWith({ parcel: { ...parcel, weightGrams: Number.POSITIVE_INFINITY } })],
  ['declared value NaN', () => shipWith({ parcel: { ...parcel, declaredValueVnd: Number.NaN } })],
  ['declared value negative', () => shipWith({ parcel: { ...parcel, declaredValueVnd: -5 } })],
  ['length negative', () => shipWith({ parcel: { ...parcel, lengthCm: -3 } })],
  ['COD NaN', () => shipWith({ codAmountVnd: Number.NaN })],
  ['reference with NUL', () => shipWith({}, 'BAD\u0000REF')],
  ['reference with newline', () => shipWith({}, 'BAD\nREF')],
  ['reference empty', () => shipWith({}, '')],
  [
    'quote with weight NaN',
    () =>
      carrier.quote({
        from: sender.address,
        to: receiver.address,
        parcel: { ...parcel, weightGrams: Number.NaN },
      }),
  ],
  [
    'quote with weight 0',
    () =>
      carrier.quote({ from: sender.address, to: receiver.address, parcel: { ...parcel, weightGrams: 0 } }),
  ],
];
for (const [name, run] of PARCEL_CASES) add({ group: 'parcels', name, audience: 'person', run });

const ADDRESS_CASES: [string, () => Promise<unknown>][] = [
  [
    'receiver province unknown',
    () =>
      shipWith({ receiver: { ...receiver, address: { ...receiver.address, province: 'Tỉnh Không Có' } } }),
  ],
  [
    'receiver ward unknown',
    () =>
      shipWith({ receiver: { ...receiver, address: { ...receiver.address, ward: 'Phường Không Có Thật' } } }),
  ],
  [
    'receiver province empty',
    () => shipWith({ receiver: { ...receiver, address: { ...receiver.address, province: '' } } }),
  ],
  ['receiver phone letters', () => shipWith({ receiver: { ...receiver, phone: 'không có' } })],
  ['receiver phone too short', () => shipWith({ receiver: { ...receiver, phone: '0912' } })],
  ['sender name empty', () => shipWith({ sender: { ...sender, name: '' } })],
];
for (const [name, run] of ADDRESS_CASES) add({ group: 'addresses', name, audience: 'person', run });

// ---------- webhooks (machine input: a refusal or a typed error) ----------
const big = `{"data":"${'x'.repeat(MAX_WEBHOOK_BODY_BYTES + 10)}"}`;
const WEBHOOK_CASES: [string, () => Promise<unknown>][] = [
  ['marketplace: oversized body, no signature', async () => marketAdapter.verifyWebhook(big, {})],
  [
    'marketplace: oversized body, forged signature',
    async () => marketAdapter.verifyWebhook(big, { 'x-postmart-signature': 'ab'.repeat(32) }),
  ],
  ['marketplace: no signature header', async () => marketAdapter.verifyWebhook('{"event":"x"}', {})],
  [
    'marketplace: wrong signature',
    async () => marketAdapter.verifyWebhook('{"event":"x"}', { 'x-postmart-signature': 'zz' }),
  ],
  ['marketplace: body not JSON', async () => marketAdapter.parseWebhook('<xml/>')],
  ['marketplace: body a JSON array', async () => marketAdapter.parseWebhook('[]')],
  [
    'viettelpost: oversized body with the right header',
    async () => carrier.verifyWebhook(big, { authorization: 'bad-input-webhook-secret' }),
  ],
  [
    'viettelpost: wrong secret',
    async () => carrier.verifyWebhook('{"DATA":{},"TOKEN":"guess"}', { authorization: 'guess' }),
  ],
  ['viettelpost: no secret at all', async () => carrier.verifyWebhook('{"DATA":{}}', {})],
  ['viettelpost: DATA missing', async () => carrier.parseWebhook('{"TOKEN":"x"}')],
  ['viettelpost: ORDER_NUMBER missing', async () => carrier.parseWebhook('{"DATA":{"ORDER_STATUS":200}}')],
  ['viettelpost: body not JSON', async () => carrier.parseWebhook('DATA=1')],
];
for (const [name, run] of WEBHOOK_CASES) add({ group: 'webhooks', name, audience: 'machine', run });

describe('bad input never slips through (#13)', () => {
  it('the good inputs the cases are made from are accepted (so each case fails for its own mistake)', async () => {
    const csv = await readCatalog(await file(unique('csv'), csvText([HEADER, GOOD_ROW, OTHER_ROW])));
    expect(csv.issues).toEqual([]);
    expect(csv.products).toHaveLength(2);
    const json = await readCatalog(await file(unique('json'), JSON.stringify([GOOD_JSON_PRODUCT])));
    expect(json.issues).toEqual([]);
    expect(json.products).toHaveLength(1);
    const book = await readCatalog(await xlsx([HEADER, GOOD_ROW]));
    expect(book.issues).toEqual([]);
    expect(book.products).toHaveLength(1);
  });

  it('every malformed input gets a clear, typed answer and nothing reaches a platform', async () => {
    const vtpOrdersBefore = vtp.state.ordersByReference('BAD-1').length;
    const listingsBefore = market.state.listings().length;
    const verdicts: Record<Verdict, string[]> = { clear: [], unclear: [], silent: [] };
    for (const c of cases) {
      let outcome: { threw: true; error: unknown } | { threw: false; value: unknown };
      try {
        outcome = { threw: false, value: await c.run() };
      } catch (error) {
        outcome = { threw: true, error };
      }
      verdicts[judge(c, outcome)].push(`${c.group}: ${c.name}`);
    }
    const line = `bad-input tried ${cases.length} clear ${verdicts.clear.length} unclear ${verdicts.unclear.length} silently-accepted ${verdicts.silent.length}`;
    process.stdout.write(`${line}\n`);
    expect(cases.length).toBeGreaterThanOrEqual(120);
    expect({ unclear: verdicts.unclear, silent: verdicts.silent }).toEqual({ unclear: [], silent: [] });
    // Nothing reached a platform: no waybill for any reference tried, no listing created.
    for (let i = 1; i <= refCounter; i++) expect(vtp.state.ordersByReference(`BAD-${i}`)).toEqual([]);
    for (const ref of ['BAD\u0000REF', 'BAD\nREF', '']) expect(vtp.state.ordersByReference(ref)).toEqual([]);
    expect(vtpOrdersBefore).toBe(0);
    expect(market.state.listings().length).toBe(listingsBefore);
  }, 120_000);

  it('list --report <unwritable> stops before publishing anything, saying why in the user language', async () => {
    const catalog = await file('report-case.csv', csvText([HEADER, GOOD_ROW]));
    const before = market.stats.requests.createListing ?? 0;
    const run = await runCli(
      ['list', catalog, '--to', 'postmart', '--report', join(dir, 'no-such-folder', 'r.csv')],
      {
        cwd: dir,
        env: {
          OCOP_POSTMART_BASE_URL: market.baseUrl,
          OCOP_POSTMART_USERNAME: market.credentials.username,
          OCOP_POSTMART_PASSWORD: market.credentials.password,
          OCOP_POSTMART_CUSTOMER_CODE: market.credentials.customerCode ?? '',
        },
      },
    );
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toContain('không tồn tại');
    expect(run.stderr).toContain('no-such-folder');
    expect(market.stats.requests.createListing ?? 0).toBe(before);
    expect(market.stats.requests.login ?? 0).toBe(0);
  }, 60_000);
});
