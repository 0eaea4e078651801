import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConfigurationError,
  ContractViolationError,
  InvalidRequestError,
  NotFoundError,
  type OcopConnectError,
  PermissionError,
  ServerError,
  ValidationError,
} from '../../../src/core/errors.js';
import {
  DuplicateReferenceError,
  mapViettelPostError,
  NotServiceableError,
  OrderActionNotAllowedError,
  OrderStatusConflictError,
  type ViettelPostOptions,
  viettelpost,
} from '../../../src/platforms/viettelpost/index.js';

const context = (body: unknown, operation = 'createOrder', status = 200) => ({
  platform: 'viettelpost',
  operation,
  status,
  headers: {},
  body,
});
const envelope = (message: string, status = 205) => ({ status, error: true, message, data: null });

describe('configuration', () => {
  it('reports every problem at once and rejects unknown keys', () => {
    const error = (() => {
      try {
        viettelpost({
          credentials: { username: '', password: '' },
          catalogTtlMs: -1,
          retry: { retries: -1, backoff: 'x' },
          colour: 'red',
        } as unknown as ViettelPostOptions);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems.join('\n');
    expect(problems).toMatch(/environment/);
    expect(problems).toMatch(/credentials/);
    expect(problems).toMatch(/catalogTtlMs/);
    expect(problems).toMatch(/colour/);
    expect(problems).toMatch(/retry\.retries/);
    expect(problems).toMatch(/backoff/);
  });

  it('refuses partner delegation with a token credential, and never echoes the secret', () => {
    expect(() =>
      viettelpost({
        environment: 'production',
        credentials: { token: 'tok-secret-value-123' },
        partner: { username: 'p', password: 'partner-pw-secret' },
      }),
    ).toThrow(/partner/);
    try {
      viettelpost({
        environment: 'staging',
        credentials: { token: 'tok-secret-value-123' },
      } as unknown as ViettelPostOptions);
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('tok-secret-value-123');
    }
  });

  it('accepts every rate-limit field its type (core RateLimitConfig) declares, windowMarginMs included', async () => {
    const adapter = viettelpost({
      environment: 'development',
      credentials: { username: '0905000002', password: 'x' },
      rateLimits: { shared: { requestsPerSecond: 5, burst: 2, maxConcurrent: 2, windowMarginMs: 50 } },
    });
    await adapter.close();
    expect(() =>
      viettelpost({
        environment: 'development',
        credentials: { username: '0905000002', password: 'x' },
        rateLimits: { write: { requestsPerSecond: 5, windowMarginMs: -1 } },
      }),
    ).toThrow(/rateLimits\.write\.windowMarginMs/);
  });

  it('declares its capabilities and account', async () => {
    const adapter = viettelpost({
      environment: 'development',
      credentials: { username: '0905000002', password: 'x' },
    });
    expect(adapter.carrier).toBe('viettelpost');
    expect(adapter.account).toBe('0905000002');
    expect(adapter.capabilities).toEqual({
      twoLevelAddresses: true,
      idempotentCreate: true,
      labels: true,
      webhooks: true,
      cashOnDelivery: true,
    });
    await adapter.close();
  });
});

describe('mapViettelPostError', () => {
  const cases: Array<[string, number, new (...args: never[]) => OcopConnectError]> = [
    ['Header Token is required', 205, AuthenticationError],
    ['Token invalid', 205, AuthenticationError],
    ['Token invalid or expired', 401, AuthenticationError],
    ['Invalid owner account or password!', 205, AuthenticationError],
    ['Price does not apply to this itinerary!', 204, NotServiceableError],
    ['Order status already exists on the system', 205, OrderStatusConflictError],
    ['Mã đơn hàng đã tồn tại / ORDER_NUMBER already exists', 205, DuplicateReferenceError],
    ['Order does not exist', 205, NotFoundError],
    ['Trạng thái đơn hàng không cho phép thao tác này', 205, OrderActionNotAllowedError],
    ['System error', 205, ServerError],
    ['Error: system error', 205, ServerError],
    ['Blocking create order, please check the configuration', 205, PermissionError],
    ['Something new and strange', 205, InvalidRequestError],
  ];

  it.each(cases)('"%s" (status %i) → %o', (message, status, type) => {
    const error = mapViettelPostError(context(envelope(message, status)));
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({
      platform: 'viettelpost',
      platformMessage: message,
      platformCode: String(status),
    });
  });

  it('System error is retriable; a duplicate is not', () => {
    expect(mapViettelPostError(context(envelope('System error')))?.retriable).toBe(true);
    expect(mapViettelPostError(context(envelope('ORDER_NUMBER already exists')))?.retriable).toBe(false);
  });

  it.each([
    ['Incorrect data: RECEIVER_WARD', ['RECEIVER_WARD']],
    ['Invalid [MONEY_COLLECTION]', ['MONEY_COLLECTION']],
    [
      'Invalid [RECEIVER_WARD, RECEIVER_DISTRICT, RECEIVER_PROVINCE]',
      ['RECEIVER_WARD', 'RECEIVER_DISTRICT', 'RECEIVER_PROVINCE'],
    ],
    [
      'Incorrect data: SENDER_DISTRICT Incorrect data: SENDER_PROVINCE with address old',
      ['SENDER_DISTRICT', 'SENDER_PROVINCE'],
    ],
    ['Groupaddress is invalid', ['GROUPADDRESS_ID']],
  ])('"%s" → ValidationError naming %j', (message, fields) => {
    const error = mapViettelPostError(context(envelope(message)));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(fields);
  });

  it('success shapes pass: envelope error:false, bare array and RESULT object for getPriceAll(Nlp)', () => {
    expect(
      mapViettelPostError(context({ status: 200, error: false, message: 'OK', data: {} })),
    ).toBeUndefined();
    expect(mapViettelPostError(context([{ MA_DV_CHINH: 'VCN' }], 'getPriceAll'))).toBeUndefined();
    expect(mapViettelPostError(context({ RESULT: [] }, 'getPriceAllNlp'))).toBeUndefined();
  });

  it('anything else on HTTP 200 is a contract violation; HTTP errors without envelope go to the generic mapper', () => {
    expect(mapViettelPostError(context([{ MA_DV_CHINH: 'VCN' }], 'createOrder'))).toBeInstanceOf(
      ContractViolationError,
    );
    expect(mapViettelPostError(context('<html>', 'listInventory'))).toBeInstanceOf(ContractViolationError);
    expect(mapViettelPostError(context({ data: [] }, 'listInventory'))).toBeInstanceOf(
      ContractViolationError,
    );
    expect(mapViettelPostError(context('Bad gateway', 'createOrder', 502))).toBeUndefined();
    expect(mapViettelPostError(context(envelope('Token invalid', 401), 'createOrder', 401))).toBeInstanceOf(
      AuthenticationError,
    );
  });
});
