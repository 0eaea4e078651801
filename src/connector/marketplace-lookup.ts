import { ConfigurationError } from '../core/errors.js';
import { nearestName } from '../model/nearest-name.js';
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
    // 'VOSO' or ' voso' names voso, as `--to VOSO` does on the CLI.
    const found = marketplaces.filter((m) => m.platform.toLowerCase() === t.trim().toLowerCase());
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

/**
 * The marketplace account of an order: by platform + account, never by platform alone when ambiguous.
 * An order of a marketplace the connector lacks is refused naming its platform/account in both
 * languages, with the marketplaces the connector has and the nearest of them (`vosso` → voso).
 */
export function marketplaceForOrder(
  marketplaces: readonly MarketplaceAdapter[],
  order: { platform: string; account?: string | undefined },
): MarketplaceAdapter {
  const candidates = marketplaces.filter(
    (m) => m.platform === order.platform && (order.account === undefined || m.account === order.account),
  );
  if (candidates.length === 1) return candidates[0]!;
  const head = { vi: 'Sàn không có trong bộ kết nối', en: 'Unknown marketplace' };
  if (candidates.length > 1)
    throw new ConfigurationError(head, [
      pathProblem(
        'order.account',
        `${order.platform}: bộ kết nối có ${candidates.length} tài khoản, đơn hàng phải ghi rõ tài khoản`,
        `${order.platform}: ${candidates.length} accounts in this connector; the order must name its account`,
      ),
    ]);
  const given = `${order.platform}${order.account ? `/${order.account}` : ''}`;
  const samePlatform = marketplaces.filter((m) => m.platform === order.platform);
  const path = samePlatform.length > 0 ? 'order.account' : 'order.platform';
  const near =
    samePlatform.length > 0
      ? nearestName(
          String(order.account),
          samePlatform.map((m) => m.account),
        )
      : nearestName(
          String(order.platform),
          marketplaces.map((m) => m.platform),
        );
  const nearText =
    near === undefined ? undefined : samePlatform.length > 0 ? `${order.platform}/${near}` : near;
  const has = marketplaces.map((m) => `${m.platform}/${m.account}`).join(', ');
  throw new ConfigurationError(head, [
    pathProblem(
      path,
      `"${given}" không có trong bộ kết nối (các sàn: ${has || 'không có'})${nearText ? ` — có phải "${nearText}"?` : ''}`,
      `"${given}" is not in this connector (marketplaces: ${has || 'none'})${nearText ? ` — did you mean "${nearText}"?` : ''}`,
    ),
  ]);
}
