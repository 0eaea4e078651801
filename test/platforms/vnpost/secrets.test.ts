import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { OcopConnectError } from '../../../src/core/errors.js';
import { createLogger } from '../../../src/core/logger.js';
import { vnpost } from '../../../src/platforms/vnpost/index.js';
import { startVnpostSandbox, type VnpostSandbox } from '../../../src/sandbox/index.js';
import { PARCEL, RECEIVER, SENDER_2025 } from './helpers.js';

let sandbox: VnpostSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function everythingAbout(error: unknown): string {
  const parts = [inspect(error, { depth: 10 }), String(error)];
  if (error instanceof OcopConnectError) parts.push(JSON.stringify(error.toJSON()), error.stack ?? '');
  return parts.join('\n');
}

describe('VNPost secrets never reach logs or errors', () => {
  it('login, token refusal and re-login, a server error and a wrong password leave no password or token behind', async () => {
    sandbox = await startVnpostSandbox({ stepMs: 0 });
    const lines: string[] = [];
    const logger = createLogger({
      level: 'trace',
      destination: { write: (line: string) => lines.push(line) },
    });
    const adapter = vnpost({
      baseUrl: sandbox.url,
      credentials: sandbox.credentials,
      logger,
      retry: { retries: 1, initialDelayMs: 1, maxDelayMs: 2 },
    });
    const quote = { from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL };
    await adapter.quote(quote);
    sandbox.expireTokens();
    await adapter.quote(quote);
    sandbox.setFaults({ failNext: { servicesCharge: 5 } });
    const serverError = await adapter.quote(quote).catch((e: unknown) => e);
    await adapter.close();

    const wrong = vnpost({
      baseUrl: sandbox.url,
      credentials: { ...sandbox.credentials, password: 'Sai-Mat-Khau-991' },
      logger,
    });
    const refused = await wrong.quote(quote).catch((e: unknown) => e);
    await wrong.close();

    const secrets = [sandbox.credentials.password, 'Sai-Mat-Khau-991', ...sandbox.state.issuedTokens()];
    expect(sandbox.state.issuedTokens()).toHaveLength(2);
    const text = [lines.join('\n'), everythingAbout(serverError), everythingAbout(refused)].join('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of secrets) expect(text, `leaked ${secret}`).not.toContain(secret);
  });
});
