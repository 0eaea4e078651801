/**
 * What the CLI shipping tests (`ship`, `quote` with VNPost) set up alike: the buyer a parcel goes to,
 * the cooperative sending it, a state folder whose config names that sender, and the environment that
 * points the CLI at a VNPost sandbox as if it were the real platform.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VnpostSandbox } from '../../src/sandbox/index.js';

/** The buyer's address of the VNPost ship tests. */
export const BUYER_ADDRESS = '144 Xuân Thủy, Phường Cầu Giấy, Hà Nội';

/** `ship --carrier vnpost` of a 1.2 kg parcel to Chị Lan at BUYER_ADDRESS, then `extra` flags. */
export function shipToBuyer(reference: string, ...extra: string[]): string[] {
  return [
    'ship',
    '--carrier',
    'vnpost',
    '--to',
    BUYER_ADDRESS,
    '--name',
    'Chị Nguyễn Thị Lan',
    '--phone',
    '0987654321',
    '--weight',
    '1200',
    '--reference',
    reference,
    ...extra,
  ];
}

/** The sender of the VNPost ship tests: a pepper cooperative in Quảng Trị. */
export const GIO_LINH_SENDER = {
  name: 'HTX Hồ tiêu Gio Linh',
  phone: '0913555777',
  address: { street: '36 Lê Duẩn', ward: 'Xã Vĩnh Linh', province: 'Quảng Trị' },
};

/** A new temporary folder (named from `prefix`) whose ocop-connect.config.json names `sender`. */
export async function folderWithSender(prefix: string, sender: object = GIO_LINH_SENDER): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await writeFile(join(dir, 'ocop-connect.config.json'), JSON.stringify({ sender }));
  return dir;
}

/** The CLI's environment for VNPost reached as a real platform would be: the sandbox's URL and credentials. */
export function vnpostEnv(vnp: VnpostSandbox): NodeJS.ProcessEnv {
  return {
    OCOP_VNPOST_BASE_URL: vnp.url,
    OCOP_VNPOST_USERNAME: vnp.credentials.username,
    OCOP_VNPOST_PASSWORD: vnp.credentials.password,
    OCOP_VNPOST_CUSTOMER_CODE: vnp.credentials.customerCode,
  };
}
