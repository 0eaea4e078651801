/**
 * Trial 3, defects 2 and 3 (#18): a webhook receiver given no body or no headers (Express without
 * express.raw gives `req.body` undefined), and a VNPost public key that is empty or broken, are refused
 * with a typed bilingual error naming the argument — never a raw TypeError or a plain OpenSSL Error.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, ValidationError } from '../../src/core/errors.js';
import {
  parseViettelPostWebhook,
  verifyViettelPostWebhook,
  viettelpost,
} from '../../src/platforms/viettelpost/index.js';
import { parseVnpostWebhook, vnpostPublicKey } from '../../src/platforms/vnpost/index.js';
import { type Harness, startHarness } from './vnpost/helpers.js';

async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** A ValidationError whose one issue is `name`, named in both texts. */
function expectArgumentError(error: unknown, name: string): void {
  expect(error).toBeInstanceOf(ValidationError);
  const e = error as ValidationError;
  expect(e.kind).toBe('validation');
  expect(e.issues.map((i) => i.path)).toEqual([name]);
  expect(e.messageVi).toContain(`${name}:`);
  expect(e.messageEn).toContain(`${name}:`);
  if (name === 'rawBody') {
    expect(e.messageVi).toContain("express.raw({ type: '*/*' })");
    expect(e.messageEn).toContain("express.raw({ type: '*/*' })");
    expect(e.messageEn).toContain('raw request body');
  }
}

const vtp = () =>
  viettelpost({
    environment: 'development',
    credentials: { username: '0905000002', password: 'pw-not-used' },
    webhookSecret: 's',
  });

describe('webhook receivers check their arguments first', () => {
  it('ViettelPost receiveWebhook: a missing body or headers', async () => {
    const adapter = vtp();
    expectArgumentError(await caught(() => adapter.receiveWebhook(undefined as never, {})), 'rawBody');
    expectArgumentError(await caught(() => adapter.receiveWebhook('{}', undefined as never)), 'headers');
    expectArgumentError(await caught(() => adapter.receiveWebhook(5 as never, {})), 'rawBody');
    await adapter.close();
  });

  it('ViettelPost parse and verify functions', async () => {
    expectArgumentError(await caught(() => parseViettelPostWebhook(undefined as never)), 'rawBody');
    expectArgumentError(
      await caught(() => verifyViettelPostWebhook(undefined as never, undefined as never, 's')),
      'rawBody',
    );
    expectArgumentError(await caught(() => verifyViettelPostWebhook('{}', null as never, 's')), 'headers');
  });

  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('VNPost receiveWebhook and parseVnpostWebhook', async () => {
    h = await startHarness();
    const adapter = h.adapter;
    expectArgumentError(await caught(() => adapter.receiveWebhook(undefined as never, {})), 'rawBody');
    expectArgumentError(await caught(() => adapter.receiveWebhook('{}', undefined as never)), 'headers');
    expectArgumentError(await caught(() => parseVnpostWebhook(undefined as never)), 'rawBody');
  });
});

describe('vnpostPublicKey refuses a key it cannot read', () => {
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();
  const base64 = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');

  it('reads a good PEM and bare base64 key', () => {
    expect(vnpostPublicKey(pem).asymmetricKeyType).toBe('rsa');
    expect(vnpostPublicKey(base64).asymmetricKeyType).toBe('rsa');
    const object = vnpostPublicKey(pem);
    expect(vnpostPublicKey(object)).toBe(object);
  });

  it('an empty key, a truncated base64 key and a bad PEM: a bilingual ConfigurationError naming the key', async () => {
    const truncated = base64.slice(0, 100);
    const badPem = '-----BEGIN PUBLIC KEY-----\nAAAAsecretish\n-----END PUBLIC KEY-----';
    for (const [key, why] of [
      ['', 'empty key'],
      ['   ', 'empty key'],
      [undefined, 'must be a PEM or base64 string, or a KeyObject'],
      [5, 'must be a PEM or base64 string, or a KeyObject'],
      [truncated, 'not an RSA public key'],
      [badPem, 'not an RSA public key'],
    ] as const) {
      const error = await caught(() => vnpostPublicKey(key as string));
      expect(error).toBeInstanceOf(ConfigurationError);
      const e = error as ConfigurationError;
      expect(e.kind).toBe('configuration');
      expect(e.messageVi).toContain('key:');
      expect(e.messageEn).toContain(`key: ${why}`);
      expect(e.messageVi).toContain('Khoá công khai VNPost');
      expect(e.messageVi).not.toContain('not an RSA');
      if (typeof key === 'string' && key.trim() !== '') {
        expect(e.cause).toBeInstanceOf(Error);
        expect(JSON.stringify(e)).not.toContain(key.slice(20, 60));
        expect(e.message).not.toContain(key.slice(20, 60));
      }
    }
  });
});
