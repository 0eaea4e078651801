import { pathProblem } from '../../model/option-problem.js';
import { getPath } from '../marketplace/object-path.js';
import { parseProfile } from '../marketplace/profile.js';
import type { MarketplaceProfile } from '../marketplace/profile-schema.js';
import { SHOPEE_PROFILE } from './profile.js';

/** Shopee's `cancel_order` reasons ('' = refused before sending, see the profile). */
const SHOPEE_CANCEL_REASONS = [
  'OUT_OF_STOCK',
  'CUSTOMER_REQUEST',
  'UNDELIVERABLE_AREA',
  'COD_NOT_SUPPORTED',
  '',
];

/**
 * Profile parts the hooks read or build under Shopee's own names (bodies of update_stock, ship_order,
 * cancel_order; the item / model fields they split and re-assemble): an override would be ignored.
 */
const HOOK_BUILT = [
  'fields.bulk',
  'fields.ship',
  'fields.cancel',
  'fields.tier',
  'fields.variant',
  'fields.listing.id',
  'fields.listing.sku',
  'fields.listing.tiers',
  'fields.listing.variants',
] as const;

let baseProfile: MarketplaceProfile | undefined;

/**
 * What these hooks cannot honour in an overridden profile. Paging paths, parameters and page sizes ARE
 * honoured (read from the profile on every call); a different paging style, or a change to the bodies
 * the hooks build, would be silently ignored, so it is refused at construction.
 */
export function shopeeProfileProblems(profile: MarketplaceProfile): string[] {
  const problems: string[] = [];
  const { orders, listings } = profile.pagination;
  if (orders.style !== 'cursor') {
    problems.push(
      pathProblem(
        'pagination.orders.style',
        `các hook của Shopee đọc get_order_list theo con trỏ (cursor); không hỗ trợ "${orders.style}" (được đổi đường dẫn và tham số của nó)`,
        `the Shopee hooks page get_order_list by cursor; "${orders.style}" is not supported (its paths and parameters may be changed)`,
      ),
    );
  } else if (!orders.repeatFilters) {
    problems.push(
      pathProblem(
        'pagination.orders.repeatFilters',
        'get_order_list cần time_from/time_to ở mọi trang; không hỗ trợ false',
        'get_order_list needs time_from/time_to on every page; false is not supported',
      ),
    );
  }
  if (listings.style !== 'offset') {
    problems.push(
      pathProblem(
        'pagination.listings.style',
        `các hook của Shopee đọc get_item_list theo vị trí (offset); không hỗ trợ "${listings.style}" (được đổi đường dẫn và tham số của nó)`,
        `the Shopee hooks page get_item_list by offset; "${listings.style}" is not supported (its paths and parameters may be changed)`,
      ),
    );
  }
  for (const [key, code] of Object.entries(profile.codes.cancelReasons)) {
    if (!SHOPEE_CANCEL_REASONS.includes(code)) {
      problems.push(
        pathProblem(
          `codes.cancelReasons.${key}`,
          `"${code}" không phải lý do huỷ của Shopee (OUT_OF_STOCK, CUSTOMER_REQUEST, UNDELIVERABLE_AREA, COD_NOT_SUPPORTED, hoặc '' để từ chối)`,
          `"${code}" is not a Shopee cancel reason (OUT_OF_STOCK, CUSTOMER_REQUEST, UNDELIVERABLE_AREA, COD_NOT_SUPPORTED, or '' to refuse)`,
        ),
      );
    }
  }
  baseProfile ??= parseProfile(SHOPEE_PROFILE);
  for (const at of HOOK_BUILT) {
    const now = JSON.stringify(getPath(profile, at));
    if (now !== JSON.stringify(getPath(baseProfile, at))) {
      problems.push(
        pathProblem(
          at,
          'các hook của Shopee dùng tên riêng của Shopee ở đây; bản ghi đè sẽ bị bỏ qua',
          "the Shopee hooks use Shopee's own names here; an override would be ignored",
        ),
      );
    }
  }
  return problems;
}
