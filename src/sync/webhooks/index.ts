export {
  createWebhookHandler,
  DEFAULT_WEBHOOK_MAX_BODY_BYTES,
  handleWebhook,
  MARKETPLACE_WEBHOOK_TTL_MS,
  type WebhookContext,
  type WebhookHandlerOptions,
  type WebhookOutcome,
  type WebhookRequest,
  type WebhookResponse,
  type WebhookResult,
} from './handle-webhook.js';
