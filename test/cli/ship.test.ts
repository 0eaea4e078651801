/**
 * `quote` and `ship` against a ViettelPost sandbox reached as a REAL platform would be (credentials in
 * the environment): nothing of the CLI's own sandbox mode — sample sender, label host — may be used.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_SENDER } from '../../src/cli/sandbox-sender.js';
import { startViettelPostSandbox, type ViettelPostSandbox } from '../../src/sandbox/index.js';
import { runCli } from './helpers.js';

let box: ViettelPostSandbox;
let work: string;
let env: NodeJS.ProcessEnv;

const SENDER = {
  name: 'HTX Dệt thổ cẩm Mai Châu',
  phone: '0987111222',
  address: { street: 'Bản Lác', ward: 'Xã Mai Châu', province: 'Phú Thọ' },
};
const TO = 'Phường Hoàn Kiếm, Hà Nội';

beforeAll(async () => {
  box = await startViettelPostSandbox({ autoApprove: false, stepMs: 0 });
  work = await mkdtemp(join(tmpdir(), 'ocop-cli-ship-'));
  env = {
    OCOP_VTP_BASE_URL: box.url,
    OCOP_VTP_USERNAME: box.memberCredentials.username,
    OCOP_VTP_PASSWORD: box.memberCredentials.password,
  };
});

afterAll(async () => {
  await box?.close();
});

const shipArgs = (reference: string) => [
  'ship',
  '--to',
  `12 Lê Lợi, ${TO}`,
  '--name',
  'Nguyễn Văn An',
  '--phone',
  '0987654321',
  '--weight',
  '800',
  '--cod',
  '150000',
  '--reference',
  reference,
];

describe('cli quote and ship outside sandbox mode', { timeout: 120_000 }, () => {
  it('refuses to ship without a configured sender, naming the key, and sends no order', async () => {
    const dir = await mkdtemp(join(work, 'no-sender-'));
    const run = await runCli(shipArgs('DH-NOSENDER'), { cwd: dir, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Thiếu người gửi: hãy điền khóa "sender"');
    expect(run.stderr).not.toContain('SANDBOX');
    expect(box.state.orderByReference('DH-NOSENDER')).toBeUndefined();
    const quote = await runCli(['--lang', 'en', 'quote', '--to', TO, '--weight', '500'], { cwd: dir, env });
    expect(quote.code).toBe(2);
    expect(quote.stderr).toContain('No sender: fill in the "sender" key');
  });

  it("ships with the config's sender, never the sandbox sample, and links the label on its API's origin", async () => {
    const dir = await mkdtemp(join(work, 'sender-'));
    await writeFile(join(dir, 'ocop-connect.config.json'), JSON.stringify({ sender: SENDER }));
    const run = await runCli(['--json', ...shipArgs('DH-1001')], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(0);
    const order = box.state.orderByReference('DH-1001');
    expect(order?.sender.fullName).toBe(SENDER.name);
    expect(order?.sender.phone).toBe(SENDER.phone);
    expect(order?.sender.fullName).not.toBe(SANDBOX_SENDER.name);
    const result = JSON.parse(run.stdout) as { sandbox: boolean; labelUrl: string };
    expect(result.sandbox).toBe(false);
    // No labelHost configured and a baseUrl that is not ViettelPost's own API: the label is linked on that
    // origin (docs/viettelpost.md) — never on ViettelPost's print host, which never saw this waybill.
    expect(new URL(result.labelUrl).host).toBe(new URL(box.url).host);
    expect(result.labelUrl).not.toContain('viettelpost.vn');
  });

  it('a second ship with the same reference says it already exists (exit 1), from the state store or from ViettelPost', async () => {
    const dir = await mkdtemp(join(work, 'twice-'));
    await writeFile(join(dir, 'ocop-connect.config.json'), JSON.stringify({ sender: SENDER }));
    const first = await runCli(shipArgs('DH-2002'), { cwd: dir, env });
    expect(first.code, first.stderr).toBe(0);
    const waybill = box.state.orderByReference('DH-2002')?.waybill;
    expect(waybill).toBeTruthy();
    const second = await runCli(shipArgs('DH-2002'), { cwd: dir, env });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      `Đã có vận đơn ViettelPost cho mã tham chiếu "DH-2002" (số vận đơn ${waybill})`,
    );
    expect(second.stdout).not.toContain('Đã tạo vận đơn');
    // Another folder (no local record): ViettelPost itself refuses the duplicate reference.
    const elsewhere = await mkdtemp(join(work, 'elsewhere-'));
    await writeFile(join(elsewhere, 'ocop-connect.config.json'), JSON.stringify({ sender: SENDER }));
    const third = await runCli(['--lang', 'en', ...shipArgs('DH-2002')], { cwd: elsewhere, env });
    expect(third.code).toBe(1);
    expect(third.stderr).toContain('A ViettelPost shipment with reference "DH-2002" already exists');
    expect(box.state.ordersByReference('DH-2002')).toHaveLength(1);
  });

  it('quote --cod shows the COD fee, and its total is what ship is charged', async () => {
    const dir = await mkdtemp(join(work, 'cod-'));
    await writeFile(join(dir, 'ocop-connect.config.json'), JSON.stringify({ sender: SENDER }));
    const quote = await runCli(['--json', 'quote', '--to', TO, '--weight', '800', '--cod', '150000'], {
      cwd: dir,
      env,
    });
    expect(quote.code, quote.stderr).toBe(0);
    const quotes = (
      JSON.parse(quote.stdout) as {
        quotes: { serviceCode: string; totalVnd: number; codFeeVnd: number; freightVnd: number }[];
      }
    ).quotes;
    const cheapest = quotes[0]!;
    expect(quotes.some((q) => q.codFeeVnd > 0)).toBe(true);
    for (const q of quotes) expect(q.freightVnd + q.codFeeVnd).toBe(q.totalVnd);
    const human = await runCli(['quote', '--to', TO, '--weight', '800', '--cod', '150000'], {
      cwd: dir,
      env,
    });
    expect(human.stdout).toMatch(/Phí thu hộ \(COD\)/);
    expect(human.stdout).toContain('Tổng cước đã gồm phí thu hộ');
    const ship = await runCli(['--json', ...shipArgs('DH-COD')], { cwd: dir, env });
    expect(ship.code, ship.stderr).toBe(0);
    const shipped = JSON.parse(ship.stdout) as {
      quote: { serviceCode: string };
      shipment: { fees: { totalVnd: number } };
    };
    expect(shipped.quote.serviceCode).toBe(cheapest.serviceCode);
    expect(shipped.shipment.fees.totalVnd).toBe(cheapest.totalVnd);
  });
});
