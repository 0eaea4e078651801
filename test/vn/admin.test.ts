import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createVnAdmin,
  editDistance,
  findDistrict,
  findProvince,
  findVnAdminDataDir,
  findWard,
  findWards,
  getProvince,
  getWard,
  legacyProvincesOf,
  legacyWardsOf,
  listDistricts,
  listProvinces,
  listWards,
  mapDistrictTo2025,
  mapProvinceTo2025,
  mapWardTo2025,
  suggestDistricts,
  suggestProvinces,
  suggestWards,
  VnInputError,
} from '../../src/vn/index.js';
import { bad, refusal } from '../core/helpers/failure.js';

const QUANG_TRI_LEGACY = '45';
const QUANG_TRI_2025 = '44';
const VINH_LINH_DISTRICT = '464';

describe('provinces', () => {
  it('has 63 legacy and 34 current provinces', () => {
    expect(listProvinces('legacy')).toHaveLength(63);
    expect(listProvinces('2025')).toHaveLength(34);
    expect(listProvinces()).toHaveLength(34); // 2025 is the default era
    expect(getProvince('45', 'legacy')).toMatchObject({
      name: 'Quảng Trị',
      fullName: 'Tỉnh Quảng Trị',
      era: 'legacy',
    });
  });

  it.each([
    ['Tỉnh Quảng Trị', '45', '44'],
    ['quang tri', '45', '44'],
    ['QUẢNG TRỊ', '45', '44'],
    ['Quảng Trị'.normalize('NFD'), '45', '44'],
    ['TP. Hồ Chí Minh', '79', '79'],
    ['Thành phố Hồ Chí Minh', '79', '79'],
    ['HCM', '79', '79'],
    ['TPHCM', '79', '79'],
    ['TP.HCM', '79', '79'],
    ['tp hcm', '79', '79'],
    ['Sài Gòn', '79', '79'],
    ['Huế', '46', '46'],
    ['Thừa Thiên Huế', '46', '46'],
    ['Thừa Thiên - Huế', '46', '46'],
    ['Hà Nội', '01', '01'],
    ['ha noi', '01', '01'],
    ['Đắk Lắk', '66', '66'],
    ['Daklak', '66', '66'],
  ])('%j → legacy %s, 2025 %s', (name, legacyCode, code2025) => {
    expect(findProvince(name, { era: 'legacy' })?.code).toBe(legacyCode);
    expect(findProvince(name, { era: '2025' })?.code).toBe(code2025);
  });

  it('folds both tone placements ("Hoà Bình" is spelt with the modern placement in the data)', () => {
    expect(findProvince('Hòa Bình', { era: 'legacy' })?.code).toBe('17');
    expect(findProvince('Hoà Bình', { era: 'legacy' })?.code).toBe('17');
  });

  it('keeps eras apart unless asked to follow merges', () => {
    expect(findProvince('Quảng Bình', { era: '2025' })).toBeUndefined();
    expect(findProvince('Quảng Bình', { era: '2025', followMerges: true })?.name).toBe('Quảng Trị');
    expect(findProvince('Bà Rịa - Vũng Tàu', { era: 'legacy' })?.code).toBe('77');
    expect(findProvince('BRVT', { era: '2025', followMerges: true })?.code).toBe('79');
    expect(findProvince('45', { era: 'legacy' })?.name).toBe('Quảng Trị');
  });

  it('returns undefined for unknown names and suggests the closest', () => {
    expect(findProvince('Quang Tru', { era: 'legacy' })).toBeUndefined();
    const suggestions = suggestProvinces('Quang Tru', { era: 'legacy', limit: 3 });
    expect(suggestions).toHaveLength(3);
    expect(suggestions[0]).toMatchObject({ unit: { code: '45' }, distance: 1 });
    expect(suggestions[1]?.distance).toBeGreaterThanOrEqual(1);
  });
});

describe('legacy districts', () => {
  it.each(['Huyện Vĩnh Linh', 'H. Vĩnh Linh', 'vinh linh', 'Vĩnh Linh', 'huyen vinh linh'])('%j', (name) => {
    expect(findDistrict(QUANG_TRI_LEGACY, name)?.code).toBe(VINH_LINH_DISTRICT);
  });

  it('tells a thị xã from a huyện of the same province', () => {
    expect(findDistrict(QUANG_TRI_LEGACY, 'Thị xã Quảng Trị')).toMatchObject({
      type: 'thị xã',
      fullName: 'Thị xã Quảng Trị',
    });
    expect(findDistrict(QUANG_TRI_LEGACY, 'TX. Quảng Trị')?.type).toBe('thị xã');
  });

  it('reads numbered districts however they are written', () => {
    for (const name of ['Quận 1', 'Q1', 'Q.1', 'q. 1', 'Quận 01']) {
      expect(findDistrict('79', name)?.fullName).toBe('Quận 1');
    }
    expect(findDistrict('79', 'TP. Thủ Đức')?.fullName).toBe('Thành phố Thủ Đức');
  });

  it('keeps "Quan Hóa" (a huyện of Thanh Hóa) from being read as "Quận Hóa"', () => {
    expect(findDistrict('38', 'Quan Hóa')?.fullName).toBe('Huyện Quan Hóa');
    expect(findDistrict('38', 'quan hoa')?.fullName).toBe('Huyện Quan Hóa');
  });

  it('lists and suggests', () => {
    expect(listDistricts(QUANG_TRI_LEGACY).map((d) => d.name)).toContain('Vĩnh Linh');
    expect(suggestDistricts(QUANG_TRI_LEGACY, 'Vin Linh')[0]?.unit.code).toBe(VINH_LINH_DISTRICT);
  });
});

describe('wards', () => {
  it('finds legacy Vĩnh Linh communes with every prefix style', () => {
    const inDistrict = { era: 'legacy' as const, districtCode: VINH_LINH_DISTRICT };
    expect(findWard(QUANG_TRI_LEGACY, 'Thị trấn Hồ Xá', inDistrict)?.code).toBe('19363');
    expect(findWard(QUANG_TRI_LEGACY, 'TT. Hồ Xá', inDistrict)?.code).toBe('19363');
    expect(findWard(QUANG_TRI_LEGACY, 'TT Ho Xa', inDistrict)?.code).toBe('19363');
    expect(findWard(QUANG_TRI_LEGACY, 'Xã Vĩnh Chấp', inDistrict)?.code).toBe('19375');
    expect(findWard(QUANG_TRI_LEGACY, 'X. Vinh Chap', inDistrict)?.code).toBe('19375');
    expect(findWard(QUANG_TRI_LEGACY, 'Xã Vĩnh Thuỷ', { era: 'legacy' })?.code).toBe('19402');
    expect(findWard(QUANG_TRI_LEGACY, 'Vĩnh Ô', { era: 'legacy' })?.fullName).toBe('Xã Vĩnh Ô');
  });

  it('finds 2025 communes and đặc khu', () => {
    expect(findWard(QUANG_TRI_2025, 'Xã Vĩnh Linh')).toMatchObject({
      code: '19363',
      era: '2025',
      type: 'xã',
    });
    expect(findWard(QUANG_TRI_2025, 'vinh thuy')?.code).toBe('19405');
    expect(findWard(QUANG_TRI_2025, 'Vĩnh Hoàng')?.code).toBe('19372');
    expect(findWard(QUANG_TRI_2025, 'Đặc khu Cồn Cỏ')?.code).toBe('19742');
    expect(getWard('19366')?.fullName).toBe('Xã Bến Quan');
    expect(listWards(QUANG_TRI_2025).length).toBeGreaterThan(70);
  });

  it('reads number-named wards written as "Phường 4", "P4", "P.04", "Phường IV"', () => {
    // Legacy TP. Đông Hà (Quảng Trị 461) has wards named "1".."5".
    for (const name of ['Phường 4', 'P4', 'P.04', 'phuong 4', 'Phường IV']) {
      expect(findWard(QUANG_TRI_LEGACY, name, { era: 'legacy', districtCode: '461' })?.code).toBe('19345');
    }
    // Legacy TP. Vị Thanh (Hậu Giang 930) names its wards in Roman numerals.
    for (const name of ['Phường IV', 'Phường 4', 'P4']) {
      expect(findWard('93', name, { era: 'legacy', districtCode: '930' })?.name).toBe('IV');
    }
  });

  it('does not guess between same-named wards of different districts', () => {
    const all = findWards('79', 'Phường 1', { era: 'legacy' });
    expect(all.length).toBeGreaterThan(1);
    expect(findWard('79', 'Phường 1', { era: 'legacy' })).toBeUndefined();
    expect(findWard('79', 'Phường 1', { era: 'legacy', districtCode: '770' })?.districtCode).toBe('770');
  });

  it('ignores a district that is not in the given province', () => {
    expect(findWard('01', 'Hồ Xá', { era: 'legacy', districtCode: VINH_LINH_DISTRICT })).toBeUndefined();
  });

  it('suggests close names on failure', () => {
    expect(findWard(QUANG_TRI_2025, 'Vinh Lihn')).toBeUndefined();
    const [first] = suggestWards(QUANG_TRI_2025, 'Vinh Lihn');
    expect(first?.unit.fullName).toBe('Xã Vĩnh Linh');
    expect(first?.distance).toBe(2);
  });
});

describe('legacy → 2025 mapping', () => {
  it('maps provinces (Quảng Bình + Quảng Trị → Quảng Trị 44)', () => {
    expect(mapProvinceTo2025('45')?.code).toBe('44');
    expect(mapProvinceTo2025('44')?.name).toBe('Quảng Trị');
    expect(mapProvinceTo2025('74')?.name).toBe('Hồ Chí Minh'); // Bình Dương
    expect(
      legacyProvincesOf('44')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['Quảng Bình', 'Quảng Trị']);
    expect(
      legacyProvincesOf('79')
        .map((p) => p.code)
        .sort(),
    ).toEqual(['74', '77', '79']);
    expect(mapProvinceTo2025('99')).toBeUndefined();
  });

  // SOURCE.md, "Spot check: former Vĩnh Linh district".
  it.each([
    [['Hồ Xá', 'Vĩnh Long', 'Vĩnh Chấp'], '19363', 'Xã Vĩnh Linh'],
    [['Bến Quan', 'Vĩnh Khê', 'Vĩnh Hà', 'Vĩnh Ô'], '19366', 'Xã Bến Quan'],
    [['Cửa Tùng', 'Vĩnh Giang', 'Hiền Thành', 'Kim Thạch'], '19414', 'Xã Cửa Tùng'],
    [['Vĩnh Lâm', 'Vĩnh Thủy', 'Vĩnh Sơn'], '19405', 'Xã Vĩnh Thủy'],
    [['Vĩnh Thái', 'Vĩnh Tú', 'Trung Nam', 'Vĩnh Hòa'], '19372', 'Xã Vĩnh Hoàng'],
  ])('%j → %s %s', (oldNames, newCode, newName) => {
    for (const oldName of oldNames) {
      const old = findWard(QUANG_TRI_LEGACY, oldName, { era: 'legacy', districtCode: VINH_LINH_DISTRICT });
      expect(old, oldName).toBeDefined();
      const mapped = mapWardTo2025(old?.code ?? '');
      expect(mapped).toEqual([
        expect.objectContaining({
          partial: false,
          ward: expect.objectContaining({ code: newCode, fullName: newName }),
        }),
      ]);
    }
    expect(
      legacyWardsOf(newCode)
        .map((l) => l.ward.name)
        .sort(),
    ).toEqual([...oldNames].sort());
  });

  it('reports split wards as partial', () => {
    const split = [...Array(100000).keys()]
      .map((n) => String(n).padStart(5, '0'))
      .find((code) => mapWardTo2025(code).length > 1);
    expect(split).toBeDefined();
    const rows = mapWardTo2025(split ?? '');
    expect(rows.some((r) => r.partial)).toBe(true);
    expect(new Set(rows.map((r) => r.ward.code)).size).toBe(rows.length);
  });

  it('maps the island districts that became đặc khu', () => {
    expect(mapDistrictTo2025('471')?.fullName).toBe('Đặc khu Cồn Cỏ');
    expect(mapDistrictTo2025(VINH_LINH_DISTRICT)).toBeUndefined();
    expect(mapWardTo2025('00000')).toEqual([]);
  });
});

describe('data location', () => {
  it('finds data/vn-admin from the source tree', () => {
    expect(findVnAdminDataDir()).toMatch(/data[\\/]vn-admin$/);
  });

  it('accepts an explicit folder and fails clearly when the data is missing', () => {
    const admin = createVnAdmin({ dataDir: findVnAdminDataDir() });
    expect(admin.findProvince('Quảng Trị', { era: 'legacy' })?.code).toBe('45');
    const empty = mkdtempSync(join(tmpdir(), 'ocop-vn-admin-'));
    expect(() => findVnAdminDataDir(empty)).toThrow(/not found/);
    expect(() => createVnAdmin({ dataDir: empty })).toThrow(
      /options\.dataDir: ".*" cannot serve as the administrative-unit data \(the folder holds no provinces-2025\.json\)/,
    );
  });
});

describe('editDistance', () => {
  it('is Levenshtein', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('quangtri', 'quangtri')).toBe(0);
  });
});

// #18 trial 6 item 4: a misspelt option (`limt`, `datadir`) is refused with the nearest name, and a
// `dataDir` that holds no data is a configuration error naming it (never the bundled data instead).
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
