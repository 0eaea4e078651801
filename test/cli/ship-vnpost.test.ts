/**
 * `ship --carrier vnpost` against a VNPost sandbox reached as a real platform would be (credentials in the
 * environment): the CLI's state folder is VNPost's store, so a lost create answer is looked up on the next
 * run and never makes a second parcel; `quote` shows VNPost's COD fee apart; "already exists" names VNPost.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startViettelPostSandbox,
  startVnpostSandbox,
  type ViettelPostSandbox,
  type VnpostSandbox,
} from '../../src/sandbox/index.js';
import { runCli } from './helpers.js';
import { BUYER_ADDRESS, folderWithSender, shipToBuyer, vnpostEnv } from './ship-fixture.js';

let vnp: VnpostSandbox;
let vtp: ViettelPostSandbox;
let env: NodeJS.ProcessEnv;

const TO = BUYER_ADDRESS;

const shipArgs = (reference: string) => shipToBuyer(reference, '--cod', '350000');

interface ShipJson {
  carrier: string;
  quote: { serviceCode: string; totalVnd: number; codFeeVnd: number; freightVnd: number };
  shipment: { trackingNumber: string; carrier: string };
  labelUrl: string;
}

async function workDir(): Promise<string> {
  return folderWithSender('ocop-cli-ship-vnpost-');
}

describe('cli ship --carrier vnpost', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    [vnp, vtp] = await Promise.all([
      startVnpostSandbox({ stepMs: 0 }),
      startViettelPostSandbox({ stepMs: 0 }),
    ]);
    env = {
      // quote shows both carriers: ViettelPost reached as a real platform too (ship --carrier vnpost needs none).
      OCOP_VTP_BASE_URL: vtp.url,
      OCOP_VTP_USERNAME: vtp.memberCredentials.username,
      OCOP_VTP_PASSWORD: vtp.memberCredentials.password,
      ...vnpostEnv(vnp),
    };
  });
  afterAll(async () => {
    await Promise.all([vnp?.close(), vtp?.close()]);
  });

  it('ships with VNPost, charged what quote showed (COD fee apart), label PDF written; a second run names VNPost', async () => {
    const dir = await workDir();
    const quote = await runCli(['--json', 'quote', '--to', TO, '--weight', '1200', '--cod', '350000'], {
      cwd: dir,
      env,
    });
    expect(quote.code, quote.stderr).toBe(0);
    const quoted = (
      JSON.parse(quote.stdout) as {
        byCarrier: { vnpost: { totalVnd: number; codFeeVnd: number; freightVnd: number }[] };
      }
    ).byCarrier.vnpost;
    expect(quoted.length).toBeGreaterThan(0);
    for (const q of quoted) {
      expect(q.codFeeVnd).toBeGreaterThan(0);
      expect(q.freightVnd + q.codFeeVnd).toBe(q.totalVnd);
    }

    const run = await runCli(['--json', ...shipArgs('DH-V1')], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(0);
    const shipped = JSON.parse(run.stdout) as ShipJson;
    expect(shipped.carrier).toBe('vnpost');
    const held = vnp.state.ordersByReference('DH-V1');
    expect(held).toHaveLength(1);
    expect(shipped.shipment.trackingNumber).toBe(held[0]!.itemCode);
    expect(shipped.quote.totalVnd).toBe(Math.min(...quoted.map((q) => q.totalVnd)));
    expect((await readFile(shipped.labelUrl)).subarray(0, 4).toString('latin1')).toBe('%PDF');

    const again = await runCli(['--lang', 'en', ...shipArgs('DH-V1')], { cwd: dir, env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      `A VNPost shipment with reference "DH-V1" already exists (waybill ${held[0]!.itemCode})`,
    );
    expect(vnp.state.ordersByReference('DH-V1')).toHaveLength(1);
  });

  it('a lost create answer (and failed lookups) ends the run; the next run adopts the parcel, never a second one', async () => {
    const dir = await workDir();
    const creates = vnp.state.requestCount('createOrder');
    vnp.setFaults({ dropResponseAfterCommit: { createOrder: 1 }, failNext: { getListOrder: 100 } });
    const lost = await runCli(shipArgs('DH-V2'), { cwd: dir, env });
    vnp.setFaults({ failNext: {} });
    expect(lost.code, lost.stderr).not.toBe(0);
    expect(vnp.state.ordersByReference('DH-V2'), lost.stderr).toHaveLength(1);

    const next = await runCli(['--json', ...shipArgs('DH-V2')], { cwd: dir, env });
    expect(next.code, next.stderr).toBe(0);
    const adopted = JSON.parse(next.stdout) as ShipJson;
    const held = vnp.state.ordersByReference('DH-V2');
    expect(held).toHaveLength(1);
    expect(adopted.shipment.trackingNumber).toBe(held[0]!.itemCode);
    expect(vnp.state.requestCount('createOrder') - creates).toBe(1);
  });
});
