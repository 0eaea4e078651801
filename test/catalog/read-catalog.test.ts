import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCatalog, writeCatalogTemplate } from '../../src/catalog/index.js';

const HEADER =
  'Mã sản phẩm;Mã SKU phân loại;Tên sản phẩm;Xuất xứ;Loại chủ thể;Tên chủ thể;Phường/Xã;Tỉnh/Thành phố;Phân loại 1;Giá trị phân loại 1;Giá bán (VND);Tồn kho;Khối lượng (g)';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-catalog-'));
});

async function csv(name: string, lines: string[], bom = true): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${bom ? '\ufeff' : ''}${lines.join('\r\n')}\r\n`, 'utf8');
  return path;
}

describe('readCatalog', () => {
  it('reads back its own CSV and XLSX templates as one valid product', async () => {
    const files = await writeCatalogTemplate(join(dir, 'tpl'));
    for (const file of [files.csv, files.xlsx]) {
      const result = await readCatalog(file);
      expect(result.issues).toEqual([]);
      expect(result.products).toHaveLength(1);
      const [product] = result.products;
      expect(product?.name).toBe('Tinh bột nghệ Vĩnh Linh');
      expect(product?.variants[0]).toMatchObject({
        sku: 'TBN-VL-500',
        priceVnd: 185_000,
        stock: 40,
        weightGrams: 600,
      });
      expect(product?.ocop).toMatchObject({ stars: 4, issuedAt: '2025-09-15', expiresAt: '2028-09-15' });
      expect(product?.food?.netContent).toEqual({ value: 500, unit: 'g' });
    }
  });

  it('groups variant rows, reads ";"-separated Excel CSV with Vietnamese number formats', async () => {
    const path = await csv('variants.csv', [
      HEADER,
      'MIEN-5M;MIEN-5M-200;Miến ngũ sắc;Quảng Trị;Hộ kinh doanh;Hộ Lê Thị Hoa;Xã Vĩnh Hoàng;Quảng Trị;Quy cách;Gói 200 g;"25.000 ₫";1.200;220',
      'MIEN-5M;MIEN-5M-500;;;;;;;Quy cách;Gói 500 g;55k;80;520',
    ]);
    const result = await readCatalog(path);
    expect(result.issues).toEqual([]);
    expect(result.products[0]?.variants.map((v) => [v.sku, v.priceVnd, v.stock])).toEqual([
      ['MIEN-5M-200', 25_000, 1_200],
      ['MIEN-5M-500', 55_000, 80],
    ]);
  });

  it('names the row, the column and the reason for every mistake and keeps only valid products', async () => {
    const path = await csv('bad.csv', [
      HEADER,
      'OK-1;;Bột sắn dây;Quảng Trị;HTX;HTX Vĩnh Hà;Xã Bến Quan;Quảng Trị;;;45.000;10;500',
      'BAD-1;;Bó;Quảng Trị;Công ty ma;X;Xã Bến Quan;Quảng Trị;;;"45,5";-1;nặng',
      ';;Không mã;Quảng Trị;HTX;X;Y;Quảng Trị;;;1000;1;1',
      'OK-1;OK-1-B;Trùng;Quảng Trị;HTX;X;Y;Quảng Trị;Loại;A;1000;1;1',
    ]);
    const result = await readCatalog(path);
    expect(result.products.map((p) => p.sku)).toEqual([]);
    const at = (row: number, column: string) =>
      result.issues.filter((i) => i.row === row && i.column === column);
    expect(at(3, 'Tên sản phẩm')[0]?.messageVi).toBe('Tên sản phẩm phải có từ 3 đến 255 ký tự');
    expect(at(3, 'Loại chủ thể')[0]?.messageEn).toContain('Producer type "Công ty ma" is unknown');
    expect(at(3, 'Giá bán (VND)')[0]?.code).toBe('money.fractional');
    expect(at(3, 'Tồn kho')[0]?.code).toBe('number.negative');
    expect(at(3, 'Khối lượng (g)')[0]?.code).toBe('number.not_a_number');
    expect(at(4, 'Mã sản phẩm')[0]?.messageEn).toBe('Product code (SKU) is missing');
    // OK-1 appears again on row 5 after another product: a second product reusing the code, never merged.
    const reused = at(5, 'Mã sản phẩm')[0];
    expect(reused?.code).toBe('sku.not_adjacent');
    expect(reused?.messageEn).toContain('already used on row 2');
    expect(reused?.messageVi).toContain('đã dùng ở dòng 2');
  });

  it('a fractional weight or stock speaks of grams or whole numbers, not of đồng', async () => {
    const path = await csv('fraction.csv', [
      HEADER,
      'FR-1;;Bột sắn dây;Quảng Trị;HTX;HTX Vĩnh Hà;Xã Bến Quan;Quảng Trị;;;45.000;"2,5";"1,5"',
    ]);
    const result = await readCatalog(path);
    const weight = result.issues.find((i) => i.column === 'Khối lượng (g)');
    expect(weight).toMatchObject({ row: 2, code: 'number.fractional' });
    expect(weight?.messageEn).toContain('"1,5" has a fractional part: the weight is written in whole grams');
    expect(weight?.messageVi).toContain('"1,5" có phần lẻ: khối lượng ghi bằng số gam nguyên');
    const stock = result.issues.find((i) => i.column === 'Tồn kho');
    expect(stock?.messageEn).toContain('"2,5" has a fractional part: this column takes a whole number');
    for (const issue of [weight, stock])
      expect(`${issue?.messageVi} ${issue?.messageEn}`).not.toMatch(/đồng|VND/);
  });

  it('reports a missing required column once, on the header row', async () => {
    const path = await csv('nocol.csv', ['Mã sản phẩm,Tên sản phẩm', 'A1,Bột nghệ'], false);
    const result = await readCatalog(path);
    const missing = result.issues.filter((i) => i.code === 'column.missing').map((i) => i.column);
    expect(missing).toEqual(
      expect.arrayContaining(['Xuất xứ', 'Giá bán (VND)', 'Tồn kho', 'Khối lượng (g)', 'Tỉnh/Thành phố']),
    );
    expect(result.products).toEqual([]);
  });
});
