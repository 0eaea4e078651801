import { ConfigurationError } from '../../core/errors.js';
import { pathProblem } from '../../model/option-problem.js';
import type { MarketplaceAdapterOptions } from './adapter-options.js';
import type { MarketplaceProfile } from './profile-schema.js';
import type { WebhookKeys } from './webhook.js';

/**
 * What verifies this adapter's pushes, from its options (and credentials): the secret or public key,
 * the callback URL and this shop. Throws a ConfigurationError when the profile signs the callback URL
 * and none was given.
 */
export function adapterWebhookKeys(
  profile: MarketplaceProfile,
  options: MarketplaceAdapterOptions,
): WebhookKeys {
  const { credentials } = options;
  const { signedPayload } = profile.webhook;
  // Like a missing RSA public key (refused at build), a missing callback URL would make every push,
  // however well signed, "false" with no sign of why. It is only needed here, so an adapter that never
  // receives pushes builds without it; verifying without it is a configuration error, not a bad push.
  if (signedPayload.includes('{url}') && !options.webhookUrl) {
    throw new ConfigurationError(
      {
        // The problem below names webhookUrl and why: the headline says what cannot be done, once.
        vi: `${profile.displayName} không kiểm được thông báo đẩy`,
        en: `${profile.displayName} cannot verify pushes`,
      },
      [
        pathProblem(
          'webhookUrl',
          `cần để kiểm thông báo đẩy — ${profile.displayName} ký "${signedPayload}", trong đó {url} là địa chỉ callback đúng như đã đăng ký với sàn; thiếu nó thì mọi thông báo đẩy đều bị từ chối`,
          `required to verify pushes — ${profile.displayName} signs "${signedPayload}", where {url} is the callback URL exactly as registered with the platform; without it every push would be refused`,
        ),
      ],
    );
  }
  const secret = options.webhookSecret ?? credentials.webhookSecret;
  const publicKey = options.webhookPublicKey ?? credentials.webhookPublicKey;
  const account = webhookAccountOf(profile, options);
  return {
    ...(secret ? { secret } : {}),
    ...(publicKey ? { publicKey } : {}),
    ...(options.webhookUrl ? { url: options.webhookUrl } : {}),
    ...(account !== undefined ? { account } : {}),
  };
}

/** The shop pushes must name (`webhook.accountCredential`), when the profile says pushes name one. */
export function webhookAccountOf(
  profile: MarketplaceProfile,
  options: MarketplaceAdapterOptions,
): string | undefined {
  const name = profile.webhook.accountCredential;
  const value = name ? options.credentials[name] : undefined;
  return value === undefined || value === '' ? undefined : value;
}
