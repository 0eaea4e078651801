import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OcopConnectError } from '../../model/error-root.js';
import { checkVnText } from '../arguments.js';

/** Folder of the data files, relative to the package root. */
export const VN_ADMIN_DATA_SUBDIR = join('data', 'vn-admin');
const MARKER_FILE = 'provinces-2025.json';
const MAX_LEVELS_UP = 8;

/**
 * Directory of this module in both module systems. In the CJS build `__dirname` is real; in ESM
 * (tsx, vitest, the ESM build) it is undefined and `import.meta.url` is used. tsup's `shims`
 * option fills in whichever one a format lacks, so both branches are safe after bundling.
 */
function moduleDir(): string {
  if (typeof __dirname === 'string' && __dirname !== '') return __dirname;
  return dirname(fileURLToPath(import.meta.url));
}

/**
 * A `dataDir` given to createVnAdmin must hold the data (its `provinces-2025.json`): a missing or
 * wrong folder is a configuration error naming it, thrown at once — never the bundled data instead.
 */
export function checkVnAdminDataDir(dataDir: string): void {
  if (existsSync(join(dataDir, MARKER_FILE))) return;
  const why = existsSync(dataDir)
    ? { vi: `không có tệp ${MARKER_FILE} trong thư mục này`, en: `the folder holds no ${MARKER_FILE}` }
    : { vi: 'thư mục không tồn tại', en: 'no such folder' };
  throw new OcopConnectError('configuration', {
    vi: `options.dataDir: không dùng được "${dataDir}" làm dữ liệu đơn vị hành chính (${why.vi}); bỏ trống để dùng dữ liệu đi kèm gói`,
    en: `options.dataDir: "${dataDir}" cannot serve as the administrative-unit data (${why.en}); leave it out to use the data bundled with the package`,
  });
}

/**
 * Finds `data/vn-admin` by walking up from this module: from `src/vn/admin/` in development and from
 * `dist/` (where every chunk lands) in the published package.
 */
export function findVnAdminDataDir(startDir: string = moduleDir()): string {
  checkVnText(startDir, 'startDir');
  let dir = startDir;
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const candidate = join(dir, VN_ADMIN_DATA_SUBDIR);
    if (existsSync(join(candidate, MARKER_FILE))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // An installation without its data, or a folder given that holds none: a configuration problem.
  const file = `${VN_ADMIN_DATA_SUBDIR}/${MARKER_FILE}`;
  throw new OcopConnectError(
    'configuration',
    `Không tìm thấy dữ liệu đơn vị hành chính (${file}) phía trên ${startDir}: gói được cài thiếu thư mục "data"? Hãy đưa { dataDir } cho createVnAdmin(). / ` +
      `ocop-connect: administrative-unit data (${file}) not found above ${startDir}. ` +
      'Was the package installed without its "data" folder? Pass { dataDir } to createVnAdmin().',
  );
}
