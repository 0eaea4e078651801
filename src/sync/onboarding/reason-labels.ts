import type { MatchReason } from './types.js';

/** Vietnamese labels of the match reasons, as the review sheet's "Lý do" column writes them. */
export const REASON_VI: Record<MatchReason['code'], string> = {
  sku: 'SKU trùng',
  'sku-conflict': 'SKU khác quy cách',
  name: 'tên giống',
  unit: 'quy cách khớp',
  ocop: 'OCOP khớp',
  'ocop-conflict': 'OCOP khác',
  'colour-conflict': 'khác màu',
  'word-conflict': 'khác tên (sản phẩm khác?)',
  'place-conflict': 'khác nơi (sản phẩm khác?)',
  'pack-conflict': 'khác quy cách',
  'multi-pack': 'bán theo combo/nhiều gói',
  'variant-tie': 'không rõ phân loại',
  'sku-title-conflict': 'SKU và tên là hai sản phẩm khác nhau',
  'several-products': 'tin đăng ghi nhiều sản phẩm',
  'pack-listing': 'mỗi quy cách một tin',
  duplicate: 'trùng lặp',
  linked: 'đã liên kết',
  'below-threshold': 'dưới ngưỡng, cần xem',
  'no-match': 'không khớp',
};
