import { ConfigurationError } from '../core/errors.js';
import { pathProblem } from '../model/option-problem.js';

type NumericOptions = Partial<Record<'maxWebhookKeys' | 'flushDelayMs' | 'compactThresholdBytes', unknown>>;

const WHOLE_AT_LEAST_ONE = { vi: 'phải là một số nguyên ≥ 1', en: 'must be a whole number ≥ 1' } as const;

const RULES: ReadonlyArray<{
  key: keyof NumericOptions;
  ok: (n: number) => boolean;
  rule: { readonly vi: string; readonly en: string };
}> = [
  { key: 'maxWebhookKeys', ok: (n) => Number.isSafeInteger(n) && n >= 1, rule: WHOLE_AT_LEAST_ONE },
  {
    key: 'flushDelayMs',
    ok: (n) => Number.isFinite(n) && n >= 0,
    rule: { vi: 'phải là một số mili giây ≥ 0', en: 'must be a number of ms ≥ 0' },
  },
  // NaN here would be worse than an error: `bytes >= NaN` is false, so compaction would never run.
  { key: 'compactThresholdBytes', ok: (n) => Number.isSafeInteger(n) && n >= 1, rule: WHOLE_AT_LEAST_ONE },
];

/** Each bad numeric store option, as `name: vi / name: en` (none when all is well). */
export function storeOptionProblems(options: NumericOptions): string[] {
  return RULES.filter(({ key, ok }) => {
    const value = options[key];
    return value !== undefined && (typeof value !== 'number' || !ok(value));
  }).map(({ key, rule }) => pathProblem(key, rule.vi, rule.en));
}

/** Bad numeric store options, reported together (both languages) before anything is opened or created. */
export function assertUsableStoreOptions(options: NumericOptions): void {
  const problems = storeOptionProblems(options);
  if (problems.length > 0)
    throw new ConfigurationError({ vi: 'Tùy chọn kho không hợp lệ', en: 'Invalid store options' }, problems);
}
