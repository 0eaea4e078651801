/**
 * Reading Shopee item and model fields from a request: attributes against the category, stock and price
 * in Shopee's bounds, tier variations and a model's place in them. Each refusal is an `error_param`.
 */
import type { CategoryNode } from '../marketplace/catalog.js';
import { type Json, numberOf, param } from './shopee-fault.js';

export function checkAttributes(category: CategoryNode, list: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const entry of Array.isArray(list) ? list : []) {
    const id = String((entry as Json).attribute_id ?? '');
    const spec = category.attributes.find((a) => a.code === id);
    if (!spec) throw param(`attribute_id ${id} does not belong to category ${category.id}`);
    const values = (entry as Json).attribute_value_list;
    const value = Array.isArray(values) ? (values[0] as Json | undefined)?.original_value_name : undefined;
    if (typeof value !== 'string' && typeof value !== 'number') throw param(`attribute ${id} has no value`);
    if (spec.options && !spec.options.includes(String(value))) {
      throw param(`attribute ${id}: ${String(value)} is not one of ${spec.options.join(', ')}`);
    }
    out[id] = value;
  }
  for (const spec of category.attributes) {
    if (spec.required && out[spec.code] === undefined)
      throw param(`mandatory attribute ${spec.code} is missing`);
  }
  return out;
}

export function stockOf(value: unknown): number {
  const stock = numberOf(Array.isArray(value) ? (value[0] as Json | undefined)?.stock : undefined);
  if (stock === undefined || !Number.isInteger(stock) || stock < 0 || stock > 999_999) {
    throw param('seller_stock[0].stock must be a whole number 0-999999');
  }
  return stock;
}
export function priceOf(value: unknown): number {
  const price = numberOf(value);
  if (price === undefined || !Number.isInteger(price) || price < 1000 || price > 120_000_000) {
    throw param('original_price must be whole VND 1000-120000000');
  }
  return price;
}

/** `tier_variation` of a request: 1-2 tiers, names and options 1-20 characters, options unique. */
export function tiersOf(value: unknown) {
  const tiers = (Array.isArray(value) ? (value as Json[]) : []).map((t) => ({
    name: String(t.name ?? ''),
    options: (Array.isArray(t.option_list) ? (t.option_list as Json[]) : []).map((o) =>
      String(o.option ?? ''),
    ),
  }));
  if (tiers.length < 1 || tiers.length > 2) throw param('tier_variation needs 1 or 2 tiers');
  for (const t of tiers) {
    if (
      t.name === '' ||
      t.name.length > 20 ||
      t.options.length === 0 ||
      t.options.some((o) => o === '' || o.length > 20)
    ) {
      throw param('tier names and options must be 1-20 characters');
    }
    if (new Set(t.options).size !== t.options.length) throw param(`tier ${t.name} repeats an option`);
  }
  return tiers;
}

export function tierIndexOf(value: unknown, tiers: { options: string[] }[]): number[] {
  const tierIndex = Array.isArray(value) ? value.map(Number) : [];
  if (
    tierIndex.length !== tiers.length ||
    tierIndex.some((i, t) => !(Number.isInteger(i) && i >= 0 && i < tiers[t]!.options.length))
  ) {
    throw param('model tier_index does not fit tier_variation');
  }
  return tierIndex;
}
