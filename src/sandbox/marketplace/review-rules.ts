/** Content rules applied by the (asynchronous) listing review, per docs/contracts §6 "Review". */
import type { CategoryNode } from './catalog.js';

export interface RejectReason {
  code: string;
  message: string;
}

/** Medical claims are what gets OCOP herbal and honey listings rejected in practice. */
const PROHIBITED_CLAIMS = ['chữa bệnh', 'chữa khỏi', 'trị bệnh', 'thần dược', 'ung thư'];

export function reviewListing(
  listing: { title: string; description: string; attributes: Record<string, string | number> },
  category: CategoryNode | undefined,
): RejectReason[] {
  const reasons: RejectReason[] = [];
  for (const spec of category?.attributes ?? []) {
    if (spec.required && listing.attributes[spec.code] === undefined) {
      reasons.push({
        code: 'MISSING_REQUIRED_ATTRIBUTE',
        message: `Thiếu thuộc tính bắt buộc: ${spec.name} (${spec.code})`,
      });
    }
  }
  const content = `${listing.title}\n${listing.description}`.normalize('NFC').toLocaleLowerCase('vi');
  const claims = PROHIBITED_CLAIMS.filter((claim) => content.includes(claim));
  if (claims.length > 0) {
    reasons.push({
      code: 'PROHIBITED_CLAIM',
      message: `Nội dung có công dụng chữa bệnh không được phép: ${claims.join(', ')}`,
    });
  }
  return reasons;
}
