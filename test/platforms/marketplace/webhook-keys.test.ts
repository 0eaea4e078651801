import { generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/core/errors.js';
import type { MarketplaceProfileOverride } from '../../../src/platforms/marketplace/index.js';
import { voso } from '../../../src/platforms/voso/index.js';

/**
 * Webhook keys and times as a seller configures them (issue #15, second trial): an RSA profile without a
 * usable public key is refused when the adapter is built (not "every push false"), and a push's time is
 * read in the push's own format.
 */
const credentials = { username: 'htx', password: 'pw' };
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
/** A Lazada-shaped push: the time inside the signed body, in seconds, while the API writes ISO times. */
const RSA_PUSH: MarketplaceProfileOverride = {
  time: { format: 'iso8601' },
  webhook: {
    algorithm: 'rsa-sha256',
    encoding: 'base64',
    signatureHeader: 'X-Signature',
    signedPayload: '{body}',
    timestampHeader: null,
    timestampPath: 'timestamp',
    timestampFormat: 'epochSeconds',
    eventTypePath: 'type',
    occurredAtPath: 'timestamp',
    eventIdPath: null,
    eventTypes: { ORDER: 'order.updated' },
    orderPath: 'data',
    orderIdPath: 'order_number',
    orderStatusPath: 'status',
  },
};

function problemsOf(build: () => unknown): readonly string[] {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).problems;
  }
  throw new Error('the adapter was built');
}

describe("webhook.algorithm 'rsa-sha256' needs a usable public key, checked when the adapter is built", () => {
  it('a key that is not PEM, no key, or a shared secret instead are refused in one ConfigurationError', () => {
    const notPem = problemsOf(() => voso({ credentials, profile: RSA_PUSH, webhookPublicKey: 'not a pem' }));
    expect(notPem).toEqual([
      expect.stringMatching(
        /^webhookPublicKey: không phải khóa công khai PEM .* \/ webhookPublicKey: not a PEM public key/,
      ),
    ]);
    expect(notPem.join()).not.toContain('not a pem');

    const missing = problemsOf(() => voso({ credentials, profile: RSA_PUSH }));
    expect(missing).toEqual([
      expect.stringMatching(
        /^webhookPublicKey: bắt buộc khi webhook.algorithm là 'rsa-sha256' .* \/ webhookPublicKey: required by webhook.algorithm 'rsa-sha256'/,
      ),
    ]);

    const secret = problemsOf(() => voso({ credentials, profile: RSA_PUSH, webhookSecret: 'abc' }));
    expect(secret).toHaveLength(2);
    expect(secret[0]).toMatch(
      /^webhookSecret: .*khóa công khai của sàn .* \/ webhookSecret: .*verifies pushes with the platform's public key/,
    );
    expect(secret[1]).toMatch(/^webhookPublicKey: bắt buộc .* \/ webhookPublicKey: required/);
    expect(secret.join()).not.toContain('abc');

    // Reported together with every other problem, as the README promises.
    const both = problemsOf(() =>
      voso({ credentials, profile: RSA_PUSH, webhookPublicKey: 'x', timeoutMs: -1 }),
    );
    expect(both.some((p) => p.startsWith('timeoutMs'))).toBe(true);
    expect(both.some((p) => p.startsWith('webhookPublicKey: không phải khóa công khai PEM'))).toBe(true);
  });

  it('a private key, or a key that is not RSA, is refused without echoing it', () => {
    const privatePem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const priv = problemsOf(() => voso({ credentials, profile: RSA_PUSH, webhookPublicKey: privatePem }));
    expect(priv).toEqual([
      expect.stringMatching(/^webhookPublicKey: là một khóa bí mật .* \/ webhookPublicKey: is a private key/),
    ]);
    expect(priv.join()).not.toContain('MII');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(problemsOf(() => voso({ credentials, profile: RSA_PUSH, webhookPublicKey: ec }))).toEqual([
      "webhookPublicKey: là khóa ec; webhook.algorithm 'rsa-sha256' cần một khóa công khai RSA / webhookPublicKey: is a ec key; webhook.algorithm 'rsa-sha256' needs an RSA public key",
    ]);
  });

  it('the key from credentials.webhookPublicKey is accepted; the push verifies and parses with its own time format', async () => {
    const adapter = voso({ credentials: { ...credentials, webhookPublicKey: pem }, profile: RSA_PUSH });
    try {
      const sentAt = Math.floor(Date.now() / 1000);
      const body = Buffer.from(
        JSON.stringify({
          type: 'ORDER',
          timestamp: sentAt,
          data: { order_number: '901', status: 'CONFIRMED' },
        }),
      );
      const headers = { 'x-signature': rsaSign('sha256', body, rsa.privateKey).toString('base64') };
      expect(adapter.verifyWebhook(body, headers)).toBe(true);
      // The time that verified the push (epoch seconds) is the one parseWebhook reads, not as ISO text.
      expect(adapter.parseWebhook(body)).toMatchObject({
        type: 'order.updated',
        orderId: '901',
        status: 'CONFIRMED',
        occurredAt: new Date(sentAt * 1000).toISOString(),
      });
      // An order id path written from the body's root instead of from orderPath is named in the error.
      const misplaced = voso({
        credentials: { ...credentials, webhookPublicKey: pem },
        profile: { ...RSA_PUSH, webhook: { ...RSA_PUSH.webhook, orderIdPath: 'data.order_number' } },
      });
      try {
        expect(() => misplaced.parseWebhook(body)).toThrow(
          'has no order id at "data.order_number" inside "data" (webhook.orderIdPath is relative to webhook.orderPath)',
        );
      } finally {
        await misplaced.close();
      }
    } finally {
      await adapter.close();
    }
  });
});
