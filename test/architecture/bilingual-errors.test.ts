/**
 * One rule for error text (README "Errors"): every OcopConnectError carries its Vietnamese and its English
 * text in the read-only fields `messageVi` / `messageEn`, and `message` holds both. Every error class the
 * root entry exports is constructed here — a new class without a line below fails the first test.
 */
import * as root from 'ocop-connect';
import { ImageError } from 'ocop-connect/images';
import * as marketplaceEntry from 'ocop-connect/marketplace';
import * as postgresEntry from 'ocop-connect/postgres';
import * as postmartEntry from 'ocop-connect/postmart';
import * as shopeeEntry from 'ocop-connect/shopee';
import * as viettelpostEntry from 'ocop-connect/viettelpost';
import * as vnpostEntry from 'ocop-connect/vnpost';
import * as vosoEntry from 'ocop-connect/voso';
import { describe, expect, it } from 'vitest';

const {
  AbortedError,
  AuthenticationError,
  CarrierQuoteFailedError,
  ClosedError,
  ConfigurationError,
  ConflictError,
  ConnectorClosedError,
  ContractViolationError,
  FulfilInProgressError,
  InternalError,
  InvalidRecordError,
  InvalidRequestError,
  LimiterClosedError,
  NestedTransactionError,
  NetworkError,
  NotFoundError,
  OcopConnectError,
  OrderNotCancellableError,
  OrderNotShippableError,
  OutcomeUnknownError,
  ParcelCancelPendingError,
  ParcelCancelRefusedError,
  PermissionError,
  RateLimitedError,
  ReferenceReusedError,
  ServerError,
  StoreClosedError,
  StoreCorruptError,
  StoreError,
  StoreLockedError,
  StoreUnusableError,
  TimeoutError,
  ValidationError,
  VnInputError,
  VnPhoneError,
  VndParseError,
} = root;

const details = {
  code: 'empty',
  input: '',
  messageVi: 'Chưa nhập số tiền.',
  messageEn: 'The amount is empty.',
} as const;

/** One instance of each exported error class, made as the library makes it. */
const MADE: Record<string, () => root.OcopConnectError> = {
  AbortedError: () => new AbortedError('Publish aborted before this item was sent'),
  AuthenticationError: () => new AuthenticationError('Voso login failed: HTTP 401', { platform: 'voso' }),
  CarrierQuoteFailedError: () =>
    new CarrierQuoteFailedError('voso:1', 'vnpost', new ServerError('HTTP 500', { platform: 'vnpost' })),
  ClosedError: () => new ClosedError('The queue is closed'),
  ConfigurationError: () =>
    new ConfigurationError('Invalid connector options', ['store: required / store: bắt buộc']),
  ConflictError: () => new ConflictError('SKU already exists'),
  ConnectorClosedError: () => new ConnectorClosedError(),
  ContractViolationError: () => new ContractViolationError('Answer is not JSON'),
  FulfilInProgressError: () => new FulfilInProgressError('voso:1', '2026-12-04T10:00:00Z'),
  InternalError: () => new InternalError('Cannot read properties of undefined'),
  ReferenceReusedError: () =>
    new ReferenceReusedError('SAME-1', { platform: 'vnpost', label: 'VNPost' }, ['codAmountVnd']),
  InvalidRecordError: () =>
    new InvalidRecordError({
      path: 'stock',
      value: -1,
      messageVi: 'Tồn kho âm',
      messageEn: 'Negative stock',
    }),
  InvalidRequestError: () => new InvalidRequestError('Price too low', { platformMessage: 'Giá quá thấp' }),
  LimiterClosedError: () => new LimiterClosedError('voso'),
  NestedTransactionError: () => new NestedTransactionError(),
  NetworkError: () =>
    new NetworkError('connect ECONNREFUSED 10.0.0.1:443', {
      code: 'ECONNREFUSED',
      operation: 'login',
      request: { method: 'POST', url: 'https://partner.voso.vn/login' },
    }),
  NotFoundError: () => new NotFoundError('Listing 12 not found'),
  OcopConnectError: () => new OcopConnectError('server', 'HTTP 502'),
  OrderNotCancellableError: () =>
    new OrderNotCancellableError(
      'postmart:1',
      'SHIPPED',
      'the marketplace already holds tracking number VT1; cancel the shipment first',
      'sàn đã giữ mã vận đơn VT1; hãy hủy vận đơn trước',
      'VT1',
    ),
  OrderNotShippableError: () =>
    new OrderNotShippableError('voso:1', 'CANCELLED', 'the order was cancelled', 'đơn đã bị hủy'),
  OutcomeUnknownError: () => new OutcomeUnknownError('createOrder timed out after sending'),
  ParcelCancelPendingError: () =>
    new ParcelCancelPendingError('voso:1', 'vnpost', 'EB1VN', 'C-1', '2026-12-04T10:00:00Z'),
  ParcelCancelRefusedError: () => new ParcelCancelRefusedError('voso:1', 'vnpost', 'EB1VN', 'picked up'),
  PermissionError: () => new PermissionError('Not a partner shop'),
  RateLimitedError: () => new RateLimitedError('slow down', { retryAfterMs: 2000 }),
  ServerError: () => new ServerError('HTTP 503'),
  StoreClosedError: () => new StoreClosedError('file'),
  StoreCorruptError: () => new StoreCorruptError('state.json', 'not valid JSON'),
  StoreError: () => new StoreError('configuration', 'STORE_UNAVAILABLE', 'PostgreSQL is unreachable'),
  StoreLockedError: () => new StoreLockedError('/tmp/state', { pid: 42 }),
  StoreUnusableError: () =>
    new StoreUnusableError('/proc/x', '/proc/x', { en: 'cannot be created', vi: 'không tạo được' }),
  TimeoutError: () => new TimeoutError('No answer within 30000 ms', { timeoutMs: 30_000 }),
  ValidationError: () =>
    new ValidationError('Row 3 does not match the product model', [
      { path: 'name', code: 'required', messageVi: 'Thiếu tên sản phẩm', messageEn: 'The name is missing' },
    ]),
  VnInputError: () => new VnInputError(details),
  VnPhoneError: () =>
    new VnPhoneError({
      ...details,
      code: 'wrong_length',
      messageVi: 'Sai độ dài',
      messageEn: 'Wrong length',
    }),
  VndParseError: () => new VndParseError(details),
};

function exportedErrorClasses(): string[] {
  return Object.entries(root)
    .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Error)
    .map(([name]) => name)
    .sort();
}

describe('every error speaks Vietnamese and English in the same fields', () => {
  it('every error class of the root entry is made below', () => {
    expect(Object.keys(MADE).sort()).toEqual(exportedErrorClasses());
  });

  it.each(Object.keys(MADE))('%s has messageVi and messageEn, different, both in message', (name) => {
    const error = MADE[name]!();
    expect(error.constructor.name).toBe(name);
    expect(error).toBeInstanceOf(OcopConnectError);
    expect(typeof error.messageVi).toBe('string');
    expect(typeof error.messageEn).toBe('string');
    expect(error.messageVi.trim()).not.toBe('');
    expect(error.messageEn.trim()).not.toBe('');
    expect(error.messageVi).not.toBe(error.messageEn);
    // The Vietnamese text is Vietnamese (a letter only Vietnamese writes).
    expect(error.messageVi).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    expect(error.toJSON()).toMatchObject({ messageVi: error.messageVi, messageEn: error.messageEn });
    expect(() => {
      (error as unknown as { messageVi: string }).messageVi = 'x';
    }).toThrow(TypeError);
  });

  it('an error made with both texts keeps them; message holds both', () => {
    const error = new ConflictError({ vi: 'Mã đã tồn tại', en: 'The code already exists' });
    expect([error.messageVi, error.messageEn]).toEqual(['Mã đã tồn tại', 'The code already exists']);
    expect(error.message).toBe('The code already exists / Mã đã tồn tại');
  });

  it('a "Vietnamese / English" string is split into its halves, whichever comes first', () => {
    const viFirst = new ConfigurationError(
      'Tuỳ chọn kho PostgreSQL sai / Invalid PostgreSQL store options',
      [],
    );
    expect(viFirst.messageVi).toBe('Tuỳ chọn kho PostgreSQL sai');
    expect(viFirst.messageEn).toBe('Invalid PostgreSQL store options');
    const enFirst = new ServerError('The platform is down / Sàn đang gặp sự cố');
    expect([enFirst.messageVi, enFirst.messageEn]).toEqual(['Sàn đang gặp sự cố', 'The platform is down']);
  });

  it('one language given: the other says what the kind means, the original in brackets', () => {
    const network = MADE.NetworkError!();
    expect(network.messageEn).toBe('connect ECONNREFUSED 10.0.0.1:443');
    expect(network.messageVi).toBe(
      'Không kết nối được tới máy chủ (mạng hoặc địa chỉ sai) (thao tác đăng nhập, máy chủ partner.voso.vn, mã lỗi ECONNREFUSED)',
    );
    // The platform's own (often Vietnamese) words are the Vietnamese detail when it gave them.
    expect(MADE.InvalidRequestError!().messageVi).toBe('Sàn từ chối yêu cầu (Giá quá thấp)');
    const vietnameseOnly = new ConflictError('Đơn đã được giao cho đơn vị vận chuyển');
    expect(vietnameseOnly.messageVi).toBe('Đơn đã được giao cho đơn vị vận chuyển');
    expect(vietnameseOnly.messageEn).toBe(
      'Already exists or not allowed now (Đơn đã được giao cho đơn vị vận chuyển)',
    );
  });

  it('a validation error lists its issues and a configuration error its problems, each in its language', () => {
    const validation = MADE.ValidationError!();
    expect(validation.messageEn).toBe('Row 3 does not match the product model: The name is missing');
    expect(validation.messageVi).toContain('Thiếu tên sản phẩm');
    expect(validation.messageVi).not.toContain('The name is missing');
    const configuration = MADE.ConfigurationError!();
    expect(configuration.messageEn).toBe('Invalid connector options: store: required');
    expect(configuration.messageVi).toBe(
      'Cấu hình không hợp lệ (Invalid connector options): store: bắt buộc',
    );
  });

  it('ImageError (ocop-connect/images) follows the same rule', () => {
    const error = new ImageError('TOO_SMALL', { vi: 'Ảnh quá nhỏ', en: 'The image is too small' });
    expect([error.messageVi, error.messageEn]).toEqual(['Ảnh quá nhỏ', 'The image is too small']);
  });
});

/**
 * #18 (trial 6 item 8): the README invites users to build errors (`new ConflictError('Price too low')`,
 * `{ vi, en }` inside mapError). Every exported error class of every entry, made by hand with nothing, a
 * text, both texts or a number, gives a usable error in both languages — or refuses with a library
 * error in both languages — never a raw TypeError, never an empty text or a "… ()".
 */
describe('every exported error class constructs from what a user may pass', () => {
  const entries = {
    root,
    images: { ImageError },
    marketplace: marketplaceEntry,
    postgres: postgresEntry,
    postmart: postmartEntry,
    shopee: shopeeEntry,
    viettelpost: viettelpostEntry,
    vnpost: vnpostEntry,
    voso: vosoEntry,
  };
  const classes = new Map<string, new (...args: unknown[]) => unknown>();
  for (const entry of Object.values(entries)) {
    for (const [name, value] of Object.entries(entry)) {
      if (typeof value === 'function' && value.prototype instanceof Error) classes.set(name, value as never);
    }
  }
  const ARGUMENTS: readonly (readonly unknown[])[] = [
    [],
    ['x'],
    [{ vi: 'Mã đã tồn tại', en: 'Code exists' }],
    [5],
  ];

  it('finds the classes of every entry', () => {
    expect([...classes.keys()]).toEqual(
      expect.arrayContaining([
        'ImageError',
        'AddressResolutionError',
        'VnpostAddressError',
        'StoreLockedError',
      ]),
    );
  });

  it.each([
    ...classes.keys(),
  ])('%s: (), ("x"), ({ vi, en }), (5) → both texts, never a TypeError nor "undefined"', (name) => {
    const Class = classes.get(name)!;
    for (const args of ARGUMENTS) {
      let made: unknown;
      try {
        made = new Class(...args);
      } catch (error) {
        made = error;
      }
      expect(made, `${name}(${JSON.stringify(args)})`).toBeInstanceOf(OcopConnectError);
      const error = made as root.OcopConnectError;
      expect(error.messageVi.trim(), `${name}(${JSON.stringify(args)}).messageVi`).not.toBe('');
      expect(error.messageEn.trim(), `${name}(${JSON.stringify(args)}).messageEn`).not.toBe('');
      expect(error.messageVi).not.toMatch(/\(\)$/);
      // #18: a missing or unreadable argument is left out of the sentence, never shown as such.
      for (const field of ['message', 'messageVi', 'messageEn'] as const) {
        expect(error[field], `${name}(${JSON.stringify(args)}).${field}`).not.toMatch(
          /\bundefined\b|\[object Object\]|\bNaN\b/,
        );
      }
    }
  });

  it('a class made with no argument says its default in both languages (#18)', () => {
    const closed = new StoreClosedError(undefined as never);
    expect([closed.messageVi, closed.messageEn]).toEqual([
      'Kho trạng thái đã đóng: hãy tạo kho mới',
      'The store is closed: create a new one.',
    ]);
    const notShippable = new (OrderNotShippableError as unknown as new () => root.OcopConnectError)();
    expect([notShippable.messageVi, notShippable.messageEn]).toEqual([
      'Không thể giao đơn.',
      'Order cannot be shipped.',
    ]);
    const notCancellable = new (OrderNotCancellableError as unknown as new () => root.OcopConnectError)();
    expect([notCancellable.messageVi, notCancellable.messageEn]).toEqual([
      'Không thể hủy đơn.',
      'Order cannot be cancelled.',
    ]);
    const spent = new (viettelpostEntry.ReferenceSpentError as unknown as new () => root.OcopConnectError)();
    expect(spent.messageEn).toBe(
      'Shipment reference is spent: its ViettelPost order was cancelled or rejected, and ViettelPost never accepts the same reference twice. Create the new shipment with a new reference.',
    );
    const rootless = (() => {
      try {
        return new (OcopConnectError as unknown as new () => root.OcopConnectError)();
      } catch (error) {
        return error as root.OcopConnectError;
      }
    })();
    expect(rootless.kind).toBe('validation');
    expect(rootless.messageEn).toMatch(/^kind: missing; use one of: authentication, /);
    expect(rootless.messageVi).toMatch(/^kind: thiếu loại lỗi; hãy dùng một trong: authentication, /);
  });

  it('the documented forms keep their text: a string, { vi, en }; nothing gives what the kind means', () => {
    expect(new ConfigurationError('x').messageEn).toBe('x');
    expect(new ConfigurationError('x').problems).toEqual([]);
    expect(new ConflictError('Price too low').messageEn).toBe('Price too low');
    const pair = new ValidationError({ vi: 'Giá quá thấp', en: 'Price too low' });
    expect([pair.messageVi, pair.messageEn]).toEqual(['Giá quá thấp', 'Price too low']);
    const bare = new ConflictError(undefined as never);
    expect([bare.messageVi, bare.messageEn]).toEqual([
      'Đã tồn tại hoặc trạng thái không cho phép',
      'Already exists or not allowed now',
    ]);
    expect(new ServerError(undefined as never).messageEn).toBe('The platform failed; try again later');
    expect(new StoreUnusableError('/x', '/x', 'is a file' as never).messageEn).toContain('/x is a file');
    // StoreCorruptError's reason: a string made by hand goes into both texts as it is; { vi, en } each.
    const handMade = new StoreCorruptError('x.json', 'edited by hand');
    expect([handMade.messageVi, handMade.messageEn]).toEqual([
      'Tệp trạng thái x.json bị hỏng: edited by hand',
      'State file x.json is corrupt: edited by hand',
    ]);
    const both = new StoreCorruptError('orders[voso/a/1]', {
      vi: 'thiếu trường order',
      en: 'order is missing',
    });
    expect([both.messageVi, both.messageEn]).toEqual([
      'Bản ghi trạng thái orders[voso/a/1] bị hỏng: thiếu trường order',
      'State record orders[voso/a/1] is corrupt: order is missing',
    ]);
    expect(new VnInputError('Sai số điện thoại' as never).code).toBe('invalid_argument');
  });
});
