/**
 * The webhook endpoint and a closed connector (trial 2 of #18, item 8): webhookHandler() after close()
 * throws ConnectorClosedError like every other method, and an endpoint made before close() answers 503
 * (unavailable, retry later) — the delivery was not recorded, and nothing is broken.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnector } from '../../src/connector.js';
import { ConnectorClosedError } from '../../src/core/errors.js';
import { voso } from '../../src/platforms/voso/index.js';
import { startVosoSandbox } from '../../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../../src/sandbox/marketplace/types.js';
import { createMemoryStore } from '../../src/store/memory-store.js';

let box: MarketplaceSandbox;
beforeEach(async () => {
  box = await startVosoSandbox();
});
afterEach(async () => {
  await box.close();
});

function connectorOf() {
  return createConnector({
    marketplaces: [voso({ baseUrl: box.baseUrl, credentials: { ...box.credentials } })],
    store: createMemoryStore(),
  });
}

/** A node:http-like response that keeps what was answered. */
function recordingResponse() {
  const answered: { status?: number; body?: string } = {};
  return {
    answered,
    res: {
      writeHead(status: number) {
        answered.status = status;
      },
      end(body?: string) {
        answered.body = body;
      },
    },
  };
}

describe('webhookHandler and close()', () => {
  it('webhookHandler() after close() throws ConnectorClosedError (bilingual), as every other method', async () => {
    const connector = connectorOf();
    await connector.close();
    let thrown: unknown;
    try {
      connector.webhookHandler();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConnectorClosedError);
    expect(thrown).toMatchObject({ kind: 'closed', messageVi: expect.stringContaining('đã đóng') });
  });

  it('an endpoint made before close() answers a later delivery 503 (retry later), not 500', async () => {
    const connector = connectorOf();
    const handler = connector.webhookHandler();
    await connector.close();
    const { answered, res } = recordingResponse();
    await handler({ headers: {}, url: '/webhooks/voso', body: Buffer.from('{}') }, res);
    expect(answered.status).toBe(503);
    expect(JSON.parse(answered.body ?? '')).toEqual({ ok: false, error: 'unavailable: retry later' });
  });

  it('an open connector still answers an unsigned delivery 401 rejected, as before', async () => {
    const connector = connectorOf();
    const handler = connector.webhookHandler();
    const { answered, res } = recordingResponse();
    await handler({ headers: {}, url: '/webhooks/voso', body: Buffer.from('{}') }, res);
    await connector.close();
    expect(answered).toEqual({ status: 401, body: JSON.stringify({ ok: false, outcome: 'rejected' }) });
  });
});
