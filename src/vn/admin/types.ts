import type { AddressEra } from '../../model/address.js';

export type ProvinceType = 'tỉnh' | 'thành phố';
export type DistrictType = 'quận' | 'huyện' | 'thị xã' | 'thành phố';
export type WardType = 'phường' | 'xã' | 'thị trấn' | 'đặc khu';

/** A province-level unit. `name` carries no type prefix ("Quảng Trị"); `fullName` does ("Tỉnh Quảng Trị"). */
export interface Province {
  /** GSO code, 2 digits with leading zero ("45"). Legacy and 2025 codes overlap: always keep the era. */
  code: string;
  name: string;
  type: ProvinceType;
  fullName: string;
  era: AddressEra;
}

/** A legacy district-level unit (the level abolished on 1 July 2025). */
export interface District {
  /** GSO code, 3 digits ("464"). */
  code: string;
  name: string;
  type: DistrictType;
  fullName: string;
  provinceCode: string;
}

/** A commune-level unit (phường / xã / thị trấn; đặc khu from 2025). */
export interface Ward {
  /** GSO code, 5 digits ("19363"). */
  code: string;
  name: string;
  type: WardType;
  fullName: string;
  era: AddressEra;
  provinceCode: string;
  /** Legacy only: the district the ward belonged to. */
  districtCode?: string;
}

/** One link from a legacy ward to the 2025 ward that took over (all or part of) its territory. */
export interface WardMapping {
  legacyWardCode: string;
  ward: Ward;
  /** Only part of the legacy ward went to this 2025 ward; the rest went elsewhere. */
  partial: boolean;
  /** The link was confirmed by the published "before merger" text (a confidence signal). */
  textMatch: boolean;
}

/** A near match returned when a name was not found. Lower `distance` is closer (0 = same folded name). */
export interface AdminCandidate<T> {
  unit: T;
  /** Edit distance between the folded query and the folded unit name. */
  distance: number;
}

export interface ProvinceQueryOptions {
  /** @default '2025' */
  era?: AddressEra;
  /**
   * With `era: '2025'`, also accept the name of a legacy province and return the 2025 province it
   * was merged into ("Quảng Bình" → Quảng Trị).
   * @default false
   */
  followMerges?: boolean;
}

export interface WardQueryOptions {
  /** @default '2025' */
  era?: AddressEra;
  /** Legacy only: restrict to one district. @default every district of the province */
  districtCode?: string;
}

export interface SuggestOptions {
  /** @default 5 */
  limit?: number;
}
