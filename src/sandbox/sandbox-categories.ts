/**
 * Where the sample catalog's categories ("Danh mục") land in the sandboxes' fixed category trees
 * (docs/contracts/voso.md §4, postmart.md §4). Keyed **platform → your category**, the shape of
 * `createConnector({ categories })` and `publish({ categories })`: pass it as it is. (The CLI's config
 * file is keyed the other way round, your category → platform; the CLI turns it.) Against real
 * platforms, put your own mapping there.
 */
import { CATEGORY_ID_BASE, categoryIdOf } from './marketplace/catalog.js';

/** Each sample-catalog category → the sandbox leaf it lands on (one tree, the same on every platform). */
const SANDBOX_LEAF_OF: Readonly<Record<string, string>> = {
  'Mật ong': 'Mật ong',
  'Gạo - ngũ cốc': 'Gạo & ngũ cốc',
  'Bột - tinh bột': 'Gạo & ngũ cốc',
  'Bún - miến - phở khô': 'Gạo & ngũ cốc',
  'Đặc sản - ăn vặt': 'Gạo & ngũ cốc',
  'Nước mắm': 'Nước mắm & gia vị',
  'Dầu ăn - gia vị': 'Nước mắm & gia vị',
  'Trái cây tươi': 'Trái cây & nông sản tươi',
  'Trà - đồ uống': 'Trà',
  'Thảo dược': 'Dược liệu khô',
};

/** The mapping for one platform: each category → the id its leaf has in that platform's tree. */
function placedOn(idBase: number): Readonly<Record<string, { readonly categoryId: string }>> {
  return Object.fromEntries(
    Object.entries(SANDBOX_LEAF_OF).map(([category, leaf]) => [
      category,
      { categoryId: String(categoryIdOf(idBase, leaf)) },
    ]),
  );
}

export const SANDBOX_CATEGORIES: Readonly<
  Record<'voso' | 'postmart' | 'shopee', Readonly<Record<string, { readonly categoryId: string }>>>
> = {
  voso: placedOn(CATEGORY_ID_BASE.voso),
  postmart: placedOn(CATEGORY_ID_BASE.postmart),
  shopee: placedOn(CATEGORY_ID_BASE.shopee),
};
