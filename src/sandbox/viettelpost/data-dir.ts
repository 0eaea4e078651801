import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DATA_SUBDIR = path.join('data', 'vn-admin');
const MARKER_FILE = 'wards-2025.json';

/**
 * Directory of this module, in ESM (vitest, tsx, dist/*.js) and in CJS (dist/*.cjs, where tsup's
 * shim provides `import.meta.url`, or plain `__dirname` when no shim ran).
 */
function moduleDir(): string | undefined {
  try {
    const url = import.meta.url;
    if (typeof url === 'string' && url.startsWith('file:')) return path.dirname(fileURLToPath(url));
  } catch {
    // import.meta is unavailable in an unshimmed CJS build; fall through to __dirname.
  }
  return typeof __dirname === 'string' ? __dirname : undefined;
}

function findUpwards(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, DATA_SUBDIR);
    if (existsSync(path.join(candidate, MARKER_FILE))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Finds the package's `data/vn-admin` folder: the explicit option first, then walking up from this
 * module (src/sandbox/viettelpost or dist/), then from the working directory.
 */
export function resolveVnAdminDataDir(explicitDir?: string): string {
  if (explicitDir !== undefined) {
    if (!existsSync(path.join(explicitDir, MARKER_FILE))) {
      throw new Error(`ViettelPost sandbox: no ${MARKER_FILE} in dataDir ${explicitDir}`);
    }
    return explicitDir;
  }
  const fromModule = moduleDir();
  const found = (fromModule && findUpwards(fromModule)) || findUpwards(process.cwd());
  if (!found) {
    throw new Error('ViettelPost sandbox: cannot find data/vn-admin; pass the dataDir option');
  }
  return found;
}
