/**
 * The layer rules of docs/ARCHITECTURE (team brief "Layers"), as data plus one pure check, so the
 * rules themselves can be tested on made-up imports as well as on the real tree.
 *
 *   model → vn → core → images → platforms → store → sync → connector.ts → index.ts, hub/
 *
 * A module may import its own layer and the layers to its left. On top of that:
 * - `model/` imports no package but zod;
 * - `sandbox/` imports only `model/`, `vn/`, itself and node built-ins: an emulator that shared code
 *   with the client it checks would hide the client's bugs;
 * - nothing outside `sandbox/` imports the sandboxes (they ship on their own subpath);
 * - `platforms/x` never imports `platforms/y`; all of them may use `platforms/types.ts` (the adapter
 *   interfaces) and `platforms/marketplace/` (the engine voso and postmart share);
 * - `sandbox/x` likewise shares only `sandbox/marketplace/`;
 * - `sync/` depends on the adapter interfaces, never on a concrete platform;
 * - `catalog/` (spreadsheet reader) reads into the model: it may use model, vn, core, images, and is
 *   used only by sync and above;
 * - `cli/` (the `ocop-connect` bin) imports no other folder of src/: it reaches the library only through
 *   the package's public entry points, by name (`ocop-connect`, `ocop-connect/sandbox`, …), like any user;
 * - `testing/` (the `ocop-connect/testing` contract suite, for users' own adapters) likewise reaches the
 *   library only by name, so it checks an adapter through the very entries a user imports; it alone may
 *   import vitest (an optional peer dependency no other entry loads);
 * - relative imports end in `.js` (NodeNext resolution in the built package).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

export type Layer =
  | 'model'
  | 'vn'
  | 'core'
  | 'images'
  | 'catalog'
  | 'platforms'
  | 'store'
  | 'sync'
  | 'connector'
  | 'entry'
  | 'hub'
  | 'sandbox'
  | 'cli'
  | 'testing';

/** What each layer may import (besides itself). */
export const MAY_IMPORT: Readonly<Record<Layer, readonly Layer[]>> = {
  model: [],
  vn: ['model'],
  core: ['model', 'vn'],
  images: ['model', 'vn', 'core'],
  catalog: ['model', 'vn', 'core', 'images'],
  platforms: ['model', 'vn', 'core', 'images'],
  store: ['model', 'vn', 'core', 'images', 'platforms'],
  sync: ['model', 'vn', 'core', 'images', 'catalog', 'platforms', 'store'],
  connector: ['model', 'vn', 'core', 'images', 'catalog', 'platforms', 'store', 'sync'],
  entry: ['model', 'vn', 'core', 'images', 'catalog', 'platforms', 'store', 'sync', 'connector'],
  // Many cooperatives on one deployment (`ocop-connect/hub`): builds connectors from configuration.
  hub: ['model', 'vn', 'core', 'images', 'catalog', 'platforms', 'store', 'sync', 'connector'],
  sandbox: ['model', 'vn'],
  cli: [],
  testing: [],
};

/** Packages (not node built-ins) a layer may import; absent = any declared dependency. */
const ALLOWED_PACKAGES: Partial<Record<Layer, readonly string[]>> = {
  model: ['zod'],
  sandbox: [],
  cli: ['ocop-connect', 'commander', 'cli-progress', 'zod', 'exceljs', 'sharp'],
  testing: ['ocop-connect', 'vitest', 'sharp'],
};

/** Folders under `platforms/` and `sandbox/` that every sibling may share. */
const SHARED_SIBLING = 'marketplace';
/** Files directly under `platforms/` that every platform (and sync) may import. */
const PLATFORM_INTERFACES = new Set(['platforms/types.ts', 'platforms/index.ts']);

const BUILTINS = new Set(builtinModules);

/** `src/`-relative POSIX path ("platforms/voso/profile.ts") → its layer. */
export function layerOf(srcPath: string): Layer {
  const [head = ''] = srcPath.split('/');
  if (srcPath === 'connector.ts') return 'connector';
  if (srcPath === 'index.ts') return 'entry';
  const layers: readonly string[] = Object.keys(MAY_IMPORT);
  if (layers.includes(head)) return head as Layer;
  throw new Error(`src/${srcPath} is in no known layer: add its folder to test/architecture/import-rules.ts`);
}

/** The sub-folder of `platforms/` or `sandbox/` ("voso"), or undefined for a file directly below. */
function siblingOf(srcPath: string): string | undefined {
  const parts = srcPath.split('/');
  return parts.length > 2 ? parts[1] : undefined;
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0] ?? '');
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * Why `from` (a `src/`-relative path) may not import `specifier`, or undefined when it may.
 * Relative specifiers are resolved against `from`'s folder.
 */
export function importViolation(from: string, specifier: string): string | undefined {
  const fromLayer = layerOf(from);
  const where = `src/${from} imports '${specifier}'`;

  if (!specifier.startsWith('.')) {
    if (isBuiltin(specifier)) return undefined;
    if (packageName(specifier) === 'vitest' && fromLayer !== 'testing') {
      return `${where}: only testing/ may import vitest (an optional peer dependency; the other entries must load without it)`;
    }
    const allowed = ALLOWED_PACKAGES[fromLayer];
    if (allowed && !allowed.includes(packageName(specifier))) {
      return `${where}: ${fromLayer}/ may import ${allowed.length ? allowed.join(', ') : 'no package'} (and node built-ins) only`;
    }
    return undefined;
  }

  if (!specifier.endsWith('.js')) return `${where}: relative imports end in .js (NodeNext)`;
  const target = posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.js$/, '.ts');
  if (target.startsWith('../')) return `${where}: reaches outside src/`;
  const toLayer = layerOf(target);

  if (toLayer === fromLayer) {
    if (fromLayer !== 'platforms' && fromLayer !== 'sandbox') return undefined;
    const a = siblingOf(from);
    const b = siblingOf(target);
    if (a === b || b === undefined || a === undefined || b === SHARED_SIBLING) return undefined;
    return `${where}: ${fromLayer}/${a} must not import ${fromLayer}/${b} (only ${fromLayer}/${SHARED_SIBLING} is shared)`;
  }

  if (fromLayer === 'cli' || fromLayer === 'testing') {
    return `${where}: ${fromLayer}/ reaches the library only through its public entry points, by package name (ocop-connect/…)`;
  }
  if (toLayer === 'sandbox') return `${where}: only the sandboxes import sandbox code`;
  if (!MAY_IMPORT[fromLayer].includes(toLayer)) {
    return `${where}: ${fromLayer} may import ${MAY_IMPORT[fromLayer].join(', ') || 'nothing of ours'} only (layers flow downward)`;
  }
  if (fromLayer === 'sync' && toLayer === 'platforms' && !PLATFORM_INTERFACES.has(target)) {
    return `${where}: sync depends on the adapter interfaces (platforms/types.ts), not on a concrete platform`;
  }
  return undefined;
}

/**
 * Every module specifier a TypeScript source imports or re-exports: static, type-only, side-effect,
 * dynamic `import()` and `require()`. TypeScript's own pre-processor skips comments and strings.
 */
export function importSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

/**
 * Statements of an `index.ts` that are not re-exports (`export … from '…'`), as short text. STYLE:
 * `index.ts` only re-exports, so a reader finds code in the file named after it.
 */
export function nonReExports(source: string): string[] {
  const file = ts.createSourceFile('index.ts', source, ts.ScriptTarget.Latest, true);
  return file.statements
    .filter((statement) => !(ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined))
    .map((statement) => statement.getText(file).split('\n')[0] ?? '');
}

/** Every `.ts` file under `dir`, as `dir`-relative POSIX paths. */
export function listSources(dir: string): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return walk(path);
      return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
    });
  return walk(dir).map((path) => relative(dir, path).split(sep).join('/'));
}

export interface ImportEdge {
  from: string;
  specifier: string;
}

/** All import edges of the tree under `srcDir`. */
export function collectImports(srcDir: string): ImportEdge[] {
  return listSources(srcDir).flatMap((from) =>
    importSpecifiers(readFileSync(join(srcDir, from), 'utf8')).map((specifier) => ({ from, specifier })),
  );
}

/**
 * The import cycles of a tree (type-only imports included: a cycle of types still ties two files
 * together): each strongly connected group of more than one file, as `src/`-relative paths, sorted.
 */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const { from, specifier } of edges) {
    if (!specifier.startsWith('.')) continue;
    const to = posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.js$/, '.ts');
    graph.set(from, [...(graph.get(from) ?? []), to]);
  }
  // Tarjan's strongly connected components.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) cycles.push(group.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}
