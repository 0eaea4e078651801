/**
 * Issue #18 (webhook argument guards): the marketplace adapters' verifyWebhook / parseWebhook, the
 * connector's handleWebhook, VNPost's verifyVnpostWebhook and the signing helpers check their arguments
 * first — a bilingual error of the library's tree naming the argument (a body Express already parsed is
 * refused with the express.raw hint, not "false"), never a raw TypeError; nothing is sent. A VNPost key
 * option holding a PRIVATE key is refused without printing it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  ContractViolationError,
  OcopConnectError,
  ValidationError,
} from '../../src/core/errors.js';
import {
  computeWebhookSignature,
  type ProfileMarketplaceAdapter,
} from '../../src/platforms/marketplace/index.js';
import { POSTMART_PROFILE, postmart } from '../../src/platforms/postmart/index.js';
import { shopee } from '../../src/platforms/shopee/index.js';
import { verifyVnpostWebhook, vnpost, vnpostPublicKey } from '../../src/platforms/vnpost/index.js';
import { voso } from '../../src/platforms/voso/index.js';
import {
  type MarketplaceSandbox,
  type ShopeeSandbox,
  shopeePushSignature,
  shopeeSignature,
  signPostmartWebhook,
  signVosoWebhook,
  startPostmartSandbox,
  startShopeeSandbox,
  startVosoSandbox,
} from '../../src/sandbox/index.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { handleWebhook } from '../../src/sync/webhooks/handle-webhook.js';

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const HINT = "express.raw({ type: '*/*' })";

/** A ValidationError whose one issue is `name`, named in both texts (rawBody: with the Express hint). */
function expectArgumentError(error: unknown, name: string, got: string): void {
  expect(error).toBeInstanceOf(ValidationError);
  const e = error as ValidationError;
  expect(e.kind).toBe('validation');
  expect(e.issues.map((i) => i.path)).toEqual([name]);
  expect(e.messageVi).toContain(`${name}: phải là`);
  expect(e.messageVi).toContain(`(nhận được ${got})`);
  expect(e.messageEn).toContain(`${name}: must be`);
  expect(e.messageEn).toContain(`(got ${got})`);
  if (name === 'rawBody') {
    expect(e.messageVi).toContain(HINT);
    expect(e.messageVi).toContain('không dùng express.json()');
    expect(e.messageEn).toContain(HINT);
    expect(e.messageEn).toContain('not express.json()');
  }
}

const WRONG = 'ab'.repeat(32);
const SHOPEE_URL = 'https://htx.example.vn/shopee/push';

interface Case {
  adapter: ProfileMarketplaceAdapter;
  sandbox: MarketplaceSandbox | ShopeeSandbox;
  /** A push this adapter verifies, and its signature header's name. */
  signed: () => { body: string; headers: Record<string, string>; header: string };
}

let vs: MarketplaceSandbox;
let pm: MarketplaceSandbox;
let sp: ShopeeSandbox;
const cases: Record<'voso' | 'postmart' | 'shopee', Case> = {} as never;

beforeAll(async () => {
  [vs, pm, sp] = await Promise.all([startVosoSandbox(), startPostmartSandbox(), startShopeeSandbox()]);
  cases.voso = {
    sandbox: vs,
    adapter: voso({
      credentials: { username: vs.credentials.username, password: vs.credentials.password },
      baseUrl: vs.baseUrl,
      webhookSecret: vs.credentials.webhookSecret,
    }),
    signed: () => {
      const ts = String(Math.floor(Date.now() / 1000));
      const body = JSON.stringify({ EVENT_ID: 'e-1', EVENT_TYPE: 'X', CREATED_AT: Number(ts) });
      const signature = signVosoWebhook(vs.credentials.webhookSecret, ts, body);
      return {
        body,
        headers: { 'x-voso-signature': signature, 'x-voso-timestamp': ts },
        header: 'x-voso-signature',
      };
    },
  };
  cases.postmart = {
    sandbox: pm,
    adapter: postmart({
      credentials: {
        username: pm.credentials.username,
        password: pm.credentials.password,
        customerCode: pm.credentials.customerCode!,
      },
      baseUrl: pm.baseUrl,
      webhookSecret: pm.credentials.webhookSecret,
    }),
    signed: () => {
      const body = JSON.stringify({
        maSuKien: 'e-1',
        loaiSuKien: 'X',
        thoiGianGui: new Date().toISOString(),
      });
      const signature = signPostmartWebhook(pm.credentials.webhookSecret, body);
      return { body, headers: { 'x-postmart-signature': signature }, header: 'x-postmart-signature' };
    },
  };
  cases.shopee = {
    sandbox: sp,
    adapter: shopee({ credentials: sp.credentials, baseUrl: sp.baseUrl, webhookUrl: SHOPEE_URL }),
    signed: () => {
      const body = JSON.stringify({
        shop_id: Number(sp.credentials.shopId),
        code: 3,
        timestamp: Math.floor(Date.now() / 1000),
        data: { ordersn: '2612020000001', status: 'READY_TO_SHIP', update_time: 1 },
      });
      const signature = shopeePushSignature(sp.credentials.partnerKey, SHOPEE_URL, body);
      return { body, headers: { authorization: signature }, header: 'authorization' };
    },
  };
});

afterAll(async () => {
  await Promise.all(Object.values(cases).map((c) => c.adapter.close()));
  await Promise.all([vs?.close(), pm?.close(), sp?.close()]);
});

describe.each([
  'voso',
  'postmart',
  'shopee',
] as const)('%s adapter webhooks check their arguments', (name) => {
  it('verifyWebhook: no body, a parsed body, no headers → a ValidationError naming the argument; a wrong signature stays false; nothing sent', () => {
    const { adapter, sandbox, signed } = cases[name];
    expectArgumentError(
      caught(() => adapter.verifyWebhook(undefined as never, {})),
      'rawBody',
      'undefined',
    );
    // express.json() ran first: its bytes (which the signature covers) are gone — an error, not false.
    expectArgumentError(
      caught(() => adapter.verifyWebhook({ a: 1 } as never, {})),
      'rawBody',
      'object',
    );
    expectArgumentError(
      caught(() => adapter.verifyWebhook('{}', undefined as never)),
      'headers',
      'undefined',
    );
    expectArgumentError(
      caught(() => adapter.verifyWebhook('{}', 'x' as never)),
      'headers',
      'string',
    );
    // A well-formed push with a wrong signature is no argument error: just false.
    const push = signed();
    expect(adapter.verifyWebhook(push.body, push.headers)).toBe(true);
    expect(adapter.verifyWebhook(push.body, { ...push.headers, [push.header]: WRONG })).toBe(false);
    expect(adapter.verifyWebhook(Buffer.from(push.body), push.headers)).toBe(true);
    expect(sandbox.stats.totalRequests).toBe(0);
  });

  it('parseWebhook: no body → rawBody; a body that is no JSON → a ContractViolationError in both languages', () => {
    const { adapter } = cases[name];
    expectArgumentError(
      caught(() => adapter.parseWebhook(undefined as never)),
      'rawBody',
      'undefined',
    );
    expectArgumentError(
      caught(() => adapter.parseWebhook(5 as never)),
      'rawBody',
      'number',
    );
    const notJson = caught(() => adapter.parseWebhook('not json'));
    expect(notJson).toBeInstanceOf(ContractViolationError);
    const e = notJson as ContractViolationError;
    expect(e.messageVi).toBe(`Webhook ${name}: nội dung không phải một đối tượng JSON`);
    expect(e.messageEn).toBe(`${name} webhook body is not a JSON object`);
  });

  it('handleWebhook gives the same errors for the same mistakes, before anything is written', async () => {
    const { adapter } = cases[name];
    const store = createMemoryStore();
    const context = { store, marketplaces: [adapter], carriers: [] };
    const parsed = await handleWebhook(context, name, { a: 1 } as never, {}).catch((e: unknown) => e);
    expectArgumentError(parsed, 'rawBody', 'object');
    const noHeaders = await handleWebhook(context, name, '{}', undefined as never).catch((e: unknown) => e);
    expectArgumentError(noHeaders, 'headers', 'undefined');
    // The store took no delivery: the first claim of any key is still the first.
    expect(await store.claimWebhook(`${name}/x:e-1`, { ttlMs: 1000 })).toBe(true);
    await store.close();
  });
});

describe('verifyVnpostWebhook checks its arguments', () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();

  it('rawBody that is no string or Buffer → ValidationError with the Express hint', () => {
    expectArgumentError(
      caught(() => verifyVnpostWebhook(undefined as never, pem)),
      'rawBody',
      'undefined',
    );
    expectArgumentError(
      caught(() => verifyVnpostWebhook({ a: 1 } as never, pem)),
      'rawBody',
      'object',
    );
  });

  it('a missing key, or headers where the key goes → ConfigurationError naming publicKey; a wrong signature is false', () => {
    for (const [key, got] of [
      [undefined, 'undefined'],
      [{}, 'object'],
    ] as const) {
      const error = caught(() => verifyVnpostWebhook('{}', key as never));
      expect(error).toBeInstanceOf(ConfigurationError);
      const e = error as ConfigurationError;
      expect(e.messageVi).toContain(
        `publicKey: phải là chuỗi PEM hoặc base64, hoặc một KeyObject (nhận được ${got})`,
      );
      expect(e.messageEn).toContain(`publicKey: must be a PEM or base64 string, or a KeyObject (got ${got})`);
    }
    // A well-formed body with a wrong signature is no argument error: just false (KeyObject or PEM).
    const body = JSON.stringify({
      sendDate: '04/12/2026 10:00:00',
      signature: 'AAAA',
      data: [{ itemCode: 'EB1VN', status: '100' }],
    });
    expect(verifyVnpostWebhook(body, pem)).toBe(false);
    expect(verifyVnpostWebhook(body, vnpostPublicKey(pem))).toBe(false);
  });
});

describe('a PRIVATE key where VNPost’s public key is expected', () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const privateRsaPem = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const privateBase64 = privatePem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  const secretPart = privateBase64.slice(40, 80);

  function expectPrivateKeyRefused(error: unknown, name: string): void {
    expect(error).toBeInstanceOf(ConfigurationError);
    const e = error as ConfigurationError;
    expect(e.kind).toBe('configuration');
    expect(e.messageVi).toContain(`${name}: đây là khoá riêng tư`);
    expect(e.messageEn).toContain(`${name}: is a private key`);
    expect(e.messageVi).not.toContain('private');
    expect(e.message).not.toContain(secretPart);
    expect(JSON.stringify(e)).not.toContain(secretPart);
  }

  it('vnpostPublicKey refuses a private PEM (PKCS#8 or PKCS#1), bare base64 or KeyObject, naming key', () => {
    for (const key of [privatePem, privateRsaPem, privateBase64, pair.privateKey]) {
      expectPrivateKeyRefused(
        caught(() => vnpostPublicKey(key as string)),
        'key',
      );
    }
  });

  it('vnpost({ webhookPublicKey }) and verifyVnpostWebhook name their own option or argument', () => {
    const build = () =>
      vnpost({
        environment: 'uat',
        credentials: { username: 'u', password: 'p', customerCode: 'C1' },
        webhookPublicKey: privatePem,
      } as never);
    expectPrivateKeyRefused(caught(build), 'webhookPublicKey');
    expectPrivateKeyRefused(
      caught(() => verifyVnpostWebhook('{}', pair.privateKey)),
      'publicKey',
    );
  });
});

describe('signing helpers check their arguments (the secret is never shown)', () => {
  const spec = POSTMART_PROFILE.webhook;

  it('computeWebhookSignature: a ValidationError naming spec, secret, rawBody, timestamp', () => {
    expectArgumentError(
      caught(() => computeWebhookSignature(undefined as never, 's', '{}', '1')),
      'spec',
      'undefined',
    );
    const secret = caught(() => computeWebhookSignature(spec, 987654321 as never, '{}', '1'));
    expectArgumentError(secret, 'secret', 'number');
    expect(JSON.stringify(secret)).not.toContain('987654321');
    expect((secret as ValidationError).message).not.toContain('987654321');
    expectArgumentError(
      caught(() => computeWebhookSignature(spec, 's', undefined as never, '1')),
      'rawBody',
      'undefined',
    );
    expectArgumentError(
      caught(() => computeWebhookSignature(spec, 's', '{}', 5 as never)),
      'timestamp',
      'number',
    );
    expect(computeWebhookSignature(spec, 's', '{}', '')).toBe(signPostmartWebhook('s', '{}'));
  });

  it.each([
    ['signVosoWebhook', 'Voso', 'secret', () => signVosoWebhook(undefined as never, '1', '{}')],
    ['signVosoWebhook', 'Voso', 'rawBody', () => signVosoWebhook('s', '1', undefined as never)],
    ['signPostmartWebhook', 'Postmart', 'rawBody', () => signPostmartWebhook('s', undefined as never)],
    ['signPostmartWebhook', 'Postmart', 'secret', () => signPostmartWebhook(12345 as never, '{}')],
    ['shopeeSignature', 'Shopee', 'partnerId', () => shopeeSignature('k', undefined as never, '/p', '1')],
    ['shopeeSignature', 'Shopee', 'shop', () => shopeeSignature('k', '1', '/p', '1', 5 as never)],
    ['shopeePushSignature', 'Shopee', 'body', () => shopeePushSignature('k', SHOPEE_URL, undefined as never)],
    [
      'shopeePushSignature',
      'Shopee',
      'partnerKey',
      () => shopeePushSignature(undefined as never, SHOPEE_URL, '{}'),
    ],
  ])('%s (%s sandbox): a wrong %s is named in both languages', (method, sandbox, argument, run) => {
    const error = caught(run);
    expect(error).toBeInstanceOf(OcopConnectError);
    const e = error as OcopConnectError;
    expect(e.kind).toBe('validation');
    expect(e.messageVi).toContain(`Sandbox ${sandbox}: ${method}: ${argument}: phải là`);
    expect(e.messageEn).toContain(`${sandbox} sandbox: ${method}: ${argument}: must be`);
    expect(e.message).not.toContain('12345');
  });
});
