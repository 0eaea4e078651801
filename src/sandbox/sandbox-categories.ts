/**
 * Where the sample catalog's categories ("Danh mục") land in the sandboxes' fixed category trees
 * (docs/contracts/voso.md §4, postmart.md §4). Same shape as the `categories` block of the config
 * file and of `createConnector({ categories })`; against real platforms, put your own mapping there.
 */
export const SANDBOX_CATEGORIES: Record<string, Record<string, { categoryId: string }>> = {
  'Mật ong': {
    voso: { categoryId: '1001' },
    postmart: { categoryId: '2001' },
    shopee: { categoryId: '100001' },
  },
  'Gạo - ngũ cốc': {
    voso: { categoryId: '1002' },
    postmart: { categoryId: '2002' },
    shopee: { categoryId: '100002' },
  },
  'Bột - tinh bột': {
    voso: { categoryId: '1002' },
    postmart: { categoryId: '2002' },
    shopee: { categoryId: '100002' },
  },
  'Bún - miến - phở khô': {
    voso: { categoryId: '1002' },
    postmart: { categoryId: '2002' },
    shopee: { categoryId: '100002' },
  },
  'Đặc sản - ăn vặt': {
    voso: { categoryId: '1002' },
    postmart: { categoryId: '2002' },
    shopee: { categoryId: '100002' },
  },
  'Nước mắm': {
    voso: { categoryId: '1003' },
    postmart: { categoryId: '2003' },
    shopee: { categoryId: '100003' },
  },
  'Dầu ăn - gia vị': {
    voso: { categoryId: '1003' },
    postmart: { categoryId: '2003' },
    shopee: { categoryId: '100003' },
  },
  'Trái cây tươi': {
    voso: { categoryId: '1004' },
    postmart: { categoryId: '2004' },
    shopee: { categoryId: '100004' },
  },
  'Trà - đồ uống': {
    voso: { categoryId: '1101' },
    postmart: { categoryId: '2101' },
    shopee: { categoryId: '100101' },
  },
  'Thảo dược': {
    voso: { categoryId: '1201' },
    postmart: { categoryId: '2201' },
    shopee: { categoryId: '100201' },
  },
};
