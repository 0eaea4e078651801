import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import type { ShipmentStatus } from '../../../src/model/status.js';
import {
  classifyViettelPostStatus,
  VIETTELPOST_STATUS_TABLE,
  viettelpost,
} from '../../../src/platforms/viettelpost/index.js';
import { parseDeliveryHours } from '../../../src/platforms/viettelpost/response-mapping.js';
import { VIETTELPOST_TERMINAL_CODES } from '../../../src/platforms/viettelpost/status-table.js';
import {
  formatVietnamDateTime,
  parseVietnamDateTime,
} from '../../../src/platforms/viettelpost/vietnam-time.js';

/**
 * The contract's ORDER_STATUS table (§8.2), restated independently of the adapter's table. The negative
 * codes are in the contract's pre-pickup ("approved", like 100) group: PENDING_PICKUP.
 */
const EXPECTED: ReadonlyArray<[number, ShipmentStatus, boolean]> = [
  [-100, 'CREATED', false],
  [-108, 'PENDING_PICKUP', false],
  [-109, 'PENDING_PICKUP', false],
  [-110, 'PENDING_PICKUP', false],
  [100, 'PENDING_PICKUP', false],
  [101, 'REJECTED', true],
  [102, 'PENDING_PICKUP', false],
  [103, 'PENDING_PICKUP', false],
  [104, 'PENDING_PICKUP', false],
  [105, 'PICKED_UP', false],
  [106, 'PENDING_PICKUP', false],
  [107, 'CANCELLED', true],
  [200, 'IN_TRANSIT', false],
  [201, 'REJECTED', true],
  [202, 'IN_TRANSIT', false],
  [300, 'IN_TRANSIT', false],
  [301, 'IN_TRANSIT', false],
  [302, 'IN_TRANSIT', false],
  [303, 'IN_TRANSIT', false],
  [320, 'IN_TRANSIT', false],
  [400, 'IN_TRANSIT', false],
  [401, 'IN_TRANSIT', false],
  [402, 'IN_TRANSIT', false],
  [403, 'IN_TRANSIT', false],
  [500, 'OUT_FOR_DELIVERY', false],
  [501, 'DELIVERED', true],
  [502, 'RETURNING', false],
  [503, 'CANCELLED', true],
  [504, 'RETURNED', true],
  [505, 'DELIVERY_FAILED', false],
  [506, 'DELIVERY_FAILED', false],
  [507, 'DELIVERY_FAILED', false],
  [508, 'OUT_FOR_DELIVERY', false],
  [509, 'IN_TRANSIT', false],
  [510, 'IN_TRANSIT', false],
  [515, 'RETURNING', false],
  [550, 'OUT_FOR_DELIVERY', false],
  [570, 'OUT_FOR_DELIVERY', false],
];

const SECRET = 'vtp-webhook-secret-abc123';
const adapter = viettelpost({
  environment: 'development',
  credentials: { token: 't' },
  webhookSecret: SECRET,
});

function webhookBody(data: Record<string, unknown>, token = SECRET): string {
  return JSON.stringify({
    DATA: {
      ORDER_NUMBER: '15878180012',
      ORDER_REFERENCE: 'OCOP-VL-0001',
      ORDER_STATUSDATE: '10/11/2025 11:07:16',
      ORDER_STATUS: 501,
      STATUS_NAME: 'Phát thành công',
      LOCALION_CURRENTLY: 'Bưu cục Cầu Giấy',
      LOCATION_CURRENTLY: 'Bưu cục Cầu Giấy',
      NOTE: '',
      MONEY_COLLECTION: '350000',
      MONEY_TOTAL: 51700,
      PRODUCT_WEIGHT: '1200',
      ORDER_SERVICE: 'VCN',
      IS_RETURNING: false,
      POD: { IMAGES: ['https://s3user10106.s3.cloudstorage.com.vn/pod/1.jpg'] },
      ...data,
    },
    TOKEN: token,
  });
}

describe('ORDER_STATUS table', () => {
  it('covers exactly the contract codes', () => {
    expect([...VIETTELPOST_STATUS_TABLE.keys()].sort((a, b) => a - b)).toEqual(
      EXPECTED.map(([code]) => code).sort((a, b) => a - b),
    );
    expect([...VIETTELPOST_TERMINAL_CODES].sort()).toEqual([101, 107, 201, 501, 503, 504].sort());
  });

  it.each(
    EXPECTED,
  )('webhook status %i parses to %s (terminal %s), raw code and label kept', (code, status, terminal) => {
    const event = adapter.parseWebhook(
      webhookBody({ ORDER_STATUS: String(code), STATUS_NAME: `Nhãn ${code}` }),
    );
    expect(event).toMatchObject({
      status,
      terminal,
      rawStatus: code,
      rawStatusLabel: `Nhãn ${code}`,
      unknownStatus: false,
    });
  });

  it('keeps an unknown code, maps it conservatively, flags it, never terminal', () => {
    const event = adapter.parseWebhook(webhookBody({ ORDER_STATUS: 599, STATUS_NAME: undefined }));
    expect(event).toMatchObject({
      rawStatus: 599,
      status: 'IN_TRANSIT',
      terminal: false,
      unknownStatus: true,
    });
    expect(event.rawStatusLabel).toBe('Trạng thái chưa biết (599)');
    expect(classifyViettelPostStatus(150)).toMatchObject({ status: 'PENDING_PICKUP', unknown: true });
  });
});

describe('webhook parsing', () => {
  it('reads every field, Vietnam time → UTC, numbers from strings, both LOCATION keys', () => {
    const event = adapter.parseWebhook(Buffer.from(webhookBody({})));
    expect(event).toEqual({
      carrier: 'viettelpost',
      trackingNumber: '15878180012',
      reference: 'OCOP-VL-0001',
      status: 'DELIVERED',
      rawStatus: 501,
      rawStatusLabel: 'Phát thành công',
      occurredAt: '2025-11-10T04:07:16.000Z',
      location: 'Bưu cục Cầu Giấy',
      codAmountVnd: 350_000,
      collectFromReceiverVnd: 350_000,
      terminal: true,
      dedupeKey: 'viettelpost:15878180012:501:2025-11-10T04:07:16.000Z',
      unknownStatus: false,
      rawOccurredAt: '10/11/2025 11:07:16',
      returning: false,
      totalFeeVnd: 51_700,
      weightGrams: 1200,
      serviceCode: 'VCN',
      podImageUrls: ['https://s3user10106.s3.cloudstorage.com.vn/pod/1.jpg'],
    });
    const onlyMisspelt = adapter.parseWebhook(
      webhookBody({ LOCATION_CURRENTLY: undefined, LOCALION_CURRENTLY: 'BC Hồ Xá' }),
    );
    expect(onlyMisspelt.location).toBe('BC Hồ Xá');
  });

  it('non-padded H:m:s is the same instant and the same dedupe key', () => {
    const padded = adapter.parseWebhook(webhookBody({ ORDER_STATUSDATE: '05/03/2026 09:07:00' }));
    const bare = adapter.parseWebhook(webhookBody({ ORDER_STATUSDATE: '5/3/2026 9:7:0' }));
    expect(bare.occurredAt).toBe('2026-03-05T02:07:00.000Z');
    expect(bare.dedupeKey).toBe(padded.dedupeKey);
    const other = adapter.parseWebhook(webhookBody({ ORDER_STATUSDATE: '5/3/2026 9:7:1' }));
    expect(other.dedupeKey).not.toBe(padded.dedupeKey);
  });

  it('rejects a delivery without the fields it cannot do without', () => {
    // Not a JSON object: the caller's rawBody (a ValidationError naming it, #18).
    expect(() => adapter.parseWebhook('not json')).toThrow(ValidationError);
    expect(() => adapter.parseWebhook(webhookBody({ ORDER_NUMBER: undefined }))).toThrow(/ORDER_NUMBER/);
    expect(() => adapter.parseWebhook(webhookBody({ ORDER_STATUSDATE: '2025-11-10 11:07' }))).toThrow(
      /ORDER_STATUSDATE/,
    );
    expect(() => adapter.parseWebhook(webhookBody({ ORDER_STATUSDATE: '31/02/2026 10:00:00' }))).toThrow();
  });

  it('verifies under the default rule (either): one matching credential is enough, none is not', () => {
    const good = webhookBody({});
    expect(adapter.verifyWebhook(good, { authorization: SECRET })).toBe(true);
    expect(adapter.verifyWebhook(good, {})).toBe(true);
    expect(adapter.verifyWebhook(webhookBody({}, ''), { Authorization: SECRET })).toBe(true);
    // TOKEN holding something else (the doc's sample looks like a phone number) does not reject it.
    expect(adapter.verifyWebhook(webhookBody({}, '0967363789'), { authorization: SECRET })).toBe(true);
    expect(adapter.verifyWebhook(webhookBody({}, 'x'), { authorization: 'wrong' })).toBe(false);
    expect(adapter.verifyWebhook(webhookBody({}, `${SECRET}-longer`), {})).toBe(false);
    expect(adapter.verifyWebhook(webhookBody({}, ''), {})).toBe(false);
    const noSecret = viettelpost({ environment: 'development', credentials: { token: 't' } });
    expect(noSecret.verifyWebhook(good, { authorization: SECRET })).toBe(false);
  });
});

describe('Vietnam time and delivery text', () => {
  it('formats and parses dd/MM/yyyy HH:mm:ss at UTC+7', () => {
    expect(formatVietnamDateTime(new Date('2026-11-27T20:30:05Z'))).toBe('28/11/2026 03:30:05');
    expect(parseVietnamDateTime('28/11/2026 03:30:05')).toBe('2026-11-27T20:30:05.000Z');
    expect(parseVietnamDateTime('13/13/2026 00:00:00')).toBeUndefined();
  });

  it.each([
    ['48 giờ', 48],
    ['120 giờ', 120],
    ['2 ngày', 48],
    ['1,5 ngày', 36],
    ['24h', 24],
    ['Dịch vụ chưa quy định chỉ tiêu', undefined],
  ])('"%s" → %s hours', (text, hours) => {
    expect(parseDeliveryHours(text)).toBe(hours);
  });
});
