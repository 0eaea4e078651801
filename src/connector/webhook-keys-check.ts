import { ConfigurationError } from '../core/errors.js';
import type { MarketplaceAdapter } from '../platforms/types.js';

/**
 * Throws the ConfigurationError a marketplace's `verifyWebhook` would throw at its first push (Shopee
 * without `webhookUrl`: it signs the callback URL), naming the marketplace, so `webhookHandler()` fails
 * when the endpoint is made. Verifying a body without its signature header sends nothing and only reads
 * the adapter's keys; any other answer or error means the keys are there.
 */
export function assertWebhooksVerifiable(marketplaces: readonly MarketplaceAdapter[]): void {
  const problems: string[] = [];
  marketplaces.forEach((m, i) => {
    if (!m.capabilities.webhooks) return;
    try {
      m.verifyWebhook('{}', {});
    } catch (error) {
      if (!(error instanceof ConfigurationError)) return;
      // Each problem reads 'path: Vietnamese / path: English': both halves get the marketplace's path.
      const at = `marketplaces[${i}] (${m.platform}/${m.account}).`;
      for (const problem of error.problems) problems.push(`${at}${problem.replace(' / ', ` / ${at}`)}`);
    }
  });
  if (problems.length > 0)
    throw new ConfigurationError(
      {
        vi: 'webhookHandler: có sàn không kiểm được thông báo đẩy',
        en: 'webhookHandler: a marketplace cannot verify pushes',
      },
      problems,
    );
}
