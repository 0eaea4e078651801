import type { CarrierPolicy } from 'ocop-connect';
import { editDistance } from './edit-distance.js';
import { type Bilingual, CliError, type CliErrorKind } from './errors.js';

/** The carriers the CLI can open (config blocks `viettelpost`, `vnpost`). */
export const CLI_CARRIERS = ['viettelpost', 'vnpost'] as const;
const POLICY_NAMES = ['cheapest', 'fastest'];
const MARKETPLACE_NAMES = ['voso', 'postmart', 'shopee'];

/**
 * When a run has both carriers and neither the config (`carrierPolicy`) nor `--carrier-policy` says
 * otherwise: Postmart (Vietnam Post's marketplace) ships with VNPost, every other marketplace with
 * ViettelPost. In sandbox mode too: the demo day's Postmart order goes with VNPost, its Voso order with
 * ViettelPost.
 */
export const DEFAULT_CARRIER_POLICY = {
  byMarketplace: { postmart: 'vnpost' },
  otherwise: 'viettelpost',
} as const satisfies CarrierPolicy;

/** The one name of `names` a typo (1–2 letters off, any case) of `value` points to, if one alone is closest. */
export function nearestChoice(value: string, names: readonly string[]): string | undefined {
  const ranked = names
    .map((name) => ({ name, d: editDistance(value.toLowerCase(), name.toLowerCase()) }))
    .filter(({ d }) => d > 0 && d <= 2)
    .sort((a, b) => a.d - b.d);
  return ranked[0] && ranked[0].d !== ranked[1]?.d ? ranked[0].name : undefined;
}

const FORMS_VI = '"cheapest", "fastest", tên một hãng, { "carrier" } hoặc { "byMarketplace", "otherwise" }';
const FORMS_EN = '"cheapest", "fastest", a carrier name, { "carrier" } or { "byMarketplace", "otherwise" }';

/**
 * Reads a carrier policy from the config (`carrierPolicy`) or `--carrier-policy`: "cheapest", "fastest",
 * a carrier's name (that fixed carrier), `{ "carrier": … }` or `{ "byMarketplace": { … }, "otherwise": … }`
 * (`otherwise` a policy or a carrier's name). Every carrier it names must be one of `carriers` (the
 * carriers this run has). A problem is a CliError naming the key, in both languages, with the nearest
 * valid name.
 */
export function readCarrierPolicy(
  value: unknown,
  options: { key: string; carriers: readonly string[]; kind?: CliErrorKind; why?: Bilingual },
): CarrierPolicy {
  const { policy, problems } = carrierPolicyProblems(value, options);
  if (problems.length > 0 || !policy) {
    const why = options.why ? { vi: ` (${options.why.vi})`, en: ` (${options.why.en})` } : { vi: '', en: '' };
    throw new CliError(options.kind ?? 'config', {
      vi: `Chính sách chọn hãng vận chuyển không hợp lệ${why.vi}: ${problems.map((p) => p.vi).join('; ')}`,
      en: `Invalid carrier policy${why.en}: ${problems.map((p) => p.en).join('; ')}`,
    });
  }
  return policy;
}

/**
 * Every problem of a carrier policy at `key` (none: `policy` is the policy read), for a caller that
 * reports them with others (the config file's check lists all its problems at once).
 */
export function carrierPolicyProblems(
  value: unknown,
  options: { key: string; carriers: readonly string[] },
): { policy: CarrierPolicy | undefined; problems: Bilingual[] } {
  const problems: Bilingual[] = [];
  const { carriers } = options;
  const list = carriers.join(', ') || '—';
  const carrierAt = (at: string, name: unknown): string => {
    if (typeof name !== 'string' || name === '') {
      problems.push({
        vi: `"${at}" phải là tên một hãng (${list})`,
        en: `"${at}" must be a carrier name (${list})`,
      });
      return '';
    }
    if (!carriers.includes(name)) {
      const guess = nearestChoice(name, carriers);
      problems.push({
        vi: `"${at}": "${name}" không phải hãng vận chuyển được cấu hình (có: ${list})${guess ? `; có phải "${guess}"?` : ''}`,
        en: `"${at}": "${name}" is not a configured carrier (configured: ${list})${guess ? `; did you mean "${guess}"?` : ''}`,
      });
    }
    return name;
  };
  const read = (at: string, policy: unknown): CarrierPolicy | undefined => {
    if (typeof policy === 'string') {
      if (POLICY_NAMES.includes(policy)) return policy as 'cheapest' | 'fastest';
      if (carriers.includes(policy)) return { carrier: policy };
      const guess = nearestChoice(policy, [...POLICY_NAMES, ...carriers]);
      problems.push({
        vi: `"${at}": "${policy}" không phải chính sách chọn hãng hay hãng được cấu hình${guess ? ` (có phải "${guess}"?)` : ''}; dùng ${FORMS_VI}`,
        en: `"${at}": "${policy}" is neither a policy nor a configured carrier${guess ? ` (did you mean "${guess}"?)` : ''}; use ${FORMS_EN}`,
      });
      return undefined;
    }
    if (!policy || typeof policy !== 'object' || Array.isArray(policy)) {
      problems.push({ vi: `"${at}" phải là ${FORMS_VI}`, en: `"${at}" must be ${FORMS_EN}` });
      return undefined;
    }
    const fields = Object.keys(policy);
    if ('carrier' in policy) {
      for (const f of fields.filter((k) => k !== 'carrier'))
        problems.push({ vi: `khóa "${at}.${f}" không được nhận`, en: `unknown key "${at}.${f}"` });
      return { carrier: carrierAt(`${at}.carrier`, (policy as { carrier: unknown }).carrier) };
    }
    if ('byMarketplace' in policy) {
      const { byMarketplace, otherwise } = policy as { byMarketplace: unknown; otherwise?: unknown };
      for (const f of fields.filter((k) => k !== 'byMarketplace' && k !== 'otherwise')) {
        const guess = nearestChoice(f, ['byMarketplace', 'otherwise']);
        problems.push({
          vi: `khóa "${at}.${f}" không được nhận${guess ? ` (có phải "${at}.${guess}"?)` : ''}`,
          en: `unknown key "${at}.${f}"${guess ? ` (did you mean "${at}.${guess}"?)` : ''}`,
        });
      }
      const fixed: Record<string, string> = {};
      if (!byMarketplace || typeof byMarketplace !== 'object' || Array.isArray(byMarketplace)) {
        problems.push({
          vi: `"${at}.byMarketplace" phải là { sàn: hãng }, ví dụ { "postmart": "vnpost" }`,
          en: `"${at}.byMarketplace" must be { marketplace: carrier }, e.g. { "postmart": "vnpost" }`,
        });
      } else {
        for (const [platform, carrier] of Object.entries(byMarketplace)) {
          if (!MARKETPLACE_NAMES.includes(platform)) {
            const guess = nearestChoice(platform, MARKETPLACE_NAMES);
            problems.push({
              vi: `"${at}.byMarketplace.${platform}": "${platform}" không phải sàn (${MARKETPLACE_NAMES.join(', ')})${guess ? `; có phải "${guess}"?` : ''}`,
              en: `"${at}.byMarketplace.${platform}": "${platform}" is not a marketplace (${MARKETPLACE_NAMES.join(', ')})${guess ? `; did you mean "${guess}"?` : ''}`,
            });
          }
          fixed[platform] = carrierAt(`${at}.byMarketplace.${platform}`, carrier);
        }
      }
      const rest = otherwise === undefined ? undefined : read(`${at}.otherwise`, otherwise);
      return { byMarketplace: fixed, ...(rest ? { otherwise: rest } : {}) };
    }
    const guess = fields.map((f) => nearestChoice(f, ['carrier', 'byMarketplace'])).find(Boolean);
    problems.push({
      vi: `"${at}" phải là ${FORMS_VI}${guess ? ` (có phải "${guess}"?)` : ''}`,
      en: `"${at}" must be ${FORMS_EN}${guess ? ` (did you mean "${guess}"?)` : ''}`,
    });
    return undefined;
  };
  const policy = read(options.key, value);
  return { policy, problems };
}

/** `--carrier-policy`: a name ("cheapest", "fastest", a carrier) or the JSON of a policy object. */
export function carrierPolicyOption(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CliError('usage', {
      vi: `--carrier-policy: JSON không hợp lệ (${detail})`,
      en: `--carrier-policy: not valid JSON (${detail})`,
    });
  }
}
