import type { WireRecord } from './wire.js';
import { readInt, readString } from './wire.js';

/** A sender warehouse ("inventory"). VTP answers these in camelCase, unlike the rest of its API. */
export interface ViettelPostWarehouse {
  /** `groupaddressId`: the value for createOrder `GROUPADDRESS_ID`. */
  groupAddressId: number;
  /** `cusId`: the value for createOrder `CUS_ID`. */
  customerId: number;
  name: string;
  phone: string;
  address: string;
  provinceId?: number;
  districtId?: number;
  wardId?: number;
  postId?: string;
}

export function warehouseFromRow(row: WireRecord): ViettelPostWarehouse | undefined {
  const groupAddressId = readInt(row.groupaddressId);
  if (groupAddressId === undefined) return undefined;
  const optionalInt = (key: 'provinceId' | 'districtId' | 'wardId', value: unknown) => {
    const parsed = readInt(value);
    return parsed !== undefined ? { [key]: parsed } : {};
  };
  const postId = readString(row.postId);
  return {
    groupAddressId,
    customerId: readInt(row.cusId) ?? 0,
    name: readString(row.name) ?? '',
    phone: readString(row.phone) ?? '',
    address: readString(row.address) ?? '',
    ...optionalInt('provinceId', row.provinceId),
    ...optionalInt('districtId', row.districtId),
    ...optionalInt('wardId', row.wardsId),
    ...(postId ? { postId } : {}),
  };
}
