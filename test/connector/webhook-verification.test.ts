/**
 * #18: a Shopee adapter without webhookUrl cannot verify pushes (Shopee signs the callback URL). The
 * connector's webhook endpoint fails when it is made — naming the marketplace and webhookUrl — instead
 * of answering 500 at the first push; the message says it once ("cannot verify pushes"), without the
 * stutter "webhookUrl is missing: webhookUrl: required …".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, createConnector, createMemoryStore } from '../../src/index.js';
import { shopee } from '../../src/platforms/shopee/index.js';
import { type ShopeeSandbox, startShopeeSandbox } from '../../src/sandbox/index.js';
import { failure } from '../core/helpers/failure.js';

let sandbox: ShopeeSandbox;
beforeAll(async () => {
  sandbox = await startShopeeSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const connectorWith = (webhookUrl?: string) =>
  createConnector({
    marketplaces: [
      shopee({
        credentials: sandbox.credentials,
        baseUrl: sandbox.baseUrl,
        ...(webhookUrl ? { webhookUrl } : {}),
      }),
    ],
    store: createMemoryStore(),
  });

describe('Shopee without webhookUrl', () => {
  it('webhookHandler() fails when made, naming the marketplace and webhookUrl in both languages', async () => {
    const connector = connectorWith();
    const error = await failure(async () => connector.webhookHandler());
    expect(error).toBeInstanceOf(ConfigurationError);
    const { messageVi, messageEn, problems } = error as ConfigurationError;
    const account = connector.marketplaces[0]!.account;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(
        `^marketplaces\\[0\\] \\(shopee/${account}\\)\\.webhookUrl: cần để kiểm thông báo đẩy.* / marketplaces\\[0\\] \\(shopee/${account}\\)\\.webhookUrl: required to verify pushes`,
      ),
    );
    expect(messageEn).toContain('webhookHandler: a marketplace cannot verify pushes');
    expect(messageVi).toContain('webhookHandler: có sàn không kiểm được thông báo đẩy');
    expect(messageEn).not.toContain(sandbox.credentials.partnerKey);
    await connector.close();
  });

  it('handleWebhook says it once: "Shopee cannot verify pushes", then webhookUrl and why — no stutter', async () => {
    const connector = connectorWith();
    const error = await failure(() => connector.handleWebhook('shopee', '{}', {}));
    expect(error).toBeInstanceOf(ConfigurationError);
    const { messageEn, messageVi } = error as ConfigurationError;
    expect(messageEn).toContain('Shopee cannot verify pushes');
    expect(messageVi).toContain('Shopee không kiểm được thông báo đẩy');
    expect(messageEn).not.toContain('webhookUrl is missing');
    expect(messageEn).toContain('Shopee cannot verify pushes');
    expect(messageEn.match(/webhookUrl/g)).toHaveLength(1);
    await connector.close();
  });

  it('with webhookUrl the endpoint is made', async () => {
    const connector = connectorWith('https://htx.example.vn/shopee/push');
    expect(typeof connector.webhookHandler()).toBe('function');
    await connector.close();
  });
});
