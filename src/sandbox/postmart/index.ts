export {
  POSTMART_BASE_PATH,
  POSTMART_BATCH_MAX,
  POSTMART_LISTING_RULES,
  POSTMART_ORDER_WINDOW_MAX_MS,
} from './postmart-dialect.js';
export { POSTMART_ORDER_STATUS, POSTMART_REVIEW_STATUS, signPostmartWebhook } from './postmart-render.js';
export { type PostmartSandboxOptions, startPostmartSandbox } from './start-postmart-sandbox.js';
