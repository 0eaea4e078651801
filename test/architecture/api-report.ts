/**
 * The public API report: every name each package entry exports, with its kind and signature, as one
 * markdown file (docs/api/ocop-connect.api.md) that is checked in and compared by a test. A change to
 * the public surface therefore shows up in review as a diff of that file.
 *
 *   npx tsx test/architecture/api-report.ts           # print the report
 *   npx tsx test/architecture/api-report.ts --write   # rewrite docs/api/ocop-connect.api.md
 *
 * It reads the entries from package.json `exports` and their sources from tsconfig `paths`, i.e. the
 * same mapping the build uses; declarations come from the TypeScript compiler's own view of the
 * exports (re-exports and `export *` chains resolved), so what is reported is what a user can import.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const API_REPORT_PATH = join(ROOT, 'docs/api/ocop-connect.api.md');

interface Entry {
  specifier: string;
  source: string;
}

export function packageEntries(): Entry[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, unknown>;
  };
  const tsconfig = ts.parseConfigFileTextToJson(
    'tsconfig.json',
    readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'),
  ).config as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return Object.keys(pkg.exports)
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => {
      const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
      const source = tsconfig.compilerOptions.paths[specifier]?.[0];
      if (!source)
        throw new Error(
          `tsconfig.json has no path for ${specifier}: add it (the build and tests need it too)`,
        );
      return { specifier, source: join(ROOT, source) };
    });
}

function kindOf(symbol: ts.Symbol): string {
  const f = symbol.flags;
  if (f & ts.SymbolFlags.Class) return 'class';
  if (f & ts.SymbolFlags.Function) return 'function';
  if (f & ts.SymbolFlags.Enum) return 'enum';
  if (f & ts.SymbolFlags.Interface) return 'interface';
  if (f & ts.SymbolFlags.TypeAlias) return 'type';
  if (f & ts.SymbolFlags.Variable) return 'const';
  if (f & ts.SymbolFlags.Namespace) return 'namespace';
  return 'other';
}

function signatureOf(checker: ts.TypeChecker, symbol: ts.Symbol, kind: string): string {
  const declaration = symbol.declarations?.[0];
  if (!declaration) return '';
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;
  if (kind === 'function' || kind === 'const') {
    return checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, declaration), declaration, flags);
  }
  if (kind === 'class') {
    const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    const members = checker
      .getPropertiesOfType(instance)
      .filter((m) => !m.name.startsWith('#') && !m.name.startsWith('__'))
      .map((m) => m.name)
      .sort();
    const base = checker.getBaseTypes(instance as ts.InterfaceType).map((b) => checker.typeToString(b));
    void type;
    return `${base.length ? `extends ${base.join(', ')} ` : ''}{ ${members.join(', ')} }`;
  }
  if (kind === 'interface') {
    const members = checker
      .getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))
      .map((m) => m.name)
      .sort();
    return `{ ${members.join(', ')} }`;
  }
  if (kind === 'type' || kind === 'enum') {
    return checker.typeToString(
      checker.getDeclaredTypeOfSymbol(symbol),
      declaration,
      flags | ts.TypeFormatFlags.InTypeAlias,
    );
  }
  return '';
}

export interface ApiEntryReport {
  specifier: string;
  names: { name: string; kind: string; signature: string }[];
}

export function collectApi(): ApiEntryReport[] {
  const entries = packageEntries();
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('cannot read tsconfig.json');
  const program = ts.createProgram(
    entries.map((e) => e.source),
    { ...parsed.options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  return entries.map(({ specifier, source }) => {
    const file = program.getSourceFile(source);
    const moduleSymbol = file && checker.getSymbolAtLocation(file);
    if (!moduleSymbol) throw new Error(`cannot read the exports of ${source}`);
    const names = checker.getExportsOfModule(moduleSymbol).map((exported) => {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const kind = kindOf(symbol);
      return {
        name: exported.name,
        kind,
        signature: signatureOf(checker, symbol, kind).replace(/\s+/g, ' '),
      };
    });
    names.sort((a, b) => a.name.localeCompare(b.name));
    return { specifier, names };
  });
}

export function renderApiReport(report: ApiEntryReport[]): string {
  const lines = [
    '# ocop-connect — public API report',
    '',
    'Generated by `npx tsx test/architecture/api-report.ts --write`; compared by test/architecture/api-report.test.ts.',
    'A diff here is a change to what users can import: review it as such (semver).',
    '',
    '| entry | names |',
    '| --- | --- |',
    ...report.map((e) => `| \`${e.specifier}\` | ${e.names.length} |`),
    '',
  ];
  for (const entry of report) {
    lines.push(`## \`${entry.specifier}\``, '');
    for (const { name, kind, signature } of entry.names) {
      lines.push(`- ${kind} **${name}**${signature ? `: \`${signature.replaceAll('`', "'")}\`` : ''}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderApiReport(collectApi());
  if (process.argv.includes('--write')) {
    mkdirSync(dirname(API_REPORT_PATH), { recursive: true });
    writeFileSync(API_REPORT_PATH, text);
    console.log(`wrote ${API_REPORT_PATH}`);
  } else {
    process.stdout.write(text);
  }
}
