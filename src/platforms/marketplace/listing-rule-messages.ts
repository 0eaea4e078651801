import type { BilingualText } from '../../model/messages.js';
import type { ValidationIssue } from '../../model/validation.js';

/** The bilingual messages of the listing rules, and the ValidationIssue each broken rule becomes. */

const fmt = (n: number) => n.toLocaleString('vi-VN');

/** Rule name → bilingual message builder. The rule name travels in `ValidationIssue.rule`. */
const RULES = {
  'title.min_chars': (p: { n: number; min: number; platform: string }): BilingualText => ({
    vi: `Tên sản phẩm có ${p.n} ký tự; ${p.platform} yêu cầu ít nhất ${p.min} ký tự`,
    en: `Title has ${p.n} characters; ${p.platform} requires at least ${p.min}`,
  }),
  'title.max_chars': (p: { n: number; max: number; platform: string }): BilingualText => ({
    vi: `Tên sản phẩm có ${p.n} ký tự; ${p.platform} cho phép tối đa ${p.max} ký tự`,
    en: `Title has ${p.n} characters; ${p.platform} allows at most ${p.max}`,
  }),
  'description.min_chars': (p: { n: number; min: number; platform: string }): BilingualText => ({
    vi: `Mô tả có ${p.n} ký tự; ${p.platform} yêu cầu ít nhất ${p.min} ký tự`,
    en: `Description has ${p.n} characters; ${p.platform} requires at least ${p.min}`,
  }),
  'description.max_chars': (p: { n: number; max: number; platform: string }): BilingualText => ({
    vi: `Mô tả có ${p.n} ký tự; ${p.platform} cho phép tối đa ${p.max} ký tự`,
    en: `Description has ${p.n} characters; ${p.platform} allows at most ${p.max}`,
  }),
  'images.min_count': (p: { n: number; min: number; platform: string }): BilingualText => ({
    vi: `Sản phẩm có ${p.n} ảnh; ${p.platform} yêu cầu ít nhất ${p.min} ảnh`,
    en: `Product has ${p.n} images; ${p.platform} requires at least ${p.min}`,
  }),
  'images.max_count': (p: { n: number; max: number; platform: string }): BilingualText => ({
    vi: `Sản phẩm có ${p.n} ảnh; ${p.platform} cho phép tối đa ${p.max} ảnh`,
    en: `Product has ${p.n} images; ${p.platform} allows at most ${p.max}`,
  }),
  'variants.max_tiers': (p: { n: number; max: number; platform: string }): BilingualText => ({
    vi: `Phân loại dùng ${p.n} thuộc tính; ${p.platform} cho phép tối đa ${p.max}`,
    en: `Variants use ${p.n} option tiers; ${p.platform} allows at most ${p.max}`,
  }),
  'variants.max_count': (p: { n: number; max: number; platform: string }): BilingualText => ({
    vi: `Sản phẩm có ${p.n} phân loại; ${p.platform} cho phép tối đa ${p.max}`,
    en: `Product has ${p.n} variants; ${p.platform} allows at most ${p.max}`,
  }),
  'variants.tier_name_chars': (p: { name: string; max: number; platform: string }): BilingualText => ({
    vi: `Tên thuộc tính phân loại "${p.name}" dài quá ${p.max} ký tự (${p.platform})`,
    en: `Variant option name "${p.name}" is longer than ${p.max} characters (${p.platform})`,
  }),
  'variants.tier_option_chars': (p: { name: string; max: number; platform: string }): BilingualText => ({
    vi: `Giá trị phân loại "${p.name}" dài quá ${p.max} ký tự (${p.platform})`,
    en: `Variant option value "${p.name}" is longer than ${p.max} characters (${p.platform})`,
  }),
  'sku.pattern': (p: { sku: string; platform: string }): BilingualText => ({
    vi: `Mã SKU "${p.sku}" không đúng định dạng ${p.platform} chấp nhận`,
    en: `SKU "${p.sku}" does not match the format ${p.platform} accepts`,
  }),
  'price.range': (p: { min: number; max: number; platform: string }): BilingualText => ({
    vi: `Giá phải từ ${fmt(p.min)} ₫ đến ${fmt(p.max)} ₫ trên ${p.platform}`,
    en: `Price must be between ${p.min} and ${p.max} VND on ${p.platform}`,
  }),
  'stock.max': (p: { max: number; platform: string }): BilingualText => ({
    vi: `Tồn kho tối đa trên ${p.platform} là ${fmt(p.max)}`,
    en: `Stock on ${p.platform} can be at most ${p.max}`,
  }),
  'weight.max': (p: { max: number; platform: string }): BilingualText => ({
    vi: `Khối lượng tối đa trên ${p.platform} là ${fmt(p.max)} g`,
    en: `Weight on ${p.platform} can be at most ${p.max} g`,
  }),
  'dimensions.max': (p: { max: number; platform: string }): BilingualText => ({
    vi: `Mỗi chiều kích thước tối đa ${p.max} cm trên ${p.platform}`,
    en: `Each dimension can be at most ${p.max} cm on ${p.platform}`,
  }),
  'content.prohibited_claim': (p: { phrase: string; platform: string }): BilingualText => ({
    vi: `Nội dung chứa cụm từ bị cấm "${p.phrase}" (quảng cáo công dụng chữa bệnh); ${p.platform} sẽ từ chối tin đăng`,
    en: `Text contains the prohibited phrase "${p.phrase}" (medical claim); ${p.platform} would reject the listing`,
  }),
  'attributes.required': (p: { code: string; platform: string }): BilingualText => ({
    vi: `Thiếu thuộc tính bắt buộc "${p.code}" của ${p.platform}`,
    en: `Missing attribute "${p.code}" required by ${p.platform}`,
  }),
  'attributes.not_allowed': (p: {
    code: string;
    value: string;
    allowed: string;
    platform: string;
  }): BilingualText => ({
    vi: `Giá trị "${p.value}" của thuộc tính "${p.code}" không hợp lệ trên ${p.platform} (cho phép: ${p.allowed})`,
    en: `Value "${p.value}" of attribute "${p.code}" is not accepted by ${p.platform} (allowed: ${p.allowed})`,
  }),
  'category.unmapped': (p: { platform: string }): BilingualText => ({
    vi: `Chưa ánh xạ danh mục của sản phẩm sang danh mục ${p.platform}`,
    en: `The product's category is not mapped to a ${p.platform} category`,
  }),
  'category.not_leaf': (p: { id: string; platform: string }): BilingualText => ({
    vi: `Danh mục ${p.id} của ${p.platform} không phải danh mục cuối (không đăng sản phẩm được)`,
    en: `${p.platform} category ${p.id} is not a leaf category (products cannot be listed there)`,
  }),
  'category.unknown': (p: { id: string; platform: string }): BilingualText => ({
    vi: `Không có danh mục ${p.id} trên ${p.platform}`,
    en: `${p.platform} has no category ${p.id}`,
  }),
} as const;

export type ListingRuleName = keyof typeof RULES;

export function listingIssue<R extends ListingRuleName>(
  rule: R,
  params: Parameters<(typeof RULES)[R]>[0],
  extra: { path: string; value?: unknown; sku?: string; platform: string },
): ValidationIssue {
  const text = (RULES[rule] as (p: Parameters<(typeof RULES)[R]>[0]) => BilingualText)(params);
  return {
    path: extra.path,
    ...(extra.value !== undefined ? { value: extra.value } : {}),
    code: `listing.${rule}`,
    messageVi: text.vi,
    messageEn: text.en,
    ...(extra.sku ? { sku: extra.sku } : {}),
    platform: extra.platform,
    rule,
  };
}
