import {
  A_FUNCTION,
  AN_OBJECT,
  anAdapter,
  checkOption,
  type Expected,
  OWN_RULES,
  optionProblems,
  orNothing,
} from '../core/argument-guards.js';

/** createHub's options: what each must be (`cooperatives` has its own rules, checkHubConfig). */
const HUB_OPTIONS: Readonly<
  Record<'cooperatives' | 'store' | 'logger' | 'tokenStore' | 'limiter', Expected>
> = {
  cooperatives: OWN_RULES,
  store: A_FUNCTION,
  logger: orNothing(anAdapter('logger', [], ['info', 'warn', 'error', 'child'])),
  tokenStore: orNothing(anAdapter('TokenStore', [], ['get', 'set', 'delete'])),
  limiter: orNothing(anAdapter('RequestLimiter', [], ['acquire', 'close'])),
};

/** Each hub option that is not what it must be, and each unknown name; `options` must be an object. */
export function hubOptionProblems(options: unknown): string[] {
  checkOption(options, 'options', AN_OBJECT);
  return optionProblems(options as Readonly<Record<string, unknown>>, HUB_OPTIONS);
}
