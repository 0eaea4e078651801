import { pathProblem } from '../model/option-problem.js';
import type { MarketplaceAdapter } from '../platforms/types.js';

/** What is wrong with a list of marketplace adapters: none given, or one account listed twice. */
export function marketplaceListProblems(marketplaces: readonly MarketplaceAdapter[] | undefined): string[] {
  const problems: string[] = [];
  if (!marketplaces || marketplaces.length === 0)
    problems.push(pathProblem('marketplaces', 'cần ít nhất một adapter sàn', 'needs at least one adapter'));
  const seen = new Set<string>();
  for (const m of marketplaces ?? []) {
    const key = `${m.platform}/${m.account}`;
    if (seen.has(key))
      problems.push(pathProblem('marketplaces', `${key} có hai lần`, `${key} is listed twice`));
    seen.add(key);
  }
  return problems;
}
