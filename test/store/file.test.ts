import { type ChildProcess, spawn } from 'node:child_process';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import {
  createFileStore,
  type FileStore,
  type FileStoreOptions,
  FileTokenStore,
  StoreCorruptError,
  StoreLockedError,
} from '../../src/store/index.js';
import { readLedgerState } from '../../src/sync/orders/order-state.js';
import { englishWords } from '../architecture/vietnamese-text.js';
import { rejectionOf } from '../core/helpers/failure.js';
import { runStoreContract } from './store-contract.js';

const tempDirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ocop-store-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

runStoreContract('FileStore', async (options) => createFileStore({ ...options, dir: await freshDir() }));

describe('FileStore options', () => {
  it('reports every bad number together, before creating the folder', async () => {
    const dir = join(await freshDir(), 'not-created');
    const error = await createFileStore({
      dir,
      flushDelayMs: -1,
      compactThresholdBytes: Number.NaN,
      maxWebhookKeys: 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toEqual([
      'maxWebhookKeys: phải là một số nguyên ≥ 1 / maxWebhookKeys: must be a whole number ≥ 1',
      'flushDelayMs: phải là một số mili giây ≥ 0 / flushDelayMs: must be a number of ms ≥ 0',
      'compactThresholdBytes: phải là một số nguyên ≥ 1 / compactThresholdBytes: must be a whole number ≥ 1',
    ]);
    await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a misspelt option with the nearest name, creating no folder (not even ./.ocop-connect)', async () => {
    const cwd = await freshDir();
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      const refused = await rejectionOf(
        createFileStore({ dri: 'my-state', flushDelayMs: -1 } as FileStoreOptions),
        ConfigurationError,
      );
      expect(refused.messageVi).toContain('createFileStore: tùy chọn không hợp lệ');
      expect(refused.messageVi).toContain('dri: không có tùy chọn này (có phải "dir"?)');
      expect(refused.messageEn).toContain('dri: no such option (did you mean "dir"?)');
      // The bad number in the same error: every problem at once.
      expect(refused.messageVi).toContain('flushDelayMs: phải là một số mili giây ≥ 0');
      expect(refused.messageVi).not.toContain('no such option');
      expect(await readdir(cwd)).toEqual([]);
    } finally {
      process.chdir(previous);
    }
  });

  it('names each wrong-typed option in both languages, before creating the folder', async () => {
    const dir = join(await freshDir(), 'not-created');
    const refused = await rejectionOf(
      createFileStore({ dir, shared: 'yes', lockWaitMs: -5, nowMs: 12 } as unknown as FileStoreOptions),
      ConfigurationError,
    );
    expect(refused.messageVi).toContain('shared: phải là true hoặc false (hoặc bỏ trống)');
    expect(refused.messageEn).toContain('shared: must be true or false (or left out)');
    expect(refused.messageVi).toContain('lockWaitMs: phải là một số nguyên ≥ 0');
    expect(refused.messageEn).toContain('nowMs: must be a function (or left out)');
    const typed = await rejectionOf(
      createFileStore({ dir: 5 } as unknown as FileStoreOptions),
      ConfigurationError,
    );
    expect(typed.messageEn).toContain('dir: must be a non-empty string (or left out)');
    await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

const WRITER = fileURLToPath(new URL('./fixtures/store-writer.ts', import.meta.url));

function startWriter(
  dir: string,
  mode: 'hold' | 'churn',
): { child: ChildProcess; output: () => string; exited: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return { child, output: () => output, exited };
}

async function waitFor(check: () => boolean, timeoutMs: number, poll?: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await poll?.();
    if (check()) return;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('FileStore', () => {
  const open: FileStore[] = [];
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });
  const track = (store: FileStore) => {
    open.push(store);
    return store;
  };

  it('restores every namespace after close and reopen', async () => {
    const dir = await freshDir();
    const first = await createFileStore({ dir });
    await first.putListing({
      platform: 'voso',
      account: 'a',
      sku: 'A',
      remoteListingId: 'L1',
      contentHash: 'h1',
    });
    await first.putImageUpload({ platform: 'voso', account: 'a', contentHash: 'c1', remoteImageId: 'i1' });
    await first.putIntent({ platform: 'voso', account: 'a', sku: 'B', intentId: 'intent-B' });
    await first.putCheckpoint({ platform: 'voso', account: 'a', cursor: 'cur-9' });
    await first.putStock({ sku: 'A', onHand: 7, reserved: 2 });
    await first.putShipment({ reference: 'ORD-1', waybill: 'W1', status: 'created' });
    await first.claimWebhook('evt-1');
    const before = await snapshotOf(first);
    await first.close();

    const second = track(await createFileStore({ dir }));
    expect(await snapshotOf(second)).toEqual(before);
    expect(await second.claimWebhook('evt-1')).toBe(false);
  });

  it('makes an intent durable before putIntent resolves (it is in the journal on disk)', async () => {
    const dir = await freshDir();
    const store = track(await createFileStore({ dir, flushDelayMs: 60_000 }));
    await store.putIntent({ platform: 'voso', account: 'a', sku: 'A', intentId: 'intent-on-disk-1' });
    expect(await readFile(join(dir, 'journal.ndjson'), 'utf8')).toContain('intent-on-disk-1');
  });

  it('coalesces ordinary writes: 1000 puts resolve before any disk write, one flush() writes them all', async () => {
    const dir = await freshDir();
    const store = track(await createFileStore({ dir, flushDelayMs: 60_000 }));
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        store.putListing({
          platform: 'voso',
          account: 'a',
          sku: `S${i}`,
          remoteListingId: `L${i}`,
          contentHash: 'h',
        }),
      ),
    );
    expect((await stat(join(dir, 'journal.ndjson'))).size).toBe(0);
    await store.flush();
    const lines = (await readFile(join(dir, 'journal.ndjson'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1000);
  });

  it('flushes coalesced writes by itself after flushDelayMs', async () => {
    const dir = await freshDir();
    const store = track(await createFileStore({ dir, flushDelayMs: 5 }));
    await store.putStock({ sku: 'A', onHand: 3, reserved: 0 });
    let journal = '';
    await waitFor(
      () => journal.includes('"A"'),
      5_000,
      async () => {
        journal = await readFile(join(dir, 'journal.ndjson'), 'utf8');
      },
    );
  });

  it('compacts the journal into state.json past the threshold and still restores everything', async () => {
    const dir = await freshDir();
    const store = await createFileStore({ dir, compactThresholdBytes: 4096 });
    for (let i = 0; i < 200; i++) {
      await store.putStock({ sku: `S${i % 30}`, onHand: i, reserved: 0 });
      if (i % 10 === 0) await store.flush();
    }
    await store.flush();
    expect((await stat(join(dir, 'journal.ndjson'))).size).toBeLessThan(4096);
    expect((await stat(join(dir, 'state.json'))).size).toBeGreaterThan(0);
    const expected = await store.listStock();
    await store.close();
    const reopened = track(await createFileStore({ dir }));
    expect(await reopened.listStock()).toEqual(expected);
    expect((await reopened.getStock('S19'))?.onHand).toBe(199);
  });

  it('replays the journal, ignores a torn last line and removes stray temp files', async () => {
    const dir = await freshDir();
    const store = await createFileStore({ dir });
    await store.putStock({ sku: 'A', onHand: 1, reserved: 0 });
    await store.close(); // compacts into state.json
    const { seq } = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { seq: number };
    // What a crash leaves: one complete transaction, one half-written line, a half-written temp file.
    const stockB = { sku: 'B', onHand: 2, reserved: 0, updatedAt: '2026-01-01T00:00:00.000Z' };
    await appendFile(
      join(dir, 'journal.ndjson'),
      `${JSON.stringify({ seq: seq + 1, ops: [['stock', 'B', stockB]] })}\n{"seq":${seq + 2},"ops":[["stock","C",{"sku":"C","onH`,
    );
    await writeFile(join(dir, '.state.json.999999.abcdef.tmp'), '{"half":');
    const reopened = track(await createFileStore({ dir }));
    expect((await reopened.listStock()).map((s) => s.sku)).toEqual(['A', 'B']);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // The torn line is gone for good: later commits are not hidden behind it.
    await reopened.putStock({ sku: 'D', onHand: 4, reserved: 0 });
    await reopened.close();
    const last = track(await createFileStore({ dir }));
    expect((await last.listStock()).map((s) => s.sku)).toEqual(['A', 'B', 'D']);
  });

  it('skips journal lines already in the snapshot (killed between snapshot and journal truncate)', async () => {
    const dir = await freshDir();
    const store = await createFileStore({ dir });
    await store.putStock({ sku: 'A', onHand: 5, reserved: 0 });
    await store.close();
    const { seq } = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { seq: number };
    const stale = { sku: 'A', onHand: 1, reserved: 0, updatedAt: '2020-01-01T00:00:00.000Z' };
    await appendFile(
      join(dir, 'journal.ndjson'),
      `${JSON.stringify({ seq, ops: [['stock', 'A', stale]] })}\n`,
    );
    const reopened = track(await createFileStore({ dir }));
    expect((await reopened.getStock('A'))?.onHand).toBe(5);
  });

  it('refuses a damaged state.json or journal with StoreCorruptError naming the file', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'state.json'), '{ not json');
    const error = await createFileStore({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect((error as StoreCorruptError).message).toContain(join(dir, 'state.json'));

    const dir2 = await freshDir();
    await writeFile(join(dir2, 'journal.ndjson'), '{"seq":1,"ops":[]}\ngarbage\n{"seq":3,"ops":[]}\n');
    await expect(createFileStore({ dir: dir2 })).rejects.toBeInstanceOf(StoreCorruptError);
    // The failed open released its lock.
    await writeFile(join(dir2, 'journal.ndjson'), '');
    track(await createFileStore({ dir: dir2 }));
  });

  it('says what is damaged in each language: Vietnamese reason in messageVi, English in messageEn, both naming the file', async () => {
    const VIETNAMESE = /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;
    const damaged = async (file: string, text: (old: string) => string) => {
      const dir = await freshDir();
      // A real store's files first, then one of them damaged on disk.
      const store = await createFileStore({ dir });
      await store.putStock({ sku: 'TRA-01', onHand: 3, reserved: 0 });
      await store.putStock({ sku: 'TRA-02', onHand: 4, reserved: 0 });
      await store.flush();
      const journal = await readFile(join(dir, 'journal.ndjson'), 'utf8');
      await store.close(); // compacts the journal into state.json
      const path = join(dir, file);
      if (file === 'journal.ndjson') await rm(join(dir, 'state.json'));
      await writeFile(path, text(file === 'journal.ndjson' ? journal : await readFile(path, 'utf8')));
      const error = await createFileStore({ dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreCorruptError);
      const corrupt = error as StoreCorruptError;
      expect(corrupt.file).toBe(path);
      expect(corrupt.messageVi).toContain(path);
      expect(corrupt.messageEn).toContain(path);
      expect([corrupt.messageVi, englishWords(corrupt.messageVi)]).toEqual([corrupt.messageVi, []]);
      expect(corrupt.messageEn).not.toMatch(VIETNAMESE);
      return { vi: corrupt.messageVi.replace(path, '<file>'), en: corrupt.messageEn.replace(path, '<file>') };
    };
    const text = (replace: string) => () => replace;
    expect(await damaged('state.json', text('{ not json'))).toEqual({
      vi: 'Tệp trạng thái <file> bị hỏng: không phải JSON hợp lệ',
      en: 'State file <file> is corrupt: not valid JSON',
    });
    expect(await damaged('state.json', text('{"format":"other","seq":1}'))).toEqual({
      vi: 'Tệp trạng thái <file> bị hỏng: không phải tệp trạng thái của ocop-connect',
      en: 'State file <file> is corrupt: not an ocop-connect state file',
    });
    expect(await damaged('state.json', (old) => JSON.stringify({ ...JSON.parse(old), version: 99 }))).toEqual(
      {
        vi: 'Tệp trạng thái <file> bị hỏng: được ghi bởi bản ocop-connect mới hơn (định dạng phiên bản 99); hãy nâng cấp để đọc được',
        en: 'State file <file> is corrupt: written by a newer ocop-connect (format version 99); upgrade to read it',
      },
    );
    // The first of the two journal entries (one record each) overwritten: the second stays.
    expect(
      await damaged('journal.ndjson', (old) => old.replace(/^.*\n/, '{"seq":1,"ops":[["stock",\n')),
    ).toEqual({
      vi: 'Tệp trạng thái <file> bị hỏng: không đọc được mục ở dòng 1',
      en: 'State file <file> is corrupt: unreadable entry at line 1',
    });
    expect(await damaged('journal.ndjson', (old) => old.replace(/^.*\n/, ''))).toEqual({
      vi: 'Tệp trạng thái <file> bị hỏng: mục 2 nằm ngay sau mục 0: thiếu các mục ở giữa',
      en: 'State file <file> is corrupt: entry 2 follows 0: entries are missing',
    });
  });

  it('a stored record the engine cannot read names it (namespace and key) and the field, in each language', async () => {
    const dir = await freshDir();
    const store = track(await createFileStore({ dir }));
    await store.putLedgerState({ sku: 'TRA-01', state: { shown: {}, catalogCount: 3 } });
    await store.flush();
    await store.close();
    open.splice(0);
    const state = join(dir, 'state.json'); // close() compacted the journal into it
    await writeFile(
      state,
      (await readFile(state, 'utf8')).replace('"catalogCount":3', '"catalogCount":"ba"'),
    );
    const reopened = track(await createFileStore({ dir }));
    const error = (await readLedgerState(reopened, 'TRA-01').catch((e: unknown) => e)) as StoreCorruptError;
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect(error.file).toBe('ledger[TRA-01]');
    expect(error.messageVi).toMatch(/^Bản ghi trạng thái ledger\[TRA-01\] bị hỏng: catalogCount: /);
    expect([error.messageVi, englishWords(error.messageVi)]).toEqual([error.messageVi, []]);
    expect(error.messageEn).toMatch(/^State record ledger\[TRA-01\] is corrupt: catalogCount: /);
    expect(error.messageEn).not.toMatch(/[ăâđêôơư]/i);
  });

  it('refuses a second store on the same folder in the same process, until the first closes', async () => {
    const dir = await freshDir();
    const first = await createFileStore({ dir });
    const error = await createFileStore({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as StoreLockedError).ownerPid).toBe(process.pid);
    expect((error as StoreLockedError).message).toContain(dir);
    await first.close();
    track(await createFileStore({ dir }));
  });

  it('refuses a folder held by another live process, naming it; takes it over once that process is dead', async () => {
    const dir = await freshDir();
    const holder = startWriter(dir, 'hold');
    try {
      await waitFor(() => holder.output().includes('ready'), 15_000);
      const error = await createFileStore({ dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreLockedError);
      expect((error as StoreLockedError).ownerPid).toBe(holder.child.pid);
      expect((error as StoreLockedError).message).toContain(dir);
      expect((error as StoreLockedError).message).toContain(`process ${holder.child.pid}`);
    } finally {
      holder.child.kill('SIGKILL');
      await holder.exited;
    }
    // The dead holder's lock file is still there, but its pid is gone: the folder is free.
    const store = track(await createFileStore({ dir }));
    expect(await store.listStock()).toEqual([]);
  });

  it('survives SIGKILL at arbitrary points: every acknowledged commit is kept, and no commit is half-applied', async () => {
    const dir = await freshDir();
    let acknowledged = 0;
    for (let round = 0; round < 4; round++) {
      const writer = startWriter(dir, 'churn');
      const target = acknowledged + 15 + round * 7;
      await waitFor(() => lastNumber(writer.output()) >= target, 15_000);
      // Kill a little later each round to land at different points of append / compaction.
      await new Promise((resolve) => setTimeout(resolve, round * 3));
      writer.child.kill('SIGKILL');
      await writer.exited;
      expect(writer.output()).not.toContain('error');
      acknowledged = lastNumber(writer.output());

      const store = await createFileStore({ dir });
      const counter = await store.getStock('counter');
      const mapping = await store.getListing({ platform: 'voso', account: 'crash', sku: 'counter' });
      const committed = counter?.onHand ?? 0;
      expect(committed).toBeGreaterThanOrEqual(acknowledged);
      // At most the one transaction in flight when killed may also have reached the disk.
      expect(committed).toBeLessThanOrEqual(acknowledged + 1);
      expect(counter?.reserved).toBe(committed % 7);
      expect(mapping?.contentHash).toBe(String(committed));
      expect(mapping?.remoteListingId).toBe(`L${committed}`);
      acknowledged = committed;
      await store.close();
    }
    expect(acknowledged).toBeGreaterThan(40);
  }, 60_000);
});

function lastNumber(output: string): number {
  const numbers = output
    .split('\n')
    .map((line) => Number(line))
    .filter((n) => Number.isInteger(n) && n > 0);
  return numbers.at(-1) ?? 0;
}

async function snapshotOf(store: FileStore): Promise<unknown> {
  return {
    listings: await store.listListings('voso', 'a'),
    images: await store.listImageUploads('voso', 'a'),
    intents: await store.listIntents(),
    checkpoints: await store.listCheckpoints(),
    stock: await store.listStock(),
    shipments: await store.listShipments(),
    webhook: await store.hasWebhook('evt-1'),
  };
}

describe('FileTokenStore', () => {
  it('persists tokens across instances in a 0600 file and deletes them', async () => {
    const dir = await freshDir();
    const tokens = new FileTokenStore({ dir: join(dir, 'nested') });
    expect(await tokens.get('viettelpost:0987654321')).toBeUndefined();
    const token = { value: 'secret-token-value', expiresAtMs: Date.UTC(2027, 0, 1), obtainedAtMs: 1 };
    await Promise.all([
      tokens.set('viettelpost:0987654321', token),
      tokens.set('voso:shop-1', { value: 'v', obtainedAtMs: 2 }),
    ]);
    const file = join(dir, 'nested', 'tokens.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const other = new FileTokenStore({ file });
    expect(await other.get('viettelpost:0987654321')).toEqual(token);
    expect(await other.get('voso:shop-1')).toEqual({ value: 'v', obtainedAtMs: 2 });
    await other.delete('voso:shop-1');
    expect(await tokens.get('voso:shop-1')).toBeUndefined();
    expect(await tokens.get('viettelpost:0987654321')).toEqual(token);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('reports a damaged token file without echoing its content', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'tokens.json'), '{"viettelpost:1": {"value": "leaked-secret"');
    const error = await new FileTokenStore({ dir }).get('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect(String((error as Error).message)).not.toContain('leaked-secret');
    const path = join(dir, 'tokens.json');
    expect([(error as StoreCorruptError).messageVi, (error as StoreCorruptError).messageEn]).toEqual([
      `Tệp trạng thái ${path} bị hỏng: không phải một đối tượng JSON chứa token`,
      `State file ${path} is corrupt: not a JSON object of tokens`,
    ]);
  });
});
