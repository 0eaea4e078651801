import { createPublicKey } from 'node:crypto';
import { pathProblem } from '../../model/option-problem.js';
import type { MarketplaceAdapterOptions } from './adapter-options.js';
import { templateProblems } from './endpoint-checks.js';
import { HOOK_OPERATIONS, type MarketplaceHooks } from './hooks.js';
import { checkCredentials } from './profile-auth.js';
import {
  MARKETPLACE_OPERATIONS,
  type MarketplaceOperation,
  type MarketplaceProfile,
} from './profile-schema.js';

/**
 * What is wrong with a parsed profile, its hooks and the adapter options together (credentials, endpoint
 * coverage, webhook keys, the shop credential pushes are told apart by): every problem, for one
 * ConfigurationError.
 */
export function adapterProblems(
  profile: MarketplaceProfile,
  options: MarketplaceAdapterOptions,
  hooks: MarketplaceHooks,
): string[] {
  const problems = [
    ...checkCredentials(profile, options?.credentials),
    ...coverageProblems(profile, hooks),
    ...webhookKeyProblems(profile, options),
  ];
  const shop = profile.webhook.accountCredential;
  if (shop && !options?.credentials?.[shop])
    problems.push(
      pathProblem(
        `credentials.${shop}`,
        'bắt buộc để phân biệt thông báo của cửa hàng này với cửa hàng khác (webhook.accountPath)',
        "required to tell this shop's pushes from other shops' (webhook.accountPath)",
      ),
    );
  return problems;
}

/** Every operation needs its endpoint or its hook; a custom auth needs its hook. */
function coverageProblems(profile: MarketplaceProfile, hooks: MarketplaceHooks): string[] {
  const problems: string[] = [];
  const hookOf = HOOK_OPERATIONS as Partial<Record<MarketplaceOperation, keyof MarketplaceHooks>>;
  for (const operation of MARKETPLACE_OPERATIONS) {
    const hook = hookOf[operation];
    if (profile.endpoints[operation] || (hook && hooks[hook])) continue;
    // Category attributes are optional when the category tree comes from a hook that has none to offer.
    problems.push(
      pathProblem(
        `endpoints.${operation}`,
        `bắt buộc nhưng chưa có (hãy khai báo endpoint này${hook ? ` hoặc hook ${hook}` : ''})`,
        `missing (give the endpoint${hook ? ` or a ${hook} hook` : ''})`,
      ),
    );
  }
  if (profile.auth.type === 'custom' && !hooks.auth)
    problems.push(
      pathProblem('hooks.auth', 'bắt buộc khi auth.type là "custom"', 'required by auth.type "custom"'),
    );
  if (hooks.profileProblems) problems.push(...hooks.profileProblems(profile));
  problems.push(...templateProblems(profile, hooks));
  const { accountPath, accountCredential } = profile.webhook;
  if (accountPath && !accountCredential)
    problems.push(
      pathProblem(
        'webhook.accountCredential',
        'bắt buộc khi có webhook.accountPath (khóa nào trong credentials là mã cửa hàng này)',
        'required with webhook.accountPath (which credential is this shop)',
      ),
    );
  return problems;
}

/**
 * RSA-signed pushes need the platform's public key, and only that: without a usable key every push
 * would be refused ("verifyWebhook false") with no sign of why, so it is refused when the adapter is
 * built. The key's text never appears in a problem.
 */
function webhookKeyProblems(profile: MarketplaceProfile, options: MarketplaceAdapterOptions): string[] {
  if (profile.webhook.algorithm !== 'rsa-sha256') return [];
  const problems: string[] = [];
  if (options?.webhookSecret !== undefined) {
    problems.push(
      pathProblem(
        'webhookSecret',
        "với webhook.algorithm 'rsa-sha256', thông báo đẩy được kiểm bằng khóa công khai của sàn (webhookPublicKey), không phải bằng khóa bí mật dùng chung",
        "webhook.algorithm 'rsa-sha256' verifies pushes with the platform's public key (webhookPublicKey), not a shared secret",
      ),
    );
  }
  const key = options?.webhookPublicKey ?? options?.credentials?.webhookPublicKey;
  if (!key) {
    problems.push(
      pathProblem(
        'webhookPublicKey',
        "bắt buộc khi webhook.algorithm là 'rsa-sha256' (khóa công khai PEM của sàn; mặc định credentials.webhookPublicKey) — thiếu nó, mọi thông báo đẩy đều bị từ chối",
        "required by webhook.algorithm 'rsa-sha256' (the platform's PEM public key; default credentials.webhookPublicKey) — without it every push is refused",
      ),
    );
    return problems;
  }
  if (/PRIVATE KEY/.test(key)) {
    problems.push(
      pathProblem(
        'webhookPublicKey',
        'là một khóa bí mật (private key); hãy đưa khóa CÔNG KHAI của sàn (-----BEGIN PUBLIC KEY-----) và đừng đưa khóa bí mật vào bộ kết nối',
        "is a private key; give the platform's PUBLIC key (-----BEGIN PUBLIC KEY-----) and keep private keys out of the adapter",
      ),
    );
    return problems;
  }
  try {
    const type = createPublicKey(key).asymmetricKeyType;
    if (type !== 'rsa' && type !== 'rsa-pss') {
      problems.push(
        pathProblem(
          'webhookPublicKey',
          `là khóa ${type}; webhook.algorithm 'rsa-sha256' cần một khóa công khai RSA`,
          `is a ${type} key; webhook.algorithm 'rsa-sha256' needs an RSA public key`,
        ),
      );
    }
  } catch {
    problems.push(
      pathProblem(
        'webhookPublicKey',
        'không phải khóa công khai PEM (cần -----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY----- hoặc một chứng chỉ PEM)',
        'not a PEM public key (expected -----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY----- or a PEM certificate)',
      ),
    );
  }
  return problems;
}
