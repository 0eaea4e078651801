import { ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { MarketplaceHookContext } from '../marketplace/hooks.js';
import { list, type Raw, record } from './shopee-raw.js';

/** Variations of an existing Shopee item brought up to a draft, or refused before anything is sent. */

export function refuseVariants(itemId: string, vi: string, en: string, sku?: string): never {
  throw new ValidationError(
    {
      vi: `shopee: ${vi} (sản phẩm ${itemId}); chưa gửi gì về các biến thể`,
      en: `shopee: ${en} (item ${itemId}); nothing about the variants was sent`,
    },
    [
      {
        path: 'variants',
        code: 'listing.variants_unsupported_change',
        messageVi: vi,
        messageEn: en,
        platform: 'shopee',
        ...(sku ? { sku } : {}),
      },
    ],
  );
}

/** Shopee's `tier_variation`: each tier's name and its options, as `{ option }` objects. */
export function tierVariation(tiers: readonly { name: string; options: readonly string[] }[]) {
  return tiers.map((t) => ({ name: t.name, option_list: t.options.map((option) => ({ option })) }));
}

/**
 * Brings an existing item's variations up to the draft: an item sold without variants gets them with
 * init_tier_variation; new options of the same tiers are appended with update_tier_variation (every
 * existing model keeps its place, listed in model_list); new models are created with add_model. Shopee
 * cannot change the tier structure of an item, and removing a model is left to the seller: both are
 * refused with a clear error rather than silently skipped.
 */
export async function planVariations(
  ctx: MarketplaceHookContext,
  itemId: string,
  draftTiers: readonly Raw[],
  draftModels: readonly Raw[],
  options?: CallOptions,
): Promise<() => Promise<void>> {
  const read = async () => record(await ctx.call('getModelList', { vars: { listingId: itemId } }, options));
  const current = await read();
  const tiers = list(ctx, current, 'tier_variation', 'getModelList').map((t) => ({
    name: String(t.name),
    options: (Array.isArray(t.option_list) ? t.option_list : []).map((o) => String(record(o).option)),
  }));
  const models = list(ctx, current, 'model', 'getModelList');
  const wanted = draftTiers.map((t) => ({
    name: String(t.name),
    options: (t.option_list as unknown[]).map(String),
  }));
  const sameSku = (a: unknown, b: unknown) => typeof a === 'string' && a !== '' && a === b;
  const nothing = async () => {};
  if (tiers.length === 0) {
    if (wanted.length === 0) return nothing;
    return async () => {
      await ctx.call(
        'initTierVariation',
        {
          body: {
            item_id: Number(itemId),
            tier_variation: tierVariation(wanted),
            model: draftModels,
          },
          idempotent: false,
          recover: async () =>
            list(ctx, await read(), 'model', 'getModelList').length > 0 ? { item_id: itemId } : undefined,
        },
        options,
      );
    };
  }
  const names = (ts: readonly { name: string }[]) => ts.map((t) => t.name).join(' × ') || '(none)';
  if (wanted.length !== tiers.length || wanted.some((t, i) => t.name !== tiers[i]!.name)) {
    refuseVariants(
      itemId,
      `Shopee không cho đổi cấu trúc phân loại của sản phẩm đã đăng (${names(tiers)} → ${names(wanted)}); hãy tạo sản phẩm mới`,
      `Shopee cannot change the variation tiers of a listed item (${names(tiers)} → ${names(wanted)}); create a new listing`,
    );
  }
  const gone = models.filter((m) => !draftModels.some((d) => sameSku(d.model_sku, m.model_sku)));
  if (gone.length > 0) {
    const skus = gone.map((m) => String(m.model_sku || m.model_id)).join(', ');
    refuseVariants(
      itemId,
      `Phân loại ${skus} có trên Shopee nhưng không còn trong sản phẩm; xóa phân loại không được hỗ trợ (xóa trên Kênh Người Bán hoặc đặt tồn kho 0)`,
      `variant ${skus} is on Shopee but no longer in the product; removing variants is not supported (delete it in Seller Centre or set its stock to 0)`,
      String(gone[0]!.model_sku ?? ''),
    );
  }
  // Existing models keep their tier_index. An option the product now names differently is renamed in
  // place (all models on it must agree); options of new models are appended.
  const merged = tiers.map((t) => ({ name: t.name, options: [...t.options] }));
  const optionOf = (d: Raw, t: number) => wanted[t]!.options[(d.tier_index as number[])[t]!]!;
  const renamed = new Map<string, string>();
  for (const m of models) {
    const d = draftModels.find((x) => sameSku(x.model_sku, m.model_sku))!;
    (m.tier_index as number[]).forEach((index, t) => {
      const want = optionOf(d, t);
      const key = `${t}:${index}`;
      const before = renamed.get(key);
      if (before !== undefined && before !== want) {
        refuseVariants(
          itemId,
          `Các phân loại cùng lựa chọn "${tiers[t]!.options[index]}" (${tiers[t]!.name}) nay mang tên khác nhau (${before}, ${want})`,
          `models sharing option "${tiers[t]!.options[index]}" of ${tiers[t]!.name} now name it differently (${before}, ${want})`,
          String(m.model_sku),
        );
      }
      renamed.set(key, want);
      merged[t]!.options[index] = want;
    });
  }
  const fresh = draftModels.filter((d) => !models.some((m) => sameSku(m.model_sku, d.model_sku)));
  for (const d of fresh) {
    wanted.forEach((_, t) => {
      const option = optionOf(d, t);
      if (!merged[t]!.options.includes(option)) merged[t]!.options.push(option);
    });
  }
  merged.forEach((t, i) => {
    const repeated = t.options.find((o, j) => t.options.indexOf(o) !== j);
    if (repeated !== undefined) {
      refuseVariants(
        itemId,
        `Lựa chọn "${repeated}" của ${t.name} sẽ xuất hiện hai lần (đổi tên trùng với lựa chọn khác)`,
        `option "${repeated}" of ${tiers[i]!.name} would appear twice (renamed onto another option)`,
      );
    }
  });
  const grown = JSON.stringify(merged) !== JSON.stringify(tiers);
  if (!grown && fresh.length === 0) return nothing;
  return async () => {
    if (grown) {
      // Absolute: the same option lists and model places again change nothing.
      await ctx.call(
        'updateTierVariation',
        {
          body: {
            item_id: Number(itemId),
            tier_variation: tierVariation(merged),
            model_list: models.map((m) => ({ model_id: m.model_id, tier_index: m.tier_index })),
          },
          idempotent: true,
        },
        options,
      );
    }
    if (fresh.length === 0) return;
    const modelList = fresh.map((d) => {
      // The draft indexes its own option order; Shopee's is the merged one.
      const index = wanted.map((_, t) => merged[t]!.options.indexOf(optionOf(d, t)));
      return { ...d, tier_index: index };
    });
    // add_model twice would create the models twice (or be refused): after a lost answer, look first.
    await ctx.call(
      'addModel',
      {
        body: { item_id: Number(itemId), model_list: modelList },
        idempotent: false,
        recover: async () => {
          const now = list(ctx, await read(), 'model', 'getModelList');
          return fresh.every((d) => now.some((m) => sameSku(m.model_sku, d.model_sku)))
            ? { item_id: itemId }
            : undefined;
        },
      },
      options,
    );
  };
}
