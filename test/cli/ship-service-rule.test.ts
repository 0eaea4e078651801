/**
 * #16 trial 5 item 3: `ship --service` follows the library's one rule — a service code is trimmed and
 * upper-cased (`ctn001` is CTN001) — and an unknown one is refused before any create, naming the offered
 * codes with a did-you-mean (`cheapset` → `cheapest`).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVnpostSandbox, type VnpostSandbox } from '../../src/sandbox/index.js';
import { runCli } from './helpers.js';
import { folderWithSender, shipToBuyer, vnpostEnv } from './ship-fixture.js';

let vnp: VnpostSandbox;
let env: NodeJS.ProcessEnv;

const ship = (reference: string, service: string) => shipToBuyer(reference, '--service', service);

describe('cli ship --service', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    vnp = await startVnpostSandbox({ stepMs: 0 });
    env = vnpostEnv(vnp);
  });
  afterAll(async () => {
    await vnp?.close();
  });

  it('cheapset is refused with "did you mean cheapest", nothing created; ctn007 ships CTN007', async () => {
    const dir = await folderWithSender('ocop-cli-ship-service-');
    const typo = await runCli(['--lang', 'en', ...ship('DH-S1', 'cheapset')], { cwd: dir, env });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Service "cheapset" is not offered by VNPost.*did you mean "cheapest"\?/);
    expect(vnp.state.requestCount('createOrder')).toBe(0);

    const lower = await runCli(['--json', ...ship('DH-S2', 'ctn007')], { cwd: dir, env });
    expect(lower.code, lower.stderr).toBe(0);
    expect((JSON.parse(lower.stdout) as { quote: { serviceCode: string } }).quote.serviceCode).toBe('CTN007');
    expect(vnp.state.ordersByReference('DH-S2').map((o) => o.serviceCode)).toEqual(['CTN007']);
  });

  it('a ViettelPost code with --carrier vnpost is named as a ViettelPost service (#16 re-trial 8), nothing created', async () => {
    // Sandbox mode (no credentials): both emulators, as a first-time user meets them.
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-ship-other-'));
    const run = await runCli(['--lang', 'en', ...ship('DH-S3', 'vcn')], { cwd: dir });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('Service VCN is a ViettelPost service, not a VNPost one');
    expect(run.stderr).toContain('use --carrier viettelpost');
    expect(run.stderr).not.toContain('is not offered');
  });
});
