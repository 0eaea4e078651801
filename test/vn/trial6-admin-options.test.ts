/**
 * #18 trial 6 (items 4, 17): the administrative-unit helpers never ignore a misspelt option (`limt`,
 * `datadir`: refused with the nearest name), a `dataDir` that holds no data is a configuration error
 * naming it (never the bundled data instead), and addressEra / formatAddress refuse what is not an
 * address (`{}`, `{ bogus: 1 }`, a misspelt `distrct`) instead of answering '2025' or ''.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addressEra,
  createVnAdmin,
  findProvince,
  formatAddress,
  suggestProvinces,
  suggestWards,
  VnInputError,
} from '../../src/index.js';
import { bad, refusal } from '../core/helpers/failure.js';

describe('VnAdmin options (trial 6 item 4)', () => {
  it('createVnAdmin({ datadir }) is refused with the nearest name', async () => {
    const error = await refusal(() => createVnAdmin(bad({ datadir: '/nonexistent' })));
    expect(error).toBeInstanceOf(VnInputError);
    expect(error.messageVi).toBe('options.datadir: không có tùy chọn này (có phải "dataDir"?)');
    expect(error.messageEn).toBe('options.datadir: no such option (did you mean "dataDir"?)');
  });

  it('a dataDir that does not exist: kind configuration, naming options.dataDir and the folder', async () => {
    const error = await refusal(() => createVnAdmin({ dataDir: '/nonexistent/vn-admin' }));
    expect(error.kind).toBe('configuration');
    expect(error.messageVi).toBe(
      'options.dataDir: không dùng được "/nonexistent/vn-admin" làm dữ liệu đơn vị hành chính (thư mục không tồn tại); bỏ trống để dùng dữ liệu đi kèm gói',
    );
    expect(error.messageEn).toBe(
      'options.dataDir: "/nonexistent/vn-admin" cannot serve as the administrative-unit data (no such folder); leave it out to use the data bundled with the package',
    );
  });

  it('a dataDir without the data files: refused when created, not at the first lookup', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ocop-vn-admin-empty-'));
    const error = await refusal(() => createVnAdmin({ dataDir: empty }));
    expect(error.kind).toBe('configuration');
    expect(error.messageVi).toContain('không có tệp provinces-2025.json trong thư mục này');
    expect(error.messageEn).toContain('the folder holds no provinces-2025.json');
  });

  it.each([
    [
      'suggestProvinces("Ha Noi", { limt: 1 })',
      () => suggestProvinces('Ha Noi', bad({ limt: 1 })),
      'options.limt: không có tùy chọn này (có phải "limit"?)',
      'options.limt: no such option (did you mean "limit"?)',
    ],
    [
      'findProvince("Huế", { folowMerges: true })',
      () => findProvince('Huế', bad({ folowMerges: true })),
      'options.folowMerges: không có tùy chọn này (có phải "followMerges"?)',
      'options.folowMerges: no such option (did you mean "followMerges"?)',
    ],
    [
      'suggestProvinces("Ha Noi", { limit: 0 })',
      () => suggestProvinces('Ha Noi', { limit: 0 }),
      'options.limit: phải là một số nguyên ≥ 1 (hoặc bỏ trống) (nhận được number)',
      'options.limit: must be an integer ≥ 1 (or left out) (got number)',
    ],
    [
      'suggestWards("01", "Ba Dinh", { districtcode: "001" })',
      () => suggestWards('01', 'Ba Dinh', bad({ districtcode: '001' })),
      'options.districtcode: không có tùy chọn này (có phải "districtCode"?)',
      'options.districtcode: no such option (did you mean "districtCode"?)',
    ],
  ])('%s: VnInputError naming the option', async (_call, run, vi, en) => {
    const error = await refusal(run);
    expect(error).toBeInstanceOf(VnInputError);
    expect((error as VnInputError).code).toBe('invalid_argument');
    expect(error.messageVi).toBe(vi);
    expect(error.messageEn).toBe(en);
  });

  it('the options as documented still work', () => {
    expect(suggestProvinces('Ha Noi', { limit: 1 })).toHaveLength(1);
    expect(findProvince('Quảng Bình', { era: '2025', followMerges: true })?.code).toBe('44');
  });
});

describe('addressEra / formatAddress refuse what is not an address (trial 6 item 17)', () => {
  it.each([
    [
      'addressEra({})',
      () => addressEra(bad({})),
      'address: không có trường nào',
      'address: has none of the address fields',
    ],
    [
      'formatAddress({ bogus: 1 })',
      () => formatAddress(bad({ bogus: 1 })),
      'address.bogus: không phải trường của địa chỉ',
      'address.bogus: not an address field',
    ],
    [
      'addressEra({ province: "Quảng Trị", ward: "Hồ Xá", distrct: "Vĩnh Linh" })',
      () => addressEra(bad({ province: 'Quảng Trị', ward: 'Hồ Xá', distrct: 'Vĩnh Linh' })),
      'address.distrct: không phải trường của địa chỉ (có phải "district"?)',
      'address.distrct: not an address field (did you mean "district"?)',
    ],
    [
      'formatAddress({ province: "Huế", ward: 5 })',
      () => formatAddress(bad({ province: 'Huế', ward: 5 })),
      'address.ward: phải là một chuỗi (nhận được number)',
      'address.ward: must be a string (got number)',
    ],
  ])('%s: kind validation, naming the field', async (_call, run, vi, en) => {
    const error = await refusal(run);
    expect(error.kind).toBe('validation');
    expect(error.messageVi).toContain(vi);
    expect(error.messageEn).toContain(en);
  });

  it('addresses still work, an extra field that is no misspelling included', () => {
    const legacy = { province: 'Quảng Trị', district: 'Vĩnh Linh', ward: 'Hồ Xá' };
    const current = { province: 'Quảng Trị', ward: 'Vĩnh Linh' };
    expect(addressEra(legacy)).toBe('legacy');
    expect(addressEra(bad(current))).toBe('2025');
    const withNote = { province: 'Huế', ward: 'Phú Xuân', street: '1 Lê Lợi', note: 'gọi trước' };
    expect(formatAddress(bad(withNote))).toBe('1 Lê Lợi, Phú Xuân, Huế');
  });
});
