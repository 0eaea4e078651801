/**
 * publish's options, as one table (`checkOptions`): the root `publish` checks every name against it, and
 * `connector.publish` checks the same entries less the ones the connector gives itself. A misspelt
 * `dryrun` is refused before anything is read or sent — never taken as a real run.
 */
import { z } from 'zod';
import {
  A_BOOLEAN_OR_NOTHING,
  A_FUNCTION_OR_NOTHING,
  A_LIST,
  A_LOGGER_OR_NOTHING,
  A_STORE,
  AN_ABORT_SIGNAL_OR_NOTHING,
  anAdapter,
  type Expected,
  OWN_RULES,
  orNothing,
} from '../../core/argument-guards.js';
import type { PublishOptions } from './types.js';

const PER_PLATFORM_CONCURRENCY = z.number().int().min(1);

export const PUBLISH_OPTIONS: Readonly<Record<keyof PublishOptions, Expected>> = {
  to: A_LIST,
  store: A_STORE,
  images: orNothing(anAdapter('PublishImagePreparer', [], ['prepare'])),
  categories: OWN_RULES,
  dryRun: A_BOOLEAN_OR_NOTHING,
  checkImages: A_BOOLEAN_OR_NOTHING,
  assumeNoExistingListings: A_BOOLEAN_OR_NOTHING,
  otherTenantListings: A_FUNCTION_OR_NOTHING,
  signal: AN_ABORT_SIGNAL_OR_NOTHING,
  onProgress: A_FUNCTION_OR_NOTHING,
  concurrency: {
    schema: z.union([PER_PLATFORM_CONCURRENCY, z.record(z.string(), PER_PLATFORM_CONCURRENCY)]).optional(),
    vi: 'một số nguyên ≥ 1, hoặc { nền tảng: số nguyên ≥ 1 } (hoặc bỏ trống)',
    en: 'an integer ≥ 1, or { platform: integer ≥ 1 } (or left out)',
  },
  logger: A_LOGGER_OR_NOTHING,
};
