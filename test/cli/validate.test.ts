import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog/index.js';
import { excelCsv, type MarketplaceBoxes, runCli, seedsFolder, startMarketplaceBoxes } from './helpers.js';

const BASE: Record<string, string> = {
  'Mã sản phẩm': 'OK-1',
  'Mã SKU phân loại': '',
  'Tên sản phẩm': 'Bột sắn dây Vĩnh Linh',
  'Xuất xứ': 'Quảng Trị',
  'Loại chủ thể': 'HTX',
  'Tên chủ thể': 'HTX Vĩnh Hà',
  'Mã số thuế': '3200123456',
  'SĐT chủ thể': '0912 345 678',
  'Phường/Xã': 'Xã Bến Quan',
  'Tỉnh/Thành phố': 'Quảng Trị',
  'Hạng sao OCOP': '4',
  'Số chứng nhận OCOP': '12/GCN-UBND',
  'Cơ quan cấp': 'UBND tỉnh Quảng Trị',
  'Ngày cấp': '15/09/2023',
  'Ngày hết hạn': '15/09/2026',
  'Khối lượng tịnh': '500 g',
  'Hạn sử dụng (ngày)': '365',
  'Phân loại 1': '',
  'Giá trị phân loại 1': '',
  'Giá bán (VND)': '45.000',
  'Giá niêm yết (VND)': '',
  'Tồn kho': '10',
  'Khối lượng (g)': '550',
  'Trạng thái': 'Đang bán',
};
const HEADERS = Object.keys(BASE);

/** Twenty different mistakes, one per product, each with the column and the words its message must have. */
const MISTAKES: { change: Record<string, string>; column: string; says: string }[] = [
  { change: { 'Giá bán (VND)': '45,5' }, column: 'Giá bán (VND)', says: 'phần lẻ' },
  { change: { 'Giá bán (VND)': '0' }, column: 'Giá bán (VND)', says: 'Giá phải là số nguyên dương (VND)' },
  { change: { 'Tồn kho': '-3' }, column: 'Tồn kho', says: 'số âm' },
  { change: { 'Khối lượng (g)': 'nặng' }, column: 'Khối lượng (g)', says: 'không phải là số' },
  { change: { 'Mã sản phẩm': 'BỘT NGHỆ' }, column: 'Mã sản phẩm', says: 'Mã SKU chỉ gồm chữ không dấu' },
  { change: { 'Tên sản phẩm': 'Bó' }, column: 'Tên sản phẩm', says: 'từ 3 đến 255 ký tự' },
  {
    change: { 'Loại chủ thể': 'Công ty ma' },
    column: 'Loại chủ thể',
    says: 'Loại chủ thể "Công ty ma" không rõ',
  },
  { change: { 'Hạng sao OCOP': '2' }, column: 'Hạng sao OCOP', says: 'phải là 3, 4 hoặc 5' },
  { change: { 'Số chứng nhận OCOP': '' }, column: 'Số chứng nhận OCOP', says: 'phải có số giấy chứng nhận' },
  { change: { 'Ngày cấp': '15.09.23' }, column: 'Ngày cấp', says: 'ngày/tháng/năm' },
  { change: { 'Ngày hết hạn': '01/01/2020' }, column: 'Ngày hết hạn', says: 'phải sau ngày cấp' },
  { change: { 'Mã số thuế': '12345' }, column: 'Mã số thuế', says: 'Mã số thuế phải có 10 chữ số' },
  { change: { 'SĐT chủ thể': 'gọi Zalo' }, column: 'SĐT chủ thể', says: 'Số điện thoại không hợp lệ' },
  { change: { 'Khối lượng tịnh': '500' }, column: 'Khối lượng tịnh', says: 'phải có số và đơn vị' },
  {
    change: { 'Hạn sử dụng (ngày)': '0' },
    column: 'Hạn sử dụng (ngày)',
    says: 'Hạn sử dụng phải là số ngày nguyên dương',
  },
  {
    change: { 'Giá niêm yết (VND)': '30.000' },
    column: 'Giá niêm yết (VND)',
    says: 'lớn hơn hoặc bằng giá bán',
  },
  { change: { 'Tỉnh/Thành phố': '' }, column: 'Tỉnh/Thành phố', says: 'Địa chỉ phải có tỉnh/thành phố' },
  { change: { 'Trạng thái': 'Bán chạy' }, column: 'Trạng thái', says: 'Trạng thái "Bán chạy" không rõ' },
  { change: { 'Xuất xứ': '' }, column: 'Xuất xứ', says: 'không được để trống' },
  { change: { 'Khối lượng (g)': '' }, column: 'Khối lượng (g)', says: 'phải có giá, tồn kho và khối lượng' },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-validate-'));
});

describe('cli validate', () => {
  it('init writes CSV and XLSX templates and a credential-free config; both templates validate cleanly', async () => {
    const init = await runCli(['init', dir]);
    expect(init.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([
      'danh-muc-san-pham.csv',
      'danh-muc-san-pham.xlsx',
      'images',
      'ocop-connect.config.json',
    ]);
    // The template's example row points at this image; the placeholder makes the row listable as written.
    expect(await readdir(join(dir, 'images'))).toEqual(['tinh-bot-nghe.jpg']);
    for (const file of ['danh-muc-san-pham.csv', 'danh-muc-san-pham.xlsx']) {
      const run = await runCli(['validate', join(dir, file)]);
      expect(run.stdout).toContain('Danh mục hợp lệ');
      expect(run.code).toBe(0);
    }
  });

  it('gives twenty clear messages for a file with twenty kinds of mistakes, and exits non-zero', async () => {
    const rows = MISTAKES.map((m, i) =>
      HEADERS.map((h) =>
        h === 'Mã sản phẩm' && !m.change[h] ? `P-${i + 1}` : (m.change[h] ?? BASE[h] ?? ''),
      ),
    );
    const file = join(dir, 'twenty.csv');
    await writeFile(file, excelCsv([HEADERS, ...rows]));
    const run = await runCli(['--json', 'validate', file]);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as {
      issues: { row: number; column: string; messageVi: string; message: string }[];
    };
    expect(result.issues).toHaveLength(20);
    MISTAKES.forEach((mistake, i) => {
      const row = i + 2;
      const found = result.issues.filter((issue) => issue.row === row);
      expect(found, `row ${row}`).toHaveLength(1);
      expect(found[0]?.column).toBe(mistake.column);
      expect(found[0]?.message).toContain(mistake.says);
      expect(found[0]?.message).toContain(`Dòng ${row}`);
    });
  });

  it('refuses a file it cannot read as a catalog, saying why, with a distinct exit code', async () => {
    const file = join(dir, 'ghi-chu.md');
    await writeFile(file, '# not a catalog');
    const run = await runCli(['validate', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('hãy dùng .csv, .xlsx hoặc .json');
  });

  it('speaks English with --lang en', async () => {
    const file = join(dir, 'one.csv');
    await writeFile(
      file,
      excelCsv([HEADERS, HEADERS.map((h) => (h === 'Giá bán (VND)' ? '-5' : (BASE[h] ?? '')))]),
    );
    const run = await runCli(['--lang', 'en', 'validate', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Row 2 · Giá bán (VND)');
    expect(run.stdout).toContain('must not be negative');
  });
});

describe('validate with platforms refusing the login', { timeout: 120_000 }, () => {
  let boxes: MarketplaceBoxes;
  beforeAll(async () => {
    boxes = await startMarketplaceBoxes();
  });
  afterAll(async () => {
    await boxes?.close();
  });

  it('one platform refusing: said once for it, no product error counted, exit 3', async () => {
    const dir = await seedsFolder('ocop-cli-validate-login-');
    const { rowCount: rows, productCount: products } = await readCatalog(join(dir, 'catalog.csv'));
    const run = await runCli(['validate', 'catalog.csv', '--to', 'voso,postmart'], {
      cwd: dir,
      env: boxes.env({ vosoPassword: 'not-the-password' }),
    });
    expect(run.code, run.stdout + run.stderr).toBe(3);
    const loginLines = (run.stdout + run.stderr)
      .split('\n')
      .filter((l) => l.includes('đăng nhập không thành công'));
    expect(loginLines).toHaveLength(1);
    expect(loginLines[0]).toMatch(/^✗ voso: /);
    expect(run.stdout).not.toMatch(/Dòng \d+ · :/);
    expect(run.stdout).not.toContain('Tìm thấy');
    expect(run.stdout + run.stderr).not.toContain('not-the-password');
    // Checked on Postmart only: never called valid as a whole.
    expect(run.stdout).not.toContain('Danh mục hợp lệ');
    expect(run.stdout).toContain(
      `Các dòng của danh mục hợp lệ khi kiểm tra trên máy (${rows} dòng, ${products} sản phẩm), nhưng chưa kiểm tra được trên sàn: voso (đăng nhập bị từ chối); đã kiểm tra trên postmart.`,
    );
    expect(boxes.voso.state.listings()).toHaveLength(0);
    expect(boxes.postmart.state.listings()).toHaveLength(0);
  });

  it('every platform refusing: the rows are valid locally, the platform checks did not run, exit 3', async () => {
    const dir = await seedsFolder('ocop-cli-validate-nologin-');
    const { rowCount: rows, productCount: products } = await readCatalog(join(dir, 'catalog.csv'));
    const wrong = boxes.env({ vosoPassword: 'not-the-password', postmartPassword: 'not-it-either' });
    const run = await runCli(['validate', 'catalog.csv', '--to', 'voso,postmart'], { cwd: dir, env: wrong });
    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(run.stdout).not.toContain('Danh mục hợp lệ');
    expect(run.stdout).toContain(
      `Các dòng của danh mục hợp lệ khi kiểm tra trên máy (${rows} dòng, ${products} sản phẩm), nhưng chưa kiểm tra được trên sàn: voso (đăng nhập bị từ chối), postmart (đăng nhập bị từ chối).`,
    );
    // Each platform's reason once, on its own line.
    for (const platform of ['voso', 'postmart'])
      expect(run.stderr.split('\n').filter((l) => l.startsWith(`✗ ${platform}: `))).toHaveLength(1);
    const en = await runCli(['--lang', 'en', '--json', 'validate', 'catalog.csv'], { cwd: dir, env: wrong });
    expect(en.code).toBe(3);
    const doc = JSON.parse(en.stdout) as { ok: boolean; unavailablePlatforms: string[] };
    expect(doc.ok).toBe(false);
    expect(doc.unavailablePlatforms).toEqual(['voso', 'postmart']);
    const text = await runCli(['--lang', 'en', 'validate', 'catalog.csv'], { cwd: dir, env: wrong });
    expect(text.stdout).not.toContain('Catalog is valid');
    expect(text.stdout).toContain(
      `The catalog rows are valid as checked locally (${rows} rows, ${products} products), but the platform checks did not run: voso (login refused), postmart (login refused).`,
    );
  });
});
