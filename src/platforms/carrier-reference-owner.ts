/**
 * One reference, one owner: the store keeps one record per reference, so a create through one carrier
 * (or one account) for a reference whose record belongs to another carrier or account would overwrite
 * that record — the other parcel would no longer be tracked, and the record would mix one carrier's
 * account with another's waybill. Both carriers check this before anything is sent.
 */
import { ConflictError } from '../core/errors.js';
import type { CarrierShipmentRecord } from './carrier-state.js';

/**
 * Refuses (ConflictError, nothing sent, the record unchanged) a create for `reference` when its store
 * record belongs to another carrier or another account of this carrier and holds a parcel — a waybill,
 * a create that may have reached the carrier (`pendingSince`), or a spent reference. A record without
 * carrier or account (older records) counts as this adapter's; a record that only names the carrier
 * fulfil chose (no parcel yet) is left to the caller.
 */
export function assertReferenceOwner(
  record: CarrierShipmentRecord | undefined,
  reference: string,
  owner: { platform: string; account: string },
): void {
  if (record === undefined) return;
  const holdsParcel =
    record.waybill !== undefined || record.pendingSince !== undefined || record.spent === true;
  if (!holdsParcel) return;
  const otherCarrier = record.carrier !== undefined && record.carrier !== owner.platform;
  const otherAccount = !otherCarrier && record.account !== undefined && record.account !== owner.account;
  if (!otherCarrier && !otherAccount) return;
  const carrier = record.carrier ?? owner.platform;
  const parcel = record.waybill
    ? { vi: `một vận đơn ${carrier} (${record.waybill})`, en: `a ${carrier} waybill (${record.waybill})` }
    : {
        vi: `một lệnh tạo đơn ${carrier} chưa có mã vận đơn`,
        en: `a ${carrier} create whose waybill is not known yet`,
      };
  const whose = otherAccount
    ? { vi: ' của một tài khoản khác', en: ' of another account' }
    : { vi: '', en: '' };
  throw new ConflictError(
    {
      vi: `Mã tham chiếu vận đơn "${reference}" đã thuộc về ${parcel.vi}${whose.vi}; lệnh này không gửi gì và bản ghi trong kho không đổi. Dùng mã tham chiếu khác cho vận đơn mới.`,
      en: `Shipment reference "${reference}" already belongs to ${parcel.en}${whose.en}; nothing was sent and the store record is unchanged. Use another reference for a new shipment.`,
    },
    { platform: owner.platform, operation: 'createOrder' },
  );
}
