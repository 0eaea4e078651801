/**
 * The two sketches of docs/profiles.md, tested: a Tiki-shaped API (client-credentials token with a
 * Basic header and a form body, success told by the HTTP status alone, page-numbered orders) and a
 * Lazada-shaped API (sorted-parameter HMAC signature, upper-case hex, ms timestamps, the listing sent
 * as a signed `payload` parameter, offset-paged orders). Each fake server checks its API's real auth and
 * answers in its real envelope; it shares no code with the engine.
 */
import { createHmac } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractViolationError } from '../../../src/core/errors.js';
import { bearerAuth, createTokenManager } from '../../../src/core/index.js';
import {
  createMarketplaceAdapter,
  type MarketplaceHooks,
  type MarketplaceProfileInput,
  type MarketplaceProfileOverride,
  mergeProfile,
  type ProfileMarketplaceAdapter,
  replaceWith,
} from '../../../src/platforms/marketplace/index.js';
import { VOSO_PROFILE } from '../../../src/platforms/voso/index.js';
import { honeyProduct } from '../../contract/fixtures.js';

type Handler = (req: IncomingMessage, url: URL, body: string) => { status: number; body: unknown };

async function fakeApi(handler: Handler): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake.local');
      const answer = handler(req, url, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function adapterFor(
  profile: unknown,
  credentials: Record<string, string>,
  baseUrl: string,
  hooks: MarketplaceHooks = {},
  override?: MarketplaceProfileOverride,
): ProfileMarketplaceAdapter {
  const adapter = createMarketplaceAdapter(
    profile as MarketplaceProfileInput,
    { credentials, baseUrl, ...(override ? { profile: override } : {}) },
    hooks,
  );
  closers.push(() => adapter.close());
  return adapter;
}

const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------------
// Tiki-shaped
// ---------------------------------------------------------------------------------------------------

const TIKI_ORDER_FIELDS = {
  id: 'code',
  status: 'status',
  paymentMethod: 'payment.method',
  buyer: 'shipping.address',
  address: 'shipping.address',
  lines: 'items',
  subtotalVnd: 'invoice.subtotal',
  shippingFeeVnd: 'invoice.shipping_amount_after_discount',
  totalVnd: 'invoice.grand_total',
  codAmountVnd: 'invoice.collectable_total_price',
  carrier: 'shipment.partner_code',
  trackingNumber: 'shipment.tracking_code',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

/** A Tiki-shaped profile: a patch over the built-in Voso one. */
const TIKI_PROFILE = mergeProfile(VOSO_PROFILE, {
  platform: 'tiki',
  displayName: 'Tiki',
  auth: replaceWith({ type: 'custom', credentials: ['clientId', 'clientSecret'] }),
  // No envelope: a 2xx answer IS the payload; failures carry `{ error, message }` with a 4xx status.
  envelope: { dataPath: '', successPath: null, successValue: null, codePath: 'error', detailsPath: null },
  errors: { codes: replaceWith({ invalid_token: { kind: 'authentication' } }) },
  endpoints: { listOrders: { method: 'GET', path: '/v2/orders', query: { include: 'items' } } },
  time: { format: 'iso8601' },
  pagination: {
    orders: replaceWith({
      style: 'page',
      pageParam: 'page',
      sizeParam: 'per_page',
      firstPage: 1,
      pageSize: 2,
      itemsPath: 'data',
      totalPath: 'paging.total',
    }),
  },
  orderWindow: { fromParam: 'updated_from_date', toParam: 'updated_to_date', maxWindowMs: 30 * DAY },
  fields: {
    order: replaceWith(TIKI_ORDER_FIELDS),
    buyer: { name: 'full_name', phone: 'phone' },
    address: { province: 'region', district: 'district', ward: 'ward', street: 'street' },
    orderLine: replaceWith({
      sku: 'product.seller_product_code',
      name: 'product.name',
      quantity: 'qty',
      unitPriceVnd: 'price',
    }),
  },
  statuses: {
    order: replaceWith({ queueing: 'PENDING_CONFIRM', processing: 'CONFIRMED', canceled: 'CANCELLED' }),
  },
  codes: { payment: { cod: 'cod', prepaid: 'tikivn_wallet' } },
});

/** Client credentials: form body + Basic header, a bearer token on every call. 15 lines of hook code. */
const TIKI_HOOKS: MarketplaceHooks = {
  auth(ctx) {
    const basic = Buffer.from(`${ctx.credentials.clientId}:${ctx.credentials.clientSecret}`).toString(
      'base64',
    );
    const tokenManager = createTokenManager({
      key: ctx.tokenKey,
      ...(ctx.tokenStore ? { store: ctx.tokenStore } : {}),
      now: ctx.now,
      fetchToken: async () => {
        const { data } = await ctx.send({
          operation: 'login',
          method: 'POST',
          path: '/sc/oauth2/token',
          rawBody: Buffer.from('grant_type=client_credentials&scope=order'),
          contentType: 'application/x-www-form-urlencoded',
          headers: { Authorization: `Basic ${basic}` },
          authenticated: false,
          trafficClass: 'auth',
          idempotent: true,
        });
        const token = data as { access_token: string; expires_in: number };
        return {
          value: token.access_token,
          expiresAtMs: ctx.now() + token.expires_in * 1000,
          obtainedAtMs: ctx.now(),
        };
      },
    });
    return bearerAuth({ tokenManager });
  },
};

function tikiOrder(n: number, updatedAt: string) {
  return {
    code: `TK${n}`,
    status: n % 2 ? 'queueing' : 'processing',
    created_at: updatedAt,
    updated_at: updatedAt,
    payment: { method: 'cod' },
    shipping: {
      address: {
        full_name: 'Phạm Thu Trang',
        phone: '0987654321',
        street: '5 Hàng Bài',
        ward: 'Phường Tràng Tiền',
        district: 'Quận Hoàn Kiếm',
        region: 'Hà Nội',
      },
    },
    items: [{ product: { seller_product_code: 'MO-250', name: 'Mật ong' }, qty: 1, price: 150_000 }],
    invoice: {
      subtotal: 150_000,
      shipping_amount_after_discount: 20_000,
      grand_total: 170_000,
      collectable_total_price: 170_000,
    },
  };
}

describe('a Tiki-shaped API: client credentials, success by HTTP status, page-numbered orders', () => {
  it('logs in with a form body and Basic header, then pages every order with checkpoints', async () => {
    const logins: string[] = [];
    const at = new Date().toISOString();
    const orders = [1, 2, 3, 4, 5].map((n) => tikiOrder(n, at));
    const api = await fakeApi((req, url, body) => {
      if (url.pathname === '/sc/oauth2/token') {
        const basic = Buffer.from('app-1:app-secret').toString('base64');
        const form = new URLSearchParams(body);
        if (
          req.headers.authorization !== `Basic ${basic}` ||
          form.get('grant_type') !== 'client_credentials'
        ) {
          return { status: 401, body: { error: 'invalid_client', message: 'bad client' } };
        }
        logins.push(form.get('scope') ?? '');
        return { status: 200, body: { access_token: 'tiki-token', expires_in: 3600, token_type: 'bearer' } };
      }
      if (req.headers.authorization !== 'Bearer tiki-token') {
        return { status: 401, body: { error: 'invalid_token', message: 'token expired' } };
      }
      if (url.pathname === '/v2/orders') {
        if (!url.searchParams.get('updated_from_date')?.endsWith('+07:00')) {
          return { status: 400, body: { error: 'invalid_date', message: 'dates need an offset' } };
        }
        const page = Number(url.searchParams.get('page'));
        const size = Number(url.searchParams.get('per_page'));
        return {
          status: 200,
          body: {
            data: orders.slice((page - 1) * size, page * size),
            paging: { total: orders.length, current_page: page },
          },
        };
      }
      return { status: 404, body: { error: 'not_found', message: 'no such API' } };
    });
    closers.push(api.close);
    const adapter = adapterFor(
      TIKI_PROFILE,
      { clientId: 'app-1', clientSecret: 'app-secret' },
      api.url,
      TIKI_HOOKS,
    );
    const window = { from: new Date(Date.now() - DAY), to: new Date(Date.now() + 60_000) };
    const seen: string[] = [];
    const checkpoints: (string | undefined)[] = [];
    for await (const order of adapter.listOrders(window, { onCheckpoint: (c) => void checkpoints.push(c) })) {
      seen.push(`${order.externalId}:${order.status}:${order.payment.totalVnd}`);
    }
    expect(seen).toEqual([
      'TK1:PENDING_CONFIRM:170000',
      'TK2:CONFIRMED:170000',
      'TK3:PENDING_CONFIRM:170000',
      'TK4:CONFIRMED:170000',
      'TK5:PENDING_CONFIRM:170000',
    ]);
    expect(logins).toEqual(['order']);
    // Two full pages, then the last: resuming from the second checkpoint reads only page 3.
    expect(checkpoints).toHaveLength(3);
    const rest: string[] = [];
    for await (const order of adapter.listOrders(window, { cursor: checkpoints[1]! }))
      rest.push(order.externalId);
    expect(rest).toEqual(['TK5']);
  });
});

// ---------------------------------------------------------------------------------------------------
// Lazada-shaped
// ---------------------------------------------------------------------------------------------------

/** Lazada's signature, written independently: api path + sorted key/value pairs, HMAC-SHA256, UPPER hex. */
function lazadaSignature(secret: string, apiPath: string, params: URLSearchParams): string {
  const names = [...params.keys()].filter((k) => k !== 'sign').sort();
  const base = apiPath + names.map((k) => `${k}${params.get(k)}`).join('');
  return createHmac('sha256', secret).update(base, 'utf8').digest('hex').toUpperCase();
}

/**
 * The Lazada sketch exactly as docs/profiles.md shows it: its TypeScript block is transpiled and run
 * (imports bound to the library's own entries), so the doc cannot drift from what builds.
 */
function lazadaSketchFromDocs(env: Record<string, string>): {
  LAZADA: MarketplaceProfileOverride;
  LAZADA_HOOKS: MarketplaceHooks;
  lazada: ProfileMarketplaceAdapter;
} {
  const doc = readFileSync(fileURLToPath(new URL('../../../docs/profiles.md', import.meta.url)), 'utf8');
  const from = doc.indexOf('**Lazada-shaped**');
  const block = /```ts\n([\s\S]*?)```/.exec(doc.slice(from))?.[1];
  if (from < 0 || !block) throw new Error('docs/profiles.md has no Lazada sketch');
  const imports = block.split('\n').filter((l) => l.startsWith('import '));
  expect(imports.join('\n')).toContain("from 'ocop-connect/marketplace'");
  const code = ts.transpileModule(
    block
      .split('\n')
      .filter((l) => !l.startsWith('import '))
      .join('\n'),
    { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } },
  ).outputText;
  const run = new Function(
    'createMarketplaceAdapter',
    'replaceWith',
    'VOSO_PROFILE',
    'process',
    `${code}\nreturn { LAZADA, LAZADA_HOOKS, lazada };`,
  );
  const sketch = run(createMarketplaceAdapter, replaceWith, VOSO_PROFILE, { env }) as ReturnType<
    typeof lazadaSketchFromDocs
  >;
  closers.push(() => sketch.lazada.close());
  return sketch;
}

describe("dataPath '': the answer itself is the payload", () => {
  it('a top-level JSON array answer is read (orders paged as bare arrays), not refused as "not a JSON object"', async () => {
    const at = new Date().toISOString();
    const orders = [1, 2, 3, 4, 5].map((n) => tikiOrder(n, at));
    const api = await fakeApi((req, url) => {
      if (url.pathname === '/sc/oauth2/token')
        return { status: 200, body: { access_token: 'tiki-token', expires_in: 3600, token_type: 'bearer' } };
      if (req.headers.authorization !== 'Bearer tiki-token')
        return { status: 401, body: { error: 'invalid_token', message: 'token expired' } };
      if (url.pathname === '/v2/orders') {
        const page = Number(url.searchParams.get('page'));
        const size = Number(url.searchParams.get('per_page'));
        // A bare array: no envelope, no paging block.
        return { status: 200, body: orders.slice((page - 1) * size, page * size) };
      }
      return { status: 404, body: { error: 'not_found', message: 'no such API' } };
    });
    closers.push(api.close);
    const adapter = adapterFor(
      TIKI_PROFILE,
      { clientId: 'app-1', clientSecret: 'app-secret' },
      api.url,
      TIKI_HOOKS,
      {
        pagination: {
          orders: replaceWith({
            style: 'page',
            pageParam: 'page',
            sizeParam: 'per_page',
            firstPage: 1,
            pageSize: 2,
            itemsPath: '',
          }),
        },
      },
    );
    const window = { from: new Date(Date.now() - DAY), to: new Date(Date.now() + 60_000) };
    const seen: string[] = [];
    for await (const order of adapter.listOrders(window)) seen.push(order.externalId);
    expect(seen).toEqual(['TK1', 'TK2', 'TK3', 'TK4', 'TK5']);
  });
});

describe('the Lazada sketch of docs/profiles.md type-checks', () => {
  it("under the repo's strict compiler options, as a user would compile it (literal types kept by replaceWith)", () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../docs/profiles.md', import.meta.url)), 'utf8');
    const from = doc.indexOf('**Lazada-shaped**');
    const block = /```ts\n([\s\S]*?)```/.exec(doc.slice(from))?.[1];
    if (from < 0 || !block) throw new Error('docs/profiles.md has no Lazada sketch');
    const configPath = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
    const parsed = ts.parseJsonConfigFileContent(
      ts.readConfigFile(configPath, ts.sys.readFile).config,
      ts.sys,
      fileURLToPath(new URL('../../../', import.meta.url)),
    );
    // Inside the repo so that the `ocop-connect/*` paths and @types/node resolve as for a user's file.
    const file = fileURLToPath(new URL(`./.lazada-sketch-${process.pid}.ts`, import.meta.url));
    writeFileSync(file, `${block}\nexport { LAZADA, LAZADA_HOOKS, lazada };\n`);
    try {
      const program = ts.createProgram([file], { ...parsed.options, noEmit: true });
      const diagnostics = ts
        .getPreEmitDiagnostics(program, program.getSourceFile(file))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(diagnostics).toEqual([]);
    } finally {
      rmSync(file, { force: true });
    }
  }, 120_000);
});

describe('a Lazada-shaped API: sorted-parameter signature with a payload parameter, offset orders', () => {
  it('signs every call (the payload too), reads orders by offset, and refuses a wrong secret', async () => {
    const received: { path: string; payload: string | null }[] = [];
    const at = new Date().toISOString();
    // 120 orders: pages of 50, 50 and 20 at the sketch's page size.
    const orders = Array.from({ length: 120 }, (_, i) => i + 1).map((n) => ({
      order_id: 300 + n,
      statuses: ['pending'],
      payment_method: 'COD',
      price: 150_000,
      shipping_fee: 15_000,
      paid: 165_000,
      created_at: at,
      updated_at: at,
      address_shipping: {
        first_name: 'Võ Minh Tuấn',
        phone: '0901234567',
        address1: '22 Lý Tự Trọng',
        address3: 'Hồ Chí Minh',
        address4: 'Quận 1',
        address5: 'Phường Bến Nghé',
      },
      items: [{ sku: 'MO-250', name: 'Mật ong', quantity: 1, item_price: 150_000 }],
    }));
    const api = await fakeApi((_req, url) => {
      const params = url.searchParams;
      const ts = Number(params.get('timestamp'));
      if (params.get('app_key') !== 'lz-app' || Math.abs(Date.now() - ts) > 7_200_000) {
        return {
          status: 200,
          body: { type: 'ISV', code: 'InvalidTimestamp', message: 'bad app or timestamp' },
        };
      }
      if (params.get('sign') !== lazadaSignature('lz-secret', url.pathname, params)) {
        return {
          status: 200,
          body: {
            type: 'ISV',
            code: 'IncompleteSignature',
            message: 'The request signature does not conform',
          },
        };
      }
      if (params.get('access_token') !== 'lz-token') {
        return { status: 200, body: { type: 'ISV', code: 'IllegalAccessToken', message: 'token invalid' } };
      }
      received.push({ path: url.pathname, payload: params.get('payload') });
      if (url.pathname === '/product/create') {
        const product = JSON.parse(params.get('payload') ?? '{}').Request.Product as {
          Skus: { SellerSku: string }[];
        };
        const skuList = product.Skus.map((v, i) => ({ seller_sku: v.SellerSku, sku_id: 9000 + i }));
        return {
          status: 200,
          body: { code: '0', request_id: 'r1', data: { item_id: 77, sku_list: skuList } },
        };
      }
      if (url.pathname === '/category/attributes/get') return { status: 200, body: { code: '0', data: [] } };
      if (url.pathname === '/category/tree/get') {
        // Lazada nests children and names no parent on a child.
        const leaf = (id: number, name: string) => ({ category_id: id, name, leaf: true });
        return {
          status: 200,
          body: {
            code: '0',
            data: [
              {
                category_id: 10,
                name: 'Thực phẩm',
                leaf: false,
                children: [
                  leaf(11, 'Mật ong'),
                  { category_id: 12, name: 'Gia vị', leaf: false, children: [leaf(13, 'Tinh bột nghệ')] },
                ],
              },
              leaf(20, 'Khác'),
            ],
          },
        };
      }
      if (url.pathname === '/orders/get') {
        const offset = Number(params.get('offset'));
        const limit = Number(params.get('limit'));
        return {
          status: 200,
          body: {
            code: '0',
            data: { countTotal: orders.length, orders: orders.slice(offset, offset + limit) },
          },
        };
      }
      return { status: 404, body: { code: 'InvalidApi', message: 'no such API' } };
    });
    closers.push(api.close);
    const credentials = { appKey: 'lz-app', appSecret: 'lz-secret', accessToken: 'lz-token' };
    const { LAZADA, LAZADA_HOOKS, lazada } = lazadaSketchFromDocs({
      LAZADA_APP_KEY: credentials.appKey,
      LAZADA_APP_SECRET: credentials.appSecret,
      LAZADA_ACCESS_TOKEN: credentials.accessToken,
    });
    // The sketch's adapter built as the doc writes it; the same profile and hooks against the fake API.
    expect(lazada.profile.webhook).toMatchObject({
      timestampPath: 'timestamp',
      signatureHeader: 'Authorization',
    });
    expect(lazada.profile.webhook.timestampHeader).toBeUndefined();
    const adapter = adapterFor(VOSO_PROFILE, credentials, api.url, LAZADA_HOOKS, LAZADA);

    const window = { from: new Date(Date.now() - DAY), to: new Date(Date.now() + 60_000) };
    const ids: string[] = [];
    for await (const order of adapter.listOrders(window)) ids.push(order.externalId);
    expect(ids).toEqual(orders.map((o) => String(o.order_id)));
    expect(received.filter((r) => r.path === '/orders/get')).toHaveLength(3);

    // A mistyped totalPath is not ignored: the page fails naming the path, and no checkpoint moves.
    const mistyped = adapterFor(VOSO_PROFILE, credentials, api.url, LAZADA_HOOKS, {
      ...LAZADA,
      pagination: {
        ...LAZADA.pagination,
        orders: replaceWith({
          style: 'offset' as const,
          offsetParam: 'offset',
          limitParam: 'limit',
          pageSize: 50,
          itemsPath: 'orders',
          totalPath: 'count_total',
        }),
      },
    });
    const checkpoints: (string | undefined)[] = [];
    const totalError = await (async () => {
      for await (const _ of mistyped.listOrders(window, { onCheckpoint: (c) => void checkpoints.push(c) })) {
        // not reached
      }
    })().catch((e: unknown) => e);
    expect(totalError).toBeInstanceOf(ContractViolationError);
    expect((totalError as Error).message).toContain('no total count at "count_total" (got nothing)');
    expect(checkpoints).toEqual([]);

    // The nested tree, parents taken from nesting (parentId: null in the sketch).
    const categories = await adapter.getCategories();
    expect(categories.map((c) => [c.id, c.parentId ?? null, c.leaf])).toEqual([
      ['10', null, false],
      ['11', '10', true],
      ['12', '10', false],
      ['13', '12', true],
      ['20', null, true],
    ]);
    expect(JSON.stringify(categories)).not.toContain('[object Object]');

    // A push carries its time in the body (the replay window the sketch's webhook block sets up).
    const push = (sentAt: number) =>
      Buffer.from(
        JSON.stringify({ timestamp: Math.floor(sentAt / 1000), EVENT_TYPE: 'ORDER_STATUS_CHANGED' }),
      );
    const signed = (body: Buffer) => ({
      authorization: createHmac('sha256', 'hook-secret').update(body).digest('hex'),
    });
    const hooked = adapterFor(
      VOSO_PROFILE,
      { ...credentials, webhookSecret: 'hook-secret' },
      api.url,
      LAZADA_HOOKS,
      LAZADA,
    );
    const fresh = push(Date.now());
    expect(hooked.verifyWebhook(fresh, signed(fresh))).toBe(true);
    const stale = push(Date.now() - 3_600_000);
    expect(hooked.verifyWebhook(stale, signed(stale))).toBe(false);

    const product = honeyProduct('LZ');
    const created = await adapter.createListing({
      product,
      categoryId: '1001',
      attributes: adapter.resolveAttributes(product, { categoryId: '1001' }),
      imageIds: ['img-1'],
    });
    expect(created).toMatchObject({ remoteId: '77', sku: 'LZ-MO' });
    expect(created.variants.map((v) => [v.sku, v.remoteId])).toEqual([
      ['LZ-MO-250', '9000'],
      ['LZ-MO-500', '9001'],
    ]);
    // The listing went as the signed `payload` parameter, not as a body.
    const sent = JSON.parse(received.find((r) => r.path === '/product/create')!.payload!);
    expect(sent.Request.Product.Skus[0]).toMatchObject({
      SellerSku: 'LZ-MO-250',
      price: 150_000,
      quantity: 60,
    });

    const wrong = adapterFor(
      VOSO_PROFILE,
      { ...credentials, appSecret: 'not-the-secret' },
      api.url,
      LAZADA_HOOKS,
      LAZADA,
    );
    const error = await (async () => {
      for await (const _ of wrong.listOrders(window)) {
        // not reached
      }
    })().catch((e: unknown) => e);
    expect((error as { platformCode?: string }).platformCode).toBe('IncompleteSignature');
  });
});
