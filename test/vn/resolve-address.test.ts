import { describe, expect, it } from 'vitest';
import { addressEra, formatAddress, OcopConnectError } from '../../src/index.js';
import { resolveAddress } from '../../src/vn/index.js';
import { bad, refusal } from '../core/helpers/failure.js';

describe('resolveAddress', () => {
  it('reads an address with a district as legacy and maps it to 2025', () => {
    const result = resolveAddress({
      province: 'Tỉnh Quảng Trị',
      district: 'Huyện Vĩnh Linh',
      ward: 'Xã Vĩnh Chấp',
    });
    expect(result).toMatchObject({
      era: 'legacy',
      province: { code: '45' },
      district: { code: '464' },
      ward: { code: '19375', name: 'Vĩnh Chấp' },
      current: {
        province: { code: '44', name: 'Quảng Trị' },
        wards: [{ ward: { code: '19363', fullName: 'Xã Vĩnh Linh' }, partial: false }],
      },
    });
    expect(result.unresolved).toBeUndefined();
  });

  it('reads an address without a district as 2025', () => {
    expect(resolveAddress({ province: 'Quảng Trị', ward: 'Xã Vĩnh Hoàng' })).toMatchObject({
      era: '2025',
      province: { code: '44', era: '2025' },
      ward: { code: '19372' },
      current: { province: { code: '44' }, wards: [{ ward: { code: '19372' }, partial: false }] },
    });
  });

  it('falls back to legacy when a district-less address names an old commune or province', () => {
    expect(resolveAddress({ province: 'Quảng Trị', ward: 'Vĩnh Chấp' })).toMatchObject({
      era: 'legacy',
      district: { code: '464' },
      ward: { code: '19375' },
      current: { wards: [{ ward: { code: '19363' } }] },
    });
    const quangBinh = resolveAddress({ province: 'Quảng Bình', ward: 'Phường Đồng Phú' });
    expect(quangBinh.era).toBe('legacy');
    expect(quangBinh.province?.code).toBe('44');
    expect(quangBinh.current?.province.code).toBe('44');
  });

  it('prefers GSO codes over names', () => {
    const result = resolveAddress({
      province: 'x',
      district: 'y',
      ward: 'z',
      codes: { province: '45', district: '464', ward: '19426' },
    });
    expect(result.ward?.name).toBe('Vĩnh Ô');
    expect(result.current?.wards[0]?.ward.name).toBe('Bến Quan');
  });

  it('names the first level it could not resolve, with candidates', () => {
    const province = resolveAddress({ province: 'Quang Tru', ward: 'Vĩnh Linh' }).unresolved;
    expect(province?.level).toBe('province');
    expect(province?.candidates[0]).toMatchObject({ unit: { code: '44' }, distance: 1 });
    const district = resolveAddress({
      province: 'Quảng Trị',
      district: 'Vin Linh',
      ward: 'Hồ Xá',
    }).unresolved;
    expect(district?.level).toBe('district');
    expect(district?.candidates[0]?.unit.code).toBe('464');
    const ward = resolveAddress({ province: 'Quảng Trị', ward: 'Vinh Lihn' });
    expect(ward).toMatchObject({ era: '2025', province: { code: '44' }, unresolved: { level: 'ward' } });
    expect(ward.unresolved?.candidates[0]?.unit.name).toBe('Vĩnh Linh');
  });
});

describe('addressEra: its type and its check agree (an Address, in either structure)', () => {
  it('takes a 2025 address literal (no district) as typed, and a legacy one', () => {
    // Before, the type was Pick<Address, 'district'>: this literal did not compile, `{}` did.
    expect(addressEra({ province: 'Quảng Trị', ward: 'Xã Vĩnh Linh' })).toBe('2025');
    expect(addressEra({ province: 'Quảng Trị', district: 'Huyện Vĩnh Linh', ward: 'Thị trấn Hồ Xá' })).toBe(
      'legacy',
    );
  });

  it('refuses at run time what its type refuses: no province or no ward, each named in both languages', () => {
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error as OcopConnectError;
      }
      throw new Error('accepted');
    };
    // @ts-expect-error an address without its province and ward is not an Address
    const noWard = refused(() => addressEra({ district: 'Huyện Vĩnh Linh' }));
    expect(noWard).toBeInstanceOf(OcopConnectError);
    expect(noWard.kind).toBe('validation');
    expect(noWard.messageEn).toBe(
      'address.province: missing — the address needs a province or city; address.ward: missing — the address needs a ward or commune',
    );
    expect(noWard.messageVi).toBe(
      'address.province: thiếu — địa chỉ phải có tỉnh/thành phố; address.ward: thiếu — địa chỉ phải có phường/xã',
    );
    // @ts-expect-error `{}` is no Address either
    expect(refused(() => addressEra({})).messageEn).toContain('address: has none of the address fields');
    // @ts-expect-error formatAddress takes the same Address
    expect(refused(() => formatAddress({ street: '1 Lê Lợi' })).messageEn).toContain(
      'address.province: missing',
    );
  });
});

// #18 trial 6 item 17: `{}`, `{ bogus: 1 }` and a misspelt `distrct` were answered '2025' or ''.
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
