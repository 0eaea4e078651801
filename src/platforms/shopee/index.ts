export { SHOPEE_HOOKS } from './hooks.js';
export { SHOPEE_PROFILE } from './profile.js';
export { type ShopeeCredentials, type ShopeeOptions, shopee } from './shopee.js';
