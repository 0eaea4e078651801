import { ConfigurationError } from '../../core/errors.js';
import { nearestName as nearest } from '../../model/nearest-name.js';

/** Marketplaces this library has adapters for: a `byMarketplace` key may name one not configured (yet). */
const KNOWN_MARKETPLACES = ['voso', 'postmart', 'shopee'];
const POLICY_NAMES = ['cheapest', 'fastest'];
const POLICY_SHAPES = '"cheapest", "fastest", { carrier }, { byMarketplace, otherwise }';

/** One problem at `at`, in Vietnamese then English. */
const both = (at: string, vi: string, en: string) => `${at}: ${vi} / ${at}: ${en}`;
/** "; did you mean …" in both languages, or nothing. */
const hint = (near: string | undefined) =>
  near ? { vi: `; có phải "${near}"?`, en: `; did you mean "${near}"?` } : { vi: '', en: '' };

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
  const configuredVi = carriers.length > 0 ? carriers.join(', ') : 'không có';
  const carrierProblem = (at: string, name: unknown): string[] => {
    if (typeof name !== 'string' || name === '')
      return [
        both(
          at,
          `cần tên một hãng vận chuyển (đã cấu hình: ${configuredVi})`,
          `a carrier name is needed (configured: ${configured})`,
        ),
      ];
    if (carriers.includes(name)) return [];
    const near = nearest(name, carriers);
    return [
      both(
        at,
        `"${name}" không phải hãng vận chuyển đã cấu hình (đã cấu hình: ${configuredVi})${hint(near).vi}`,
        `"${name}" is not a configured carrier (configured: ${configured})${hint(near).en}`,
      ),
    ];
  };
  if (typeof policy === 'function') return [];
  if (typeof policy === 'string') {
    if (POLICY_NAMES.includes(policy)) return [];
    if (carriers.includes(policy))
      return [
        both(
          key,
          `"${policy}" là một hãng vận chuyển, không phải chính sách; viết { carrier: "${policy}" } để luôn gửi bằng hãng này`,
          `"${policy}" is a carrier, not a policy; write { carrier: "${policy}" } to always ship with it`,
        ),
      ];
    const near = nearest(policy, POLICY_NAMES);
    return [
      both(
        key,
        `"${policy}" không phải chính sách${near ? ` (có phải "${near}"?)` : ''}; dùng ${POLICY_SHAPES} hoặc một hàm`,
        `"${policy}" is not a policy${near ? ` (did you mean "${near}"?)` : ''}; use ${POLICY_SHAPES} or a function`,
      ),
    ];
  }
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    return [both(key, `cần ${POLICY_SHAPES} hoặc một hàm`, `expected ${POLICY_SHAPES} or a function`)];
  }
  const fields = Object.keys(policy);
  if ('carrier' in policy) {
    const extra = fields.filter((f) => f !== 'carrier');
    return [
      ...carrierProblem(`${key}.carrier`, (policy as { carrier: unknown }).carrier),
      ...extra.map((f) =>
        both(
          `${key}.${f}`,
          'không phải trường của { carrier } (hãng cố định không nhận trường nào khác)',
          'not a field of { carrier } (a fixed carrier takes no other field)',
        ),
      ),
    ];
  }
  if ('byMarketplace' in policy) {
    const { byMarketplace, otherwise } = policy as { byMarketplace: unknown; otherwise?: unknown };
    const problems = fields
      .filter((f) => f !== 'byMarketplace' && f !== 'otherwise')
      .map((f) => {
        const near = nearest(f, ['byMarketplace', 'otherwise']);
        return both(
          `${key}.${f}`,
          `không phải trường của { byMarketplace, otherwise }${near ? ` (có phải "${near}"?)` : ''}`,
          `not a field of { byMarketplace, otherwise }${near ? ` (did you mean "${near}"?)` : ''}`,
        );
      });
    if (typeof byMarketplace !== 'object' || byMarketplace === null || Array.isArray(byMarketplace)) {
      problems.push(
        both(
          `${key}.byMarketplace`,
          'cần { sàn: hãng vận chuyển }, ví dụ { postmart: "vnpost" }',
          'expected { marketplace: carrier }, e.g. { postmart: "vnpost" }',
        ),
      );
    } else {
      const platforms = [...new Set([...marketplaces, ...KNOWN_MARKETPLACES])];
      for (const [platform, carrier] of Object.entries(byMarketplace)) {
        const at = `${key}.byMarketplace.${platform}`;
        if (!platforms.includes(platform)) {
          const near = nearest(platform, platforms);
          problems.push(
            both(
              at,
              `"${platform}" không phải sàn (bộ kết nối có: ${marketplaces.join(', ') || 'không có'})${hint(near).vi}`,
              `"${platform}" is not a marketplace (this connector has: ${marketplaces.join(', ') || 'none'})${hint(near).en}`,
            ),
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
            both(
              `${key}.otherwise`,
              `"${otherwise}" không phải hãng vận chuyển đã cấu hình (đã cấu hình: ${configuredVi}) cũng không phải chính sách ("cheapest", "fastest")${hint(near).vi}`,
              `"${otherwise}" is neither a configured carrier (configured: ${configured}) nor a policy ("cheapest", "fastest")${hint(near).en}`,
            ),
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
    both(
      key,
      `{ ${fields.join(', ')} } không phải chính sách${near ? ` (có phải "${near}"?)` : ''}; dùng ${POLICY_SHAPES} hoặc một hàm`,
      `{ ${fields.join(', ')} } is not a policy${near ? ` (did you mean "${near}"?)` : ''}; use ${POLICY_SHAPES} or a function`,
    ),
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
  if (problems.length > 0)
    throw new ConfigurationError(
      { vi: 'Chính sách chọn hãng vận chuyển không hợp lệ', en: 'Invalid carrier policy' },
      problems,
    );
}
