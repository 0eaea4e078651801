/**
 * #18: a platform's own text stays in its language. Each platform's sandbox is made to refuse a call;
 * the error keeps the raw text verbatim in `platformMessage`, `messageVi` holds no English platform
 * text and `messageEn` no Vietnamese letter, and each names the platform, the status/code and what to do.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  type OcopConnectError,
  PermissionError,
} from '../../src/core/errors.js';
import { mapHttpStatus } from '../../src/core/http-error-mapper.js';
import { postmart } from '../../src/platforms/postmart/index.js';
import { shopee } from '../../src/platforms/shopee/index.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { vnpost } from '../../src/platforms/vnpost/index.js';
import { voso } from '../../src/platforms/voso/index.js';
import {
  startPostmartSandbox,
  startShopeeSandbox,
  startViettelPostSandbox,
  startVnpostSandbox,
  startVosoSandbox,
} from '../../src/sandbox/index.js';
import { englishWords } from '../architecture/vietnamese-text.js';

const VIETNAMESE_LETTER = /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;
const NO_RETRY = { retries: 0 };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function refused(call: () => Promise<unknown>): Promise<OcopConnectError> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) throw new Error('the call was not refused');
  return error as OcopConnectError;
}

/** The rule of #18 for one platform error whose raw text is `raw` in `language`. */
function expectEachLanguageOwn(error: OcopConnectError, raw: string, language: 'vi' | 'en') {
  expect(error.platformMessage).toBe(raw);
  expect(error.messageEn).not.toMatch(VIETNAMESE_LETTER);
  expect([error.messageVi, englishWords(error.messageVi)]).toEqual([error.messageVi, []]);
  if (language === 'vi') {
    expect(error.messageVi).toContain(raw);
    expect(error.messageEn).toContain('answered in Vietnamese, see platformMessage');
  } else {
    expect(error.messageEn).toContain(raw);
    expect(error.messageVi).not.toContain(raw);
    expect(error.messageVi).toContain('trả lời bằng tiếng Anh, xem platformMessage');
  }
  expect(error.message).toContain(raw);
}

describe('a platform text stays in its own language (messageVi / messageEn / platformMessage)', () => {
  it('Voso: its Vietnamese 404 text is in messageVi and platformMessage, not in messageEn', async () => {
    const sandbox = await startVosoSandbox();
    const adapter = voso({ credentials: sandbox.credentials, baseUrl: sandbox.baseUrl, retry: NO_RETRY });
    closers.push(
      () => sandbox.close(),
      () => adapter.close(),
    );
    const error = await refused(() => adapter.getOrder('999999'));
    expect(error).toBeInstanceOf(NotFoundError);
    expectEachLanguageOwn(error, 'Không tìm thấy đơn hàng', 'vi');
    expect(error.messageVi).toBe(
      'voso: thao tác getOrder không thành công: Không tìm thấy đơn hàng (mã 404) — Voso không có đối tượng này; kiểm tra mã đã gửi',
    );
    expect(error.messageEn).toBe(
      'voso getOrder failed: Voso answered in Vietnamese, see platformMessage (code 404) — Voso has no such object; check the id that was sent',
    );
  });

  it('Postmart: a refused login names HTTP status and code in each language', async () => {
    const sandbox = await startPostmartSandbox();
    const adapter = postmart({
      credentials: { ...sandbox.credentials, password: 'sai-mat-khau' },
      baseUrl: sandbox.baseUrl,
      retry: NO_RETRY,
    });
    closers.push(
      () => sandbox.close(),
      () => adapter.close(),
    );
    const error = await refused(() => adapter.getCategories());
    expect(error).toBeInstanceOf(AuthenticationError);
    expectEachLanguageOwn(error, 'Sai thông tin đăng nhập', 'vi');
    expect(error.messageVi).toContain('(HTTP 401, mã INVALID_CREDENTIALS)');
    expect(error.messageVi).toContain('kiểm tra tên đăng nhập, mật khẩu hoặc token');
    expect(error.messageEn).toContain('(HTTP 401, code INVALID_CREDENTIALS)');
    expect(error.messageEn).toContain('check the username, password or token');
  });

  it('Shopee: its English text is in messageEn and platformMessage, not in messageVi', async () => {
    const sandbox = await startShopeeSandbox();
    const adapter = shopee({ credentials: sandbox.credentials, baseUrl: sandbox.baseUrl, retry: NO_RETRY });
    const wrongKey = shopee({
      credentials: { ...sandbox.credentials, partnerKey: 'not-the-partner-key' },
      baseUrl: sandbox.baseUrl,
      retry: NO_RETRY,
    });
    closers.push(
      () => sandbox.close(),
      () => adapter.close(),
      () => wrongKey.close(),
    );
    const unknown = await refused(() => adapter.cancelOrder('999999', 'OUT_OF_STOCK'));
    expect(unknown).toBeInstanceOf(NotFoundError);
    expectEachLanguageOwn(unknown, 'order_sn 999999 not found', 'en');
    expect(unknown.messageVi).toContain('(mã error_not_found)');
    expect(unknown.messageEn).toContain('(code error_not_found)');
    const signed = await refused(() => wrongKey.getCategories());
    expect(signed).toBeInstanceOf(PermissionError);
    expectEachLanguageOwn(signed, 'Wrong sign.', 'en');
    expect(signed.messageVi).toContain('(HTTP 403, mã error_sign)');
  });

  it('ViettelPost: its English text is in messageEn and platformMessage, not in messageVi', async () => {
    const sandbox = await startViettelPostSandbox({ stepMs: 0 });
    const adapter = viettelpost({
      baseUrl: sandbox.url,
      credentials: sandbox.memberCredentials,
      retry: NO_RETRY,
    });
    const wrongPassword = viettelpost({
      baseUrl: sandbox.url,
      credentials: { ...sandbox.memberCredentials, password: 'sai-mat-khau' },
      retry: NO_RETRY,
    });
    closers.push(
      () => sandbox.close(),
      () => adapter.close(),
      () => wrongPassword.close(),
    );
    const unknown = await refused(() => adapter.cancelShipment('NOPE123'));
    expect(unknown).toBeInstanceOf(NotFoundError);
    expectEachLanguageOwn(unknown, 'Order does not exist', 'en');
    expect(unknown.messageVi).toBe(
      'ViettelPost từ chối yêu cầu updateOrder: ViettelPost trả lời bằng tiếng Anh, xem platformMessage (mã 205) — ViettelPost không có đối tượng này; kiểm tra mã đã gửi',
    );
    const login = await refused(() => wrongPassword.cancelShipment('NOPE123'));
    expect(login).toBeInstanceOf(AuthenticationError);
    expectEachLanguageOwn(login, 'Invalid owner account or password!', 'en');
    expect(login.messageVi).toMatch(/^Đăng nhập bị từ chối: /);
  });

  it('VNPost: its Vietnamese text is in messageVi and platformMessage, not in messageEn', async () => {
    const sandbox = await startVnpostSandbox({ stepMs: 0 });
    const adapter = vnpost({ baseUrl: sandbox.url, credentials: sandbox.credentials, retry: NO_RETRY });
    closers.push(
      () => sandbox.close(),
      () => adapter.close(),
    );
    const error = await refused(() => adapter.labelUrl(['EB999999999VN']));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expectEachLanguageOwn(error, 'Không tìm thấy đơn hàng', 'vi');
    expect(error.messageVi).toBe(
      'MyVNPost từ chối exportListReport: Không tìm thấy đơn hàng (HTTP 400) — MyVNPost từ chối dữ liệu đã gửi; sửa theo thông báo rồi gửi lại',
    );
  });

  it('the generic HTTP mapping (any platform, any status) follows the same rule', () => {
    const context = (message: string) => ({
      platform: 'voso',
      operation: 'getOrder',
      status: 404,
      headers: {},
      body: { code: 'E404', message },
    });
    const english = mapHttpStatus(context('Order not found'))!;
    expectEachLanguageOwn(english, 'Order not found', 'en');
    expect(english.messageVi).toBe(
      'voso: thao tác getOrder không thành công: Voso trả lời bằng tiếng Anh, xem platformMessage (HTTP 404, mã E404) — Voso không có đối tượng này; kiểm tra mã đã gửi',
    );
    const vietnamese = mapHttpStatus(context('Không tìm thấy đơn'))!;
    expectEachLanguageOwn(vietnamese, 'Không tìm thấy đơn', 'vi');
    expect(vietnamese.messageEn).toBe(
      'voso getOrder failed: Voso answered in Vietnamese, see platformMessage (HTTP 404, code E404) — Voso has no such object; check the id that was sent',
    );
  });
});

describe('Shopee getOrder of an unknown order (#18)', () => {
  it('is a NotFoundError (kind not_found) naming the order, like Voso and Postmart', async () => {
    const sandbox = await startShopeeSandbox();
    const adapter = shopee({ credentials: sandbox.credentials, baseUrl: sandbox.baseUrl, retry: NO_RETRY });
    closers.push(
      () => sandbox.close(),
      () => adapter.close(),
    );
    const error = await refused(() => adapter.getOrder('240101NOSUCH'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.kind).toBe('not_found');
    expect(error).toMatchObject({ platform: 'shopee', operation: 'getOrder', retriable: false });
    expect(error.messageVi).toBe(
      'shopee getOrder: Shopee không có đơn 240101NOSUCH (get_order_detail không trả về đơn này); kiểm tra mã đơn (order_sn)',
    );
    expect(error.messageEn).toBe(
      'shopee getOrder: Shopee has no order 240101NOSUCH (get_order_detail did not return it); check the order number (order_sn)',
    );
    expect(englishWords(error.messageVi)).toEqual([]);
    // The same question to Voso and Postmart gets the same kind.
    const vosoBox = await startVosoSandbox();
    const postmartBox = await startPostmartSandbox();
    const vosoAdapter = voso({ credentials: vosoBox.credentials, baseUrl: vosoBox.baseUrl, retry: NO_RETRY });
    const postmartAdapter = postmart({
      credentials: postmartBox.credentials,
      baseUrl: postmartBox.baseUrl,
      retry: NO_RETRY,
    });
    closers.push(
      () => vosoBox.close(),
      () => postmartBox.close(),
      () => vosoAdapter.close(),
      () => postmartAdapter.close(),
    );
    for (const other of [vosoAdapter, postmartAdapter]) {
      expect((await refused(() => other.getOrder('240101NOSUCH'))).kind).toBe('not_found');
    }
  });

  it('a 5,000-character order id is echoed capped: its first 60 characters and "…"', async () => {
    const sandbox = await startShopeeSandbox();
    const adapter = shopee({ credentials: sandbox.credentials, baseUrl: sandbox.baseUrl, retry: NO_RETRY });
    closers.push(
      () => sandbox.close(),
      () => adapter.close(),
    );
    const id = `24${'9'.repeat(4_998)}`;
    const error = await refused(() => adapter.getOrder(id));
    for (const text of [error.messageVi, error.messageEn, error.message]) {
      expect(text).toContain(`${id.slice(0, 60)}…`);
      expect(text.length).toBeLessThan(1_000);
    }
  });
});
