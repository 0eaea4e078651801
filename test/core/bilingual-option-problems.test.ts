/**
 * Trial 2, defects 4, 5, 6: every problem with an option or a carrier request names its path in both
 * languages, Vietnamese first — "path: Vietnamese / path: English" — and messageVi holds no English
 * validator text (zod's own words are translated), messageEn no Vietnamese.
 */
import { describe, expect, it } from 'vitest';
import { createHub } from '../../src/hub/index.js';
import {
  ConfigurationError,
  createConnector,
  createMemoryStore,
  createPlatformClient,
  type OcopConnectError,
  ValidationError,
} from '../../src/index.js';
import { shopee } from '../../src/platforms/shopee/index.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { vnpost } from '../../src/platforms/vnpost/index.js';
import { voso } from '../../src/platforms/voso/index.js';
import { fakeMarketplace } from '../sync/fake-marketplace.js';
import { failure } from './helpers/failure.js';

/** Words of zod's and the library's English validator text that must never be in the Vietnamese. */
const ENGLISH =
  /\b(Invalid|invalid|expected|received|must|required|missing|got|least|Too|Unrecognized|give|needs|one of|not both)\b/;
const VIETNAMESE = /[ăâđêôơưạảấầẩậắằặẹẻẽếềểễệỉịọỏốồổỗộớờởợụủứừửữựỳỵỷỹ]/i;

async function configurationError(f: () => unknown): Promise<ConfigurationError> {
  const error = await failure(f);
  expect(error).toBeInstanceOf(ConfigurationError);
  return error as ConfigurationError;
}

/** Each problem "path: vi / path: en"; messageVi without English validator words, messageEn without Vietnamese. */
function expectBilingual(error: OcopConnectError & { problems?: readonly string[] }): void {
  expect(error.messageVi).not.toMatch(ENGLISH);
  expect(error.messageEn).not.toMatch(VIETNAMESE);
  for (const problem of error.problems ?? []) {
    const path = problem.slice(0, problem.indexOf(': '));
    const [vi, en, ...rest] = problem.split(` / ${path}: `);
    expect(rest, problem).toEqual([]);
    expect(vi, problem).toMatch(VIETNAMESE);
    expect(vi, problem).not.toMatch(ENGLISH);
    expect(en, problem).not.toMatch(VIETNAMESE);
    expect(error.messageVi).toContain(vi);
    expect(error.messageEn).toContain(`${path}: ${en}`);
  }
}

describe('adapter factories word their option problems in both languages (defect 6)', () => {
  it('voso: a wrong-typed username and a bad URL, zod text translated', async () => {
    const error = await configurationError(() =>
      voso({ baseUrl: 'x', credentials: { username: 5 } } as never),
    );
    expect(error.problems).toContain(
      'credentials.username: phải là một chuỗi (nhận được number) / credentials.username: must be a string (got number)',
    );
    expect(error.problems).toContain(
      'baseUrl: phải là một URL đầy đủ (https://…) / baseUrl: must be a full URL (https://…)',
    );
    expect(error.messageVi).toMatch(/^Tùy chọn adapter voso không hợp lệ: /);
    expect(error.messageEn).toMatch(/^Invalid voso adapter options: /);
    expectBilingual(error);
  });

  it('shopee: the credentials its profile needs, named in both languages', async () => {
    const error = await configurationError(() => shopee({ credentials: { partnerId: '1' } } as never));
    expect(error.problems).toContain(
      'credentials.partnerKey: bắt buộc với hồ sơ shopee (hmac) / credentials.partnerKey: required by the shopee profile (hmac)',
    );
    expectBilingual(error);
  });

  it('viettelpost and vnpost: an unknown environment and missing credentials', async () => {
    const vtp = await configurationError(() => viettelpost({ environment: 'prod' } as never));
    expect(vtp.problems).toEqual([
      'environment: phải là một trong: "production", "development" / environment: must be one of: "production", "development"',
      'credentials: cần { username, password } hoặc { token } / credentials: needs { username, password } or { token }',
    ]);
    expectBilingual(vtp);
    const vnp = await configurationError(() =>
      vnpost({ environment: 'prod', credentials: { token: 't' }, store: 5 } as never),
    );
    expect(vnp.problems).toContain(
      'credentials.customerCode: bắt buộc: mã khách hàng VNPost (ví dụ C000368268) / credentials.customerCode: required: the VNPost customer code (e.g. C000368268)',
    );
    expect(vnp.problems.some((p) => p.startsWith('store: phải là một StateStore'))).toBe(true);
    expectBilingual(vnp);
  });

  it('createPlatformClient(42) names options in both languages', async () => {
    const error = await configurationError(() => createPlatformClient(42 as never));
    expect(error.problems).toEqual([
      'options: phải là một đối tượng (nhận được number) / options: must be an object (got number)',
    ]);
    expectBilingual(error);
  });
});

describe('carrier request checks name the field in both languages (defect 6)', () => {
  const vtp = viettelpost({ baseUrl: 'http://127.0.0.1:9', credentials: { token: 't' } });
  const vnp = vnpost({ baseUrl: 'http://127.0.0.1:9', credentials: { token: 't', customerCode: 'C1' } });
  const address = { provinceCode: '01', wardCode: '00001', street: 'x' };

  it('VNPost quote(5) says the request must be an object, like ViettelPost', async () => {
    for (const adapter of [vtp, vnp]) {
      const error = await failure(() => adapter.quote(5 as never));
      expect(error).toBeInstanceOf(ValidationError);
      const { messageVi, messageEn } = error as ValidationError;
      expect(messageVi).toContain('request: phải là một đối tượng (nhận được number)');
      expect(messageEn).toContain('request: must be an object (got number)');
      expect(messageVi).not.toMatch(ENGLISH);
    }
  });

  it('a wrong weight is named parcel.weightGrams in Vietnamese and English, nothing English in vi', async () => {
    for (const adapter of [vtp, vnp]) {
      const error = await failure(() =>
        adapter.quote({ from: address, to: address, parcel: { weightGrams: 'x' } } as never),
      );
      expect(error).toBeInstanceOf(ValidationError);
      const { messageVi, messageEn } = error as ValidationError;
      expect(messageVi).toContain('parcel.weightGrams: Khối lượng phải là số nguyên dương (gam)');
      expect(messageEn).toContain('parcel.weightGrams: Weight must be a positive whole number of grams');
      expect(messageVi).not.toMatch(ENGLISH);
      expect(messageEn).not.toMatch(VIETNAMESE);
    }
  });
});

describe('connector combinations and category maps name their options (defect 4)', () => {
  it('store with storeDir, and an empty marketplaces list', async () => {
    const error = await configurationError(() =>
      createConnector({ marketplaces: [], store: createMemoryStore(), storeDir: 'x' } as never),
    );
    expect(error.messageEn).toBe(
      'Invalid connector options: marketplaces: needs at least one adapter; store, storeDir: give one, not both',
    );
    expect(error.messageVi).toBe(
      'Tùy chọn bộ kết nối không hợp lệ: marketplaces: cần ít nhất một adapter sàn; store, storeDir: chỉ đưa một trong hai',
    );
    expectBilingual(error);
  });

  it('categories.voso that is a function is named, Vietnamese first', async () => {
    const error = await configurationError(() =>
      createConnector({
        marketplaces: [fakeMarketplace('voso').adapter],
        store: createMemoryStore(),
        categories: { voso: () => 1 },
      } as never),
    );
    expect(error.problems).toEqual([
      'categories.voso: phải là một bảng danh mục của bạn → { categoryId } (nhận được function) / categories.voso: must be an object of your category → { categoryId } (got function)',
    ]);
    expectBilingual(error);
  });

  it('categories: 5 says what it must be, with what it got, in both languages', async () => {
    const error = await configurationError(() =>
      createConnector({
        marketplaces: [fakeMarketplace('voso').adapter],
        store: createMemoryStore(),
        categories: 5,
      } as never),
    );
    expect(error.problems).toEqual([
      'categories: phải là một bảng theo sàn → danh mục của bạn → { categoryId }, hoặc một hàm (nhận được number) / categories: must be an object keyed platform → your category → { categoryId }, or a function (got number)',
    ]);
    expectBilingual(error);
  });
});

describe('createHub names each cooperative problem in both languages (defect 5)', () => {
  it('id 5 is not a string (not "missing"), a cooperative that is not an object is named', async () => {
    const error = await configurationError(() =>
      createHub({ store: () => createMemoryStore(), cooperatives: [{ id: 5 }, 'x'] } as never),
    );
    expect(error.problems).toEqual([
      'cooperatives[0].id: phải là một chuỗi (nhận được number) / cooperatives[0].id: must be a string (got number)',
      'cooperatives[0].marketplaces: cần ít nhất một tài khoản sàn / cooperatives[0].marketplaces: needs at least one account',
      'cooperatives[1]: phải là một đối tượng HTX (nhận được string) / cooperatives[1]: must be a cooperative object (got string)',
    ]);
    expect(error.messageVi).toMatch(/^Cấu hình hub không hợp lệ: /);
    expectBilingual(error);
  });

  it('cooperatives: 5 is not an array; an invalid id keeps its path in both languages', async () => {
    const five = await configurationError(() =>
      createHub({ store: () => createMemoryStore(), cooperatives: 5 } as never),
    );
    expect(five.problems).toEqual([
      'cooperatives: phải là một mảng các HTX (nhận được number) / cooperatives: must be an array of cooperatives (got number)',
    ]);
    expectBilingual(five);
    const bad = await configurationError(() =>
      createHub({
        store: () => createMemoryStore(),
        cooperatives: [{ id: 'a b', marketplaces: [{ platform: 'voso', credentials: {} }] }],
      } as never),
    );
    expect(bad.problems[0]).toMatch(
      /^cooperatives\[0\]\.id: mã HTX "a b" không hợp lệ: .+ \/ cooperatives\[0\]\.id: cooperative id "a b" is invalid: /,
    );
    expect(bad.messageEn).toContain('cooperatives[0].id: cooperative id "a b" is invalid');
    expectBilingual(bad);
  });
});
