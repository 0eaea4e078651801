export { startVosoSandbox, type VosoSandboxOptions } from './start-voso-sandbox.js';
export {
  VOSO_BASE_PATH,
  VOSO_BATCH_MAX,
  VOSO_LISTING_RULES,
  VOSO_ORDER_WINDOW_MAX_SECONDS,
} from './voso-dialect.js';
export { signVosoWebhook, VOSO_ORDER_STATUS, VOSO_REVIEW_STATUS } from './voso-render.js';
