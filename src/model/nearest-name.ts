import { editDistance } from './edit-distance.js';

/**
 * The closest of `names` to `value` (a typo a few letters off, or only its case: `dryrun` → "dryRun"),
 * if one alone is close enough; never `value` itself.
 */
export function nearestName(value: string, names: readonly string[]): string | undefined {
  const v = value.toLowerCase();
  let best: { name: string; d: number; tied: boolean } | undefined;
  for (const name of new Set(names)) {
    const d = editDistance(v, name.toLowerCase());
    if (name === value || d > Math.max(2, Math.floor(name.length / 3))) continue;
    if (!best || d < best.d) best = { name, d, tied: false };
    else if (d === best.d) best.tied = true;
  }
  return best && !best.tied ? best.name : undefined;
}

/** " Có phải ý bạn là "x"?" / " Did you mean "x"?" — or nothing when no known name is close. */
export function didYouMean(suggestion: string | undefined): { vi: string; en: string } {
  return suggestion === undefined
    ? { vi: '', en: '' }
    : { vi: ` Có phải ý bạn là "${suggestion}"?`, en: ` Did you mean "${suggestion}"?` };
}
