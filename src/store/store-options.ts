import { ConfigurationError } from '../core/errors.js';

type NumericOptions = Partial<Record<'maxWebhookKeys' | 'flushDelayMs' | 'compactThresholdBytes', unknown>>;

const RULES: ReadonlyArray<{ key: keyof NumericOptions; ok: (n: number) => boolean; rule: string }> = [
  { key: 'maxWebhookKeys', ok: (n) => Number.isSafeInteger(n) && n >= 1, rule: 'a whole number ≥ 1' },
  { key: 'flushDelayMs', ok: (n) => Number.isFinite(n) && n >= 0, rule: 'a number of ms ≥ 0' },
  // NaN here would be worse than an error: `bytes >= NaN` is false, so compaction would never run.
  { key: 'compactThresholdBytes', ok: (n) => Number.isSafeInteger(n) && n >= 1, rule: 'a whole number ≥ 1' },
];

/** Bad numeric store options, reported together before anything is opened or created. */
export function assertUsableStoreOptions(options: NumericOptions): void {
  const problems = RULES.filter(({ key, ok }) => {
    const value = options[key];
    return value !== undefined && (typeof value !== 'number' || !ok(value));
  }).map(({ key, rule }) => `${key} must be ${rule}`);
  if (problems.length > 0) throw new ConfigurationError('Invalid store options', problems);
}
