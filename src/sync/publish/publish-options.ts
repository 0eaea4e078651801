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
import { nearestName } from '../../model/nearest-name.js';
import { pathProblem } from '../../model/option-problem.js';
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

/**
 * publish's rules across options, given the platforms it may publish to (empty: any): `to` names
 * platforms of the connector and at least one; `concurrency` per platform is keyed by those platforms;
 * `checkImages` only applies to a dry run. Each problem `path: vi / path: en`, for checkOptions' `more`
 * (values of the wrong type are left to the table).
 */
export function publishOptionRules(
  given: Readonly<Record<string, unknown>>,
  platforms: readonly string[],
): string[] {
  const problems: string[] = [];
  const known = platforms.join(', ');
  // A platform named in another case or with spaces ('VOSO', ' voso') is that platform, as on the CLI.
  const isTarget = (name: string) =>
    platforms.length === 0 || platforms.some((p) => p.toLowerCase() === name.trim().toLowerCase());
  const isPlatform = (name: string) => platforms.length === 0 || platforms.includes(name);
  const notPlatform = (path: string, name: string) => {
    const near = nearestName(name, platforms);
    const hint = near
      ? { vi: ` (có phải "${near}"?)`, en: ` (did you mean "${near}"?)` }
      : { vi: '', en: '' };
    return pathProblem(
      path,
      `"${name}" không phải sàn của bộ kết nối này${hint.vi}; có: ${known}`,
      `"${name}" is not a marketplace of this connector${hint.en}; it has: ${known}`,
    );
  };
  const { to, concurrency, checkImages, dryRun } = given;
  if (Array.isArray(to)) {
    if (to.length === 0)
      problems.push(
        pathProblem(
          'to',
          'cần ít nhất một sàn (bỏ trống để đăng lên mọi sàn)',
          'needs at least one marketplace (leave it out to publish to all)',
        ),
      );
    for (const name of to)
      if (typeof name === 'string' && name !== '' && !isTarget(name)) problems.push(notPlatform('to', name));
  }
  if (concurrency !== null && typeof concurrency === 'object' && !Array.isArray(concurrency))
    for (const key of Object.keys(concurrency))
      if (!isPlatform(key)) problems.push(notPlatform(`concurrency.${key}`, key));
  if (checkImages === true && dryRun !== true)
    problems.push(
      pathProblem(
        'checkImages',
        'chỉ dùng cho lần chạy thử (dryRun: true); lần chạy thật tự đọc ảnh khi tải lên',
        'only applies to a dry run (dryRun: true); a real run reads each image as it uploads it',
      ),
    );
  return problems;
}
