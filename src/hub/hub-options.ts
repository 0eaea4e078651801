import {
  A_FUNCTION,
  anAdapter,
  type Expected,
  OWN_RULES,
  optionTableProblems,
  orNothing,
} from '../core/argument-guards.js';

/** createHub's options: what each must be (`cooperatives` has its own rules, checkHubConfig). */
const HUB_OPTIONS: Readonly<
  Record<'cooperatives' | 'store' | 'logger' | 'tokenStore' | 'limiter', Expected>
> = {
  cooperatives: OWN_RULES,
  store: A_FUNCTION,
  // The hub gives each cooperative a child logger.
  logger: orNothing(anAdapter('logger', [], ['info', 'warn', 'error', 'child'])),
  tokenStore: orNothing(anAdapter('TokenStore', [], ['get', 'set', 'delete'])),
  limiter: orNothing(anAdapter('RequestLimiter', [], ['acquire', 'close'])),
};

/** Each hub option that is not what it must be, and each unknown name; `options` must be an object. */
export function hubOptionProblems(options: unknown): string[] {
  return optionTableProblems(options, HUB_OPTIONS);
}
