/**
 * Where the sample catalog's categories ("Danh mục") land in the sandboxes' fixed category trees
 * (docs/contracts/voso.md §4, postmart.md §4). Keyed **platform → your category**, the shape of
 * `createConnector({ categories })` and `publish({ categories })`: pass it as it is. (The CLI's config
 * file is keyed the other way round, your category → platform; the CLI turns it.) Against real
 * platforms, put your own mapping there.
 */
export const SANDBOX_CATEGORIES: Readonly<
  Record<'voso' | 'postmart' | 'shopee', Readonly<Record<string, { readonly categoryId: string }>>>
> = {
  voso: {
    'Mật ong': { categoryId: '1001' },
    'Gạo - ngũ cốc': { categoryId: '1002' },
    'Bột - tinh bột': { categoryId: '1002' },
    'Bún - miến - phở khô': { categoryId: '1002' },
    'Đặc sản - ăn vặt': { categoryId: '1002' },
    'Nước mắm': { categoryId: '1003' },
    'Dầu ăn - gia vị': { categoryId: '1003' },
    'Trái cây tươi': { categoryId: '1004' },
    'Trà - đồ uống': { categoryId: '1101' },
    'Thảo dược': { categoryId: '1201' },
  },
  postmart: {
    'Mật ong': { categoryId: '2001' },
    'Gạo - ngũ cốc': { categoryId: '2002' },
    'Bột - tinh bột': { categoryId: '2002' },
    'Bún - miến - phở khô': { categoryId: '2002' },
    'Đặc sản - ăn vặt': { categoryId: '2002' },
    'Nước mắm': { categoryId: '2003' },
    'Dầu ăn - gia vị': { categoryId: '2003' },
    'Trái cây tươi': { categoryId: '2004' },
    'Trà - đồ uống': { categoryId: '2101' },
    'Thảo dược': { categoryId: '2201' },
  },
  shopee: {
    'Mật ong': { categoryId: '100001' },
    'Gạo - ngũ cốc': { categoryId: '100002' },
    'Bột - tinh bột': { categoryId: '100002' },
    'Bún - miến - phở khô': { categoryId: '100002' },
    'Đặc sản - ăn vặt': { categoryId: '100002' },
    'Nước mắm': { categoryId: '100003' },
    'Dầu ăn - gia vị': { categoryId: '100003' },
    'Trái cây tươi': { categoryId: '100004' },
    'Trà - đồ uống': { categoryId: '100101' },
    'Thảo dược': { categoryId: '100201' },
  },
};
