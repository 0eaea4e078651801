import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createFileStore,
  type FileStore,
  StoreCorruptError,
  StoreLockedError,
  StoreUnusableError,
} from '../../src/store/index.js';
import { currentProcessIdentity, processStartTicks } from '../../src/store/process-identity.js';
import { runStoreContract } from './store-contract.js';

const tempDirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ocop-shared-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

runStoreContract('FileStore (shared)', async (options) =>
  createFileStore({ ...options, dir: await freshDir(), shared: true }),
);

const WRITER = fileURLToPath(new URL('./fixtures/shared-writer.ts', import.meta.url));

function startWriter(
  dir: string,
  name: string,
  count: number,
): { child: ChildProcess; done: Promise<string>; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, name, String(count)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    output += chunk;
  });
  const done = new Promise<string>((resolve) => child.on('close', () => resolve(output)));
  return { child, done, output: () => output };
}

describe('FileStore shared mode: two processes on one folder', () => {
  it('loses no increment, no listing and no webhook claim when two processes write at once', async () => {
    const dir = await freshDir();
    const count = 60;
    const a = startWriter(dir, 'receiver', count);
    const b = startWriter(dir, 'sync', count);
    while (!(a.output().includes('ready') && b.output().includes('ready'))) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await writeFile(`${dir}.go`, '');
    tempDirs.push(`${dir}.go`);
    // This process reads along while they write (a third user of the folder).
    const reader = await createFileStore({ dir, shared: true, lockWaitMs: 30_000 });
    const seen: number[] = [];
    let finished = false;
    const outputs = Promise.all([a.done, b.done]).finally(() => {
      finished = true;
    });
    while (!finished) {
      seen.push((await reader.getStock('counter'))?.onHand ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [outA, outB] = await outputs;
    expect(outA).toContain('done');
    expect(outB).toContain('done');
    // The reader never saw the counter go backwards.
    expect(seen).toEqual([...seen].sort((x, y) => x - y));

    expect((await reader.getStock('counter'))?.onHand).toBe(2 * count);
    expect(await reader.listListings('voso', 'receiver')).toHaveLength(count);
    expect(await reader.listListings('voso', 'sync')).toHaveLength(count);
    // They really ran at the same time: the counter values each one read are interleaved.
    const receiverValues = (await reader.listListings('voso', 'receiver')).map((l) => Number(l.contentHash));
    expect(Math.max(...receiverValues) - Math.min(...receiverValues)).toBeGreaterThan(count);
    // Each delivery key was claimed by exactly one of the two processes.
    const claimed = [outA, outB].map((out) => Number(/claimed (\d+)/.exec(out)?.[1]));
    expect((claimed[0] ?? 0) + (claimed[1] ?? 0)).toBe(count);
    for (let i = 0; i < count; i++) expect(await reader.claimWebhook(`delivery-${i}`)).toBe(false);
    await reader.close();

    // And an ordinary exclusive open afterwards reads the same state.
    const exclusive = await createFileStore({ dir });
    expect((await exclusive.getStock('counter'))?.onHand).toBe(2 * count);
    await exclusive.close();
  }, 90_000);

  it('sees a write of another store at its next transaction, and a compaction by the other', async () => {
    const dir = await freshDir();
    const one = await createFileStore({ dir, shared: true, compactThresholdBytes: 300 });
    const two = await createFileStore({ dir, shared: true, compactThresholdBytes: 300 });
    await one.putStock({ sku: 'A', onHand: 1, reserved: 0 });
    expect((await two.getStock('A'))?.onHand).toBe(1);
    for (let i = 0; i < 20; i++) await two.putStock({ sku: `B${i}`, onHand: i, reserved: 0 });
    expect(await one.listStock()).toHaveLength(21);
    await one.deleteStock('A');
    expect(await two.getStock('A')).toBeUndefined();
    await one.close();
    await two.close();
  });

  it('waits for an exclusive holder and then says who holds the folder', async () => {
    const dir = await freshDir();
    const exclusive = await createFileStore({ dir });
    const started = Date.now();
    const error = await createFileStore({ dir, shared: true, lockWaitMs: 150 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as StoreLockedError).message).toMatch(/waited \d+ ms/);
    expect((error as StoreLockedError).messageVi).toContain('đang bị khoá');
    await exclusive.close();
    const shared = await createFileStore({ dir, shared: true });
    await shared.close();
  });

  it('recovers a torn line left by a writer killed mid-append, and keeps appending after it', async () => {
    const dir = await freshDir();
    const store = await createFileStore({ dir, shared: true });
    await store.putStock({ sku: 'A', onHand: 1, reserved: 0 });
    await writeFile(
      join(dir, 'journal.ndjson'),
      `${await readFile(join(dir, 'journal.ndjson'), 'utf8')}{"seq":99,"op`,
    );
    await store.putStock({ sku: 'B', onHand: 2, reserved: 0 });
    await store.close();
    const reopened = await createFileStore({ dir });
    expect((await reopened.listStock()).map((s) => s.sku).sort()).toEqual(['A', 'B']);
    await reopened.close();
  });
});

function lockText(owner: Record<string, unknown>): string {
  return JSON.stringify({ since: '2026-01-01T00:00:00.000Z', token: 'crashed-owner', ...owner });
}

describe('FileStore lock owner: more than a PID', () => {
  const self = currentProcessIdentity();

  it('takes over a lock left by a crashed process whose PID this very process now has', async () => {
    const dir = await freshDir();
    await writeFile(
      join(dir, 'lock'),
      lockText({
        pid: process.pid,
        host: hostname(),
        bootId: self.bootId,
        startTicks: (self.startTicks ?? 0) - 1,
      }),
    );
    const store = await createFileStore({ dir });
    expect(JSON.parse(await readFile(join(dir, 'lock'), 'utf8')).token).not.toBe('crashed-owner');
    await store.close();
  });

  it('takes over a lock whose PID now belongs to another live process (PID 1 after a container restart)', async () => {
    const dir = await freshDir();
    const pidOneStart = processStartTicks(1);
    if (typeof pidOneStart !== 'number') return; // no /proc: only liveness can be told there
    await writeFile(
      join(dir, 'lock'),
      lockText({ pid: 1, host: hostname(), bootId: self.bootId, startTicks: pidOneStart + 12345 }),
    );
    const store = await createFileStore({ dir });
    await store.close();
  });

  it('takes over a lock written before the machine rebooted', async () => {
    const dir = await freshDir();
    await writeFile(
      join(dir, 'lock'),
      lockText({ pid: 1, host: hostname(), bootId: 'another-boot', startTicks: processStartTicks(1) ?? 0 }),
    );
    const store = await createFileStore({ dir });
    await store.close();
  });

  it('respects a lock of a live process whose start time matches, and one from another host', async () => {
    const dir = await freshDir();
    await writeFile(
      join(dir, 'lock'),
      lockText({ pid: 1, host: hostname(), bootId: self.bootId, startTicks: processStartTicks(1) ?? null }),
    );
    const error = await createFileStore({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as StoreLockedError).ownerPid).toBe(1);

    const dir2 = await freshDir();
    await writeFile(
      join(dir2, 'lock'),
      lockText({ pid: 999_999, host: 'other-host', bootId: 'x', startTicks: 1 }),
    );
    const remote = await createFileStore({ dir: dir2 }).catch((e: unknown) => e);
    expect(remote).toBeInstanceOf(StoreLockedError);
    expect((remote as StoreLockedError).message).toContain('another host');
    expect((remote as StoreLockedError).message).toContain(join(dir2, 'lock'));
  });
});

describe('FileStore open errors are typed and bounded', () => {
  let opened: FileStore | undefined;

  it('names a path that is a file', async () => {
    const file = join(await freshDir(), 'a-file');
    await writeFile(file, 'x');
    for (const dir of [file, join(file, 'below')]) {
      const error = await createFileStore({ dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnusableError);
      expect((error as StoreUnusableError).message).toContain(file);
      expect((error as StoreUnusableError).messageVi).toContain('không phải là thư mục');
    }
  });

  it('fails fast under /proc and /sys instead of hanging', async () => {
    for (const dir of ['/proc/ocop-x', '/proc/ocop-x/y', '/sys/ocop-x']) {
      const started = Date.now();
      const error = await createFileStore({ dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnusableError);
      expect((error as StoreUnusableError).dir).toBe(dir);
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });

  it('says which store file was replaced by a folder', async () => {
    for (const name of ['journal.ndjson', 'state.json']) {
      const dir = await freshDir();
      await mkdir(join(dir, name));
      const error = await createFileStore({ dir }).catch((e: unknown) => e);
      expect([StoreCorruptError, StoreUnusableError].some((type) => error instanceof type)).toBe(true);
      expect((error as Error).message).toContain(join(dir, name));
      expect((error as Error).message).toMatch(/folder/);
      // The failed open let go of the lock.
      await rm(join(dir, name), { recursive: true });
      opened = await createFileStore({ dir });
      await opened.close();
    }
  });
});
