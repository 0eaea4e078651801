import { ConfigurationError } from '../core/errors.js';
import { pathProblem } from '../model/option-problem.js';
import type { MarketplaceAdapter } from '../platforms/types.js';
import type { ConnectorPublishOptions } from './types.js';

/** The adapters a publish goes to: every marketplace, or those named (by platform or as adapters). */
export function publishTargets(
  marketplaces: MarketplaceAdapter[],
  to: ConnectorPublishOptions['to'],
): MarketplaceAdapter[] {
  if (!to) return marketplaces;
  const unknown: string[] = [];
  const targets = to.flatMap((t) => {
    if (typeof t !== 'string') return [t];
    const found = marketplaces.filter((m) => m.platform === t);
    if (found.length === 0) unknown.push(t);
    return found;
  });
  if (unknown.length > 0) {
    throw new ConfigurationError(
      { vi: 'Sàn đích không có trong bộ kết nối', en: 'Unknown publish target' },
      unknown.map((n) =>
        pathProblem(
          'to',
          `"${n}" không phải sàn của bộ kết nối này`,
          `"${n}" is not a marketplace of this connector`,
        ),
      ),
    );
  }
  return targets;
}

/** The marketplace account of an order: by platform + account, never by platform alone when ambiguous. */
export function marketplaceForOrder(
  marketplaces: readonly MarketplaceAdapter[],
  order: { platform: string; account?: string | undefined },
): MarketplaceAdapter {
  const candidates = marketplaces.filter(
    (m) => m.platform === order.platform && (order.account === undefined || m.account === order.account),
  );
  if (candidates.length === 1) return candidates[0]!;
  throw new ConfigurationError(
    'Sàn không có trong bộ kết nối / Unknown marketplace',
    candidates.length === 0
      ? [
          `${order.platform}${order.account ? `/${order.account}` : ''}: không có trong bộ kết nối / not in this connector`,
        ]
      : [
          `${order.platform}: bộ kết nối có ${candidates.length} tài khoản, đơn hàng phải ghi rõ tài khoản / ${candidates.length} accounts in this connector; the order must name its account`,
        ],
  );
}
