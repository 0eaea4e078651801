/** Small helpers shared by the benches: repeated runs and their spread. */

/** Runs per figure. `BENCH_RUNS=1` for a quick look. @default 3 */
export const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `min a median b max c` with `digits` decimals. */
export function spread(values: readonly number[], digits = 2): string {
  const f = (v: number) => v.toFixed(digits);
  return `min ${f(Math.min(...values))} median ${f(median(values))} max ${f(Math.max(...values))}`;
}

/** `X.XX` median, for the lines a reader greps. */
export function mid(values: readonly number[], digits = 2): string {
  return median(values).toFixed(digits);
}
