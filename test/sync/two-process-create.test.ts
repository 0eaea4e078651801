/**
 * #16 re-trial item 6: the concurrent-create and lost-create guarantees with two (or three) real child
 * processes, each with its own adapter and a FileStore opened on the same folder (public entry points,
 * test/sync/fixtures/create-child.ts). The carrier sandbox must hold one parcel.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startViettelPostSandbox,
  startVnpostSandbox,
  type ViettelPostSandbox,
  type VnpostSandbox,
} from '../../src/sandbox/index.js';

const CHILD = fileURLToPath(new URL('./fixtures/create-child.ts', import.meta.url));

interface ChildAnswer {
  ok: boolean;
  trackingNumber?: string | null;
  name?: string;
  message?: string;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function storeDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ocop-two-process-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function runChild(env: Record<string, string>): Promise<ChildAnswer> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      const line = stdout.trim().split('\n').at(-1);
      if (code !== 0 || !line) reject(new Error(`child exited ${code}: ${stderr || stdout}`));
      else resolve(JSON.parse(line) as ChildAnswer);
    }),
  );
}

/**
 * Starts the children, waits until each has logged in and resolved its addresses (a `.ready` file),
 * then releases them together (`go`), so their creates overlap however slowly the processes started.
 */
async function runTogether(envs: Record<string, string>[]): Promise<ChildAnswer[]> {
  const barrier = await storeDir();
  const running = envs.map((env) => runChild({ ...env, BARRIER_DIR: barrier }));
  const failed = Promise.race(running.map((p) => p.then(() => undefined))).then(() => {
    throw new Error('a child ended before the barrier was released');
  });
  const ready = (async () => {
    while ((await readdir(barrier)).filter((f) => f.endsWith('.ready')).length < envs.length)
      await new Promise((resolve) => setTimeout(resolve, 20));
  })();
  await Promise.race([ready, failed]);
  // Once released the children end normally: that is no failure.
  failed.catch(() => undefined);
  await writeFile(join(barrier, 'go'), '');
  return Promise.all(running);
}

function vnpostEnv(box: VnpostSandbox, dir: string, reference: string) {
  return {
    CARRIER: 'vnpost',
    CARRIER_URL: box.url,
    CARRIER_USER: box.credentials.username,
    CARRIER_PASS: box.credentials.password,
    CARRIER_CODE: box.credentials.customerCode,
    STORE_DIR: dir,
    REFERENCE: reference,
  };
}

/** Winners carry the one parcel's tracking number; losers never sent (ConflictError / outcome unknown). */
function expectOneWinner(answers: ChildAnswer[], trackingNumber: string) {
  const winners = answers.filter((a) => a.ok);
  expect(winners.length).toBeGreaterThanOrEqual(1);
  for (const w of winners) expect(w.trackingNumber).toBe(trackingNumber);
  for (const loser of answers.filter((a) => !a.ok)) {
    expect(['ConflictError', 'OutcomeUnknownError']).toContain(loser.name);
    expect(loser.message).toMatch(/in flight|no answer/);
  }
}

describe('two real processes, one shared FileStore folder', () => {
  it('VNPost: two processes create one reference at the same moment → one CreateOrder, one parcel', async () => {
    const box = await startVnpostSandbox({ stepMs: 0, faults: { latencyMs: 150 } });
    cleanups.push(() => box.close());
    const dir = await storeDir();
    const answers = await runTogether([
      vnpostEnv(box, dir, 'TWO-PROC-VNP'),
      vnpostEnv(box, dir, 'TWO-PROC-VNP'),
    ]);
    const held = box.state.ordersByReference('TWO-PROC-VNP');
    expect(held).toHaveLength(1);
    expect(box.state.requestCount('createOrder')).toBe(1);
    expectOneWinner(answers, held[0]!.itemCode);
  });

  it('VNPost: a lost create in one process, a retry in another while the list lags, then a third adopts the late parcel', async () => {
    const box = await startVnpostSandbox({
      stepMs: 0,
      faults: { commitLate: { createOrder: 1 }, commitLateMs: 3_600_000 },
    });
    cleanups.push(() => box.close());
    const dir = await storeDir();
    const first = await runChild(vnpostEnv(box, dir, 'TWO-PROC-LOST'));
    expect(first).toMatchObject({ ok: false, name: 'OutcomeUnknownError' });
    const second = await runChild(vnpostEnv(box, dir, 'TWO-PROC-LOST'));
    expect(second).toMatchObject({ ok: false, name: 'OutcomeUnknownError' });
    expect(box.state.requestCount('createOrder')).toBe(1);
    expect(box.commitLateNow()).toBe(1);
    const third = await runChild(vnpostEnv(box, dir, 'TWO-PROC-LOST'));
    const held = box.state.ordersByReference('TWO-PROC-LOST');
    expect(held).toHaveLength(1);
    expect(third).toMatchObject({ ok: true, trackingNumber: held[0]!.itemCode });
    expect(box.state.requestCount('createOrder')).toBe(1);
  });

  it('ViettelPost: two processes create one reference at the same moment → one createOrder, one waybill', async () => {
    const box: ViettelPostSandbox = await startViettelPostSandbox({ stepMs: 0, faults: { latencyMs: 150 } });
    cleanups.push(() => box.close());
    const dir = await storeDir();
    const env = {
      CARRIER: 'viettelpost',
      CARRIER_URL: box.url,
      CARRIER_USER: box.memberCredentials.username,
      CARRIER_PASS: box.memberCredentials.password,
      STORE_DIR: dir,
      REFERENCE: 'TWO-PROC-VTP',
    };
    const answers = await runTogether([env, env]);
    const held = box.state.ordersByReference('TWO-PROC-VTP');
    expect(held).toHaveLength(1);
    expect(box.state.requestCount('createOrder')).toBe(1);
    expectOneWinner(answers, held[0]!.waybill);
  });
});
