import { ConfigurationError } from '../../core/errors.js';
import { nearestName as nearest } from '../../vn/admin/nearest-name.js';

/** Marketplaces this library has adapters for: a `byMarketplace` key may name one not configured (yet). */
const KNOWN_MARKETPLACES = ['voso', 'postmart', 'shopee'];
const POLICY_NAMES = ['cheapest', 'fastest'];

/**
 * Every problem of a carrier policy against the connector's carriers and marketplaces, each naming its
 * key (`carrierPolicy.byMarketplace.postmart: …`), with the closest valid name when one is near. Empty
 * when the policy is sound. A function is checked when it runs (its pick is checked against the quotes).
 */
export function carrierPolicyProblems(
  policy: unknown,
  carriers: readonly string[],
  marketplaces: readonly string[] = [],
  key = 'carrierPolicy',
): string[] {
  const configured = carriers.length > 0 ? carriers.join(', ') : 'none';
  const carrierProblem = (at: string, name: unknown): string[] => {
    if (typeof name !== 'string' || name === '')
      return [`${at}: a carrier name is needed (configured: ${configured})`];
    if (carriers.includes(name)) return [];
    const near = nearest(name, carriers);
    return [
      `${at}: "${name}" is not a configured carrier (configured: ${configured})${near ? `; did you mean "${near}"?` : ''}`,
    ];
  };
  if (typeof policy === 'function') return [];
  if (typeof policy === 'string') {
    if (POLICY_NAMES.includes(policy)) return [];
    if (carriers.includes(policy))
      return [
        `${key}: "${policy}" is a carrier, not a policy; write { carrier: "${policy}" } to always ship with it`,
      ];
    const near = nearest(policy, POLICY_NAMES);
    return [
      `${key}: "${policy}" is not a policy${near ? ` (did you mean "${near}"?)` : ''}; use "cheapest", "fastest", { carrier }, { byMarketplace, otherwise } or a function`,
    ];
  }
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    return [
      `${key}: expected "cheapest", "fastest", { carrier }, { byMarketplace, otherwise } or a function`,
    ];
  }
  const fields = Object.keys(policy);
  if ('carrier' in policy) {
    const extra = fields.filter((f) => f !== 'carrier');
    return [
      ...carrierProblem(`${key}.carrier`, (policy as { carrier: unknown }).carrier),
      ...extra.map((f) => `${key}.${f}: not a field of { carrier } (a fixed carrier takes no other field)`),
    ];
  }
  if ('byMarketplace' in policy) {
    const { byMarketplace, otherwise } = policy as { byMarketplace: unknown; otherwise?: unknown };
    const problems = fields
      .filter((f) => f !== 'byMarketplace' && f !== 'otherwise')
      .map((f) => {
        const near = nearest(f, ['byMarketplace', 'otherwise']);
        return `${key}.${f}: not a field of { byMarketplace, otherwise }${near ? ` (did you mean "${near}"?)` : ''}`;
      });
    if (typeof byMarketplace !== 'object' || byMarketplace === null || Array.isArray(byMarketplace)) {
      problems.push(`${key}.byMarketplace: expected { marketplace: carrier }, e.g. { postmart: "vnpost" }`);
    } else {
      const platforms = [...new Set([...marketplaces, ...KNOWN_MARKETPLACES])];
      for (const [platform, carrier] of Object.entries(byMarketplace)) {
        const at = `${key}.byMarketplace.${platform}`;
        if (!platforms.includes(platform)) {
          const near = nearest(platform, platforms);
          problems.push(
            `${at}: "${platform}" is not a marketplace (this connector has: ${marketplaces.join(', ') || 'none'})${near ? `; did you mean "${near}"?` : ''}`,
          );
        }
        problems.push(...carrierProblem(at, carrier));
      }
    }
    if (otherwise !== undefined) {
      if (typeof otherwise === 'string' && !POLICY_NAMES.includes(otherwise)) {
        // A carrier's name: that fixed carrier for every marketplace not listed.
        if (!carriers.includes(otherwise)) {
          const near = nearest(otherwise, [...carriers, ...POLICY_NAMES]);
          problems.push(
            `${key}.otherwise: "${otherwise}" is neither a configured carrier (configured: ${configured}) nor a policy ("cheapest", "fastest")${near ? `; did you mean "${near}"?` : ''}`,
          );
        }
      } else {
        problems.push(...carrierPolicyProblems(otherwise, carriers, marketplaces, `${key}.otherwise`));
      }
    }
    return problems;
  }
  const near = fields.map((f) => nearest(f, ['carrier', 'byMarketplace'])).find((n) => n !== undefined);
  return [
    `${key}: { ${fields.join(', ')} } is not a policy${near ? ` (did you mean "${near}"?)` : ''}; use "cheapest", "fastest", { carrier }, { byMarketplace, otherwise } or a function`,
  ];
}

/** Throws a ConfigurationError listing every problem of the policy (see `carrierPolicyProblems`). */
export function assertCarrierPolicy(
  policy: unknown,
  carriers: readonly string[],
  marketplaces: readonly string[] = [],
  key = 'carrierPolicy',
): void {
  const problems = carrierPolicyProblems(policy, carriers, marketplaces, key);
  if (problems.length > 0) throw new ConfigurationError('Invalid carrier policy', problems);
}
