/**
 * Every sandbox start function checks its options with one table before anything starts (trial 1 of
 * #18, item 5): options that are not an object, an unknown name (with the nearest known one) and a
 * wrong-typed value come back as one error of the library's tree, kind `configuration`, in Vietnamese
 * and English, naming each option; a port already in use is the same kind of error naming the port.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcopConnectError } from '../../src/index.js';
import {
  startPostmartSandbox,
  startShopeeSandbox,
  startViettelPostSandbox,
  startVnpostSandbox,
  startVosoSandbox,
} from '../../src/sandbox/index.js';

type Start = (options?: never) => Promise<{ close(): Promise<void> }>;

const STARTS: readonly {
  name: string;
  start: Start;
  /** A misspelt option and the name it should suggest. */
  typo: [string, string];
  /** An option of the wrong type and what it must be, in English. */
  wrong: [string, unknown, string];
}[] = [
  {
    name: 'startVosoSandbox',
    start: startVosoSandbox as Start,
    typo: ['rateLimitRPS', 'rateLimitRps'],
    wrong: ['faults.failStatus', 502, 'must be one of 500, 503 (got number)'],
  },
  {
    name: 'startPostmartSandbox',
    start: startPostmartSandbox as Start,
    typo: ['tokenTTLMs', 'tokenTtlMs'],
    wrong: ['rateLimitRps', 'x', 'must be a number greater than 0, or false (no limit) (got string)'],
  },
  {
    name: 'startShopeeSandbox',
    start: startShopeeSandbox as Start,
    typo: ['webhookURL', 'webhookUrl'],
    wrong: ['shippingChannel', 5, 'must be a non-empty string (got number)'],
  },
  {
    name: 'startViettelPostSandbox',
    start: startViettelPostSandbox as Start,
    typo: ['stepsMs', 'stepMs'],
    wrong: [
      'ending',
      'lost',
      "must be one of 'delivered', 'failed', 'returned', 'cancelledByVtp' (got string)",
    ],
  },
  {
    name: 'startVnpostSandbox',
    start: startVnpostSandbox as Start,
    typo: ['demoAcount', 'demoAccount'],
    wrong: ['webhookMaxRetries', -1, 'must be a whole number, 0 or more (got number)'],
  },
];

async function refusal(started: Promise<{ close(): Promise<void> }>): Promise<OcopConnectError> {
  const outcome = await started.then(
    async (sandbox) => {
      await sandbox.close();
      return undefined;
    },
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(OcopConnectError);
  const error = outcome as OcopConnectError;
  expect(error.kind).toBe('configuration');
  return error;
}

describe('sandbox start functions check their options', { timeout: 60_000 }, () => {
  let busy: Server;
  let busyPort: number;
  beforeAll(async () => {
    busy = createServer();
    busy.listen(0, '127.0.0.1');
    await once(busy, 'listening');
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(() => {
    busy.close();
  });

  for (const { name, start, typo, wrong } of STARTS) {
    it(`${name}: options not an object`, async () => {
      const error = await refusal(start(5 as never));
      expect(error.messageEn).toBe(`${name}: invalid options: options: must be an object (got number)`);
      expect(error.messageVi).toBe(
        `${name}: tùy chọn không hợp lệ: options: phải là một đối tượng (nhận được number)`,
      );
      expect(error.operation).toBe(name);
      await refusal(start(null as never));
    });

    it(`${name}: an unknown name (did you mean …) and a wrong type, together in one error`, async () => {
      const [badName, nearest] = typo;
      const [option, value, mustBe] = wrong;
      // A nested option (`faults.failStatus`) is named by its path.
      const [head, field] = option.split('.') as [string, string | undefined];
      const given = field === undefined ? value : { [field]: value };
      const error = await refusal(start({ [badName]: 1, [head]: given } as never));
      expect(error.messageEn).toBe(
        `${name}: invalid options: ${badName}: no such option (did you mean "${nearest}"?); ${option}: ${mustBe}`,
      );
      expect(error.messageVi).toContain(`${badName}: không có tùy chọn này (có phải "${nearest}"?)`);
      expect(error.messageVi).toContain(`${option}: phải là`);
      const bogus = await refusal(start({ bogus: 1 } as never));
      expect(bogus.messageEn).toBe(`${name}: invalid options: bogus: no such option`);
    });

    it(`${name}: a port in use is named`, async () => {
      const error = await refusal(start({ port: busyPort } as never));
      expect(error.messageEn).toBe(
        `Port ${busyPort} is in use (127.0.0.1:${busyPort}): choose another port (port), or 0 for any free one`,
      );
      expect(error.messageVi).toBe(
        `Cổng ${busyPort} đang được dùng (127.0.0.1:${busyPort}): chọn cổng khác (port), hoặc 0 để lấy một cổng trống`,
      );
      expect((error.cause as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
    });
  }

  it('options that fit still start (every start function, port 0)', async () => {
    for (const { start } of STARTS) {
      const sandbox = await start({ port: 0 } as never);
      await sandbox.close();
    }
  });
});
