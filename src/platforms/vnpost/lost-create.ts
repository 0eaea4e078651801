import { OutcomeUnknownError, ServerError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { BilingualText } from '../../model/messages.js';
import { nowIso, type VnpostContext } from './context.js';
import { VNPOST } from './errors.js';
import type { VnpostOrderLookups } from './order-lookups.js';
import type { WireRecord } from './wire.js';

/** How the CreateOrder answer was lost, in both languages. */
const lossText = (loss: OutcomeUnknownError | ServerError): BilingualText =>
  loss instanceof ServerError
    ? {
        vi: `một lỗi máy chủ (HTTP ${loss.httpStatus ?? '5xx'})`,
        en: `a server error (HTTP ${loss.httpStatus ?? '5xx'})`,
      }
    : { vi: 'bị mất', en: 'lost' };

/**
 * A create whose answer was lost: when it may be called never created (the settle horizon,
 * `lostCreateSettleMs`), and the look-ups by reference that stand in for re-sending it.
 */
export function createLostCreates(
  ctx: VnpostContext,
  lookups: Pick<VnpostOrderLookups, 'findRecordByReference'>,
) {
  const { logger, options, state } = ctx;

  /** When a lost create sent at `pendingSince` may be called never created (undefined: unreadable time). */
  function settleTime(pendingSince: string): number | undefined {
    const sentAt = Date.parse(pendingSince);
    if (Number.isNaN(sentAt)) {
      logger.warn(
        { event: 'createShipment.pendingSinceUnreadable', pendingSince },
        'the stored time of a lost create cannot be read; treating it as settled',
      );
      return undefined;
    }
    return sentAt + options.lostCreateSettleMs;
  }

  /** A lost create inside its settle horizon: nothing is sent; the error says when a retry may create. */
  function unsettled(
    reference: string,
    pendingSince: string,
    settledAt: number,
    what: BilingualText,
    cause?: unknown,
  ) {
    const retryAt = new Date(settledAt).toISOString();
    const minutes = Math.round(options.lostCreateSettleMs / 60_000);
    const messageEn = `VNPost: the create for reference ${reference} sent at ${pendingSince} has no answer and VNPost lists no order under it (${what.en}); its list may lag, so nothing was sent now. Retry after ${retryAt} (lostCreateSettleMs ≈ ${minutes} min): until then a retry only looks it up; after it, with still no order under ${reference}, it creates.`;
    const messageVi = `VNPost: đơn tạo cho mã ${reference} gửi lúc ${pendingSince} chưa có phản hồi và VNPost chưa liệt kê đơn nào mang mã này (${what.vi}); danh sách của VNPost có thể chậm, nên không gửi lại lúc này. Thử lại sau ${retryAt} (lostCreateSettleMs ≈ ${minutes} phút): trước đó mỗi lần thử chỉ tra cứu; sau đó, nếu vẫn không có đơn mang mã ${reference}, sẽ tạo đơn.`;
    // Each language alone too (`messageVi` / `messageEn`): the CLI prints the run's one (#16 re-trial 6).
    return new OutcomeUnknownError(
      { vi: messageVi, en: messageEn },
      {
        platform: VNPOST,
        operation: 'createOrder',
        // Safe to retry (a retry only looks the reference up until settledAt, then creates): the
        // message's "retry after" and `retriable` agree (#16).
        retriable: true,
        retryAfterMs: Math.max(0, settledAt - options.now()),
        ...(cause !== undefined ? { cause } : {}),
      },
    );
  }

  /**
   * The CreateOrder answer was lost (or a 5xx): look for the order by reference (VNPost's list may lag, so again
   * at the configured delays). Found → it is adopted. Not found, or the lookup fails → OutcomeUnknownError;
   * the store keeps `pendingSince`, so the next run looks again before it creates anything.
   */
  async function lookupAfterLoss(
    reference: string,
    loss: OutcomeUnknownError | ServerError,
    call: CallOptions,
  ): Promise<WireRecord> {
    const started = Date.now();
    for (const delayMs of options.lostCreateLookupDelaysMs) {
      const wait = delayMs - (Date.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      let found: WireRecord | undefined;
      try {
        found = await lookups.findRecordByReference(reference, call);
      } catch (error) {
        const lost = lossText(loss);
        throw new OutcomeUnknownError(
          {
            vi: `VNPost: phản hồi CreateOrder cho mã ${reference} là ${lost.vi} và tra cứu lại theo mã thất bại; không gửi lại gì (lần chạy sau sẽ tra cứu trước)`,
            en: `VNPost: the CreateOrder answer for reference ${reference} was ${lost.en} and looking it up failed; nothing was sent again (the next run looks it up first)`,
          },
          { platform: VNPOST, operation: 'createOrder', cause: error },
        );
      }
      if (found) {
        logger.warn(
          { event: 'createShipment.recovered', reference },
          'lost CreateOrder answer: order found by reference',
        );
        return found;
      }
    }
    const pendingSince = (await state.get(reference))?.pendingSince ?? nowIso(ctx);
    const settledAt = settleTime(pendingSince) ?? options.now() + options.lostCreateSettleMs;
    throw unsettled(
      reference,
      pendingSince,
      settledAt,
      {
        vi: `phản hồi CreateOrder ${lossText(loss).vi}; ${options.lostCreateLookupDelaysMs.length} lần tra cứu không thấy đơn`,
        en: `the CreateOrder answer was ${lossText(loss).en}; ${options.lostCreateLookupDelaysMs.length} lookups found nothing`,
      },
      loss,
    );
  }

  /** True when the lost create of `reference` is past `lostCreateSettleMs` (or none is pending). */
  async function pendingCreateSettled(reference: string): Promise<boolean> {
    const record = await state.get(reference);
    if (!record?.pendingSince || record.waybill) return true;
    const settledAt = settleTime(record.pendingSince);
    return settledAt === undefined || options.now() >= settledAt;
  }

  return { settleTime, unsettled, lookupAfterLoss, pendingCreateSettled };
}
