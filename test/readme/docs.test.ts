import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultVnAdmin } from '../../src/index.js';

/*
 * What the README and docs/*.md tell a user must be true of the package they install (#18 trial 10–12):
 * examples import only what an entry exports, no internal code name is presented as something to use,
 * the publish flow is told in one order, and every publish outcome and action is explained.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Entry → the names it exports, from the checked-in API report (compared with the build by test/architecture). */
function publicNames(): Map<string, Set<string>> {
  const entries = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const line of read('docs/api/ocop-connect.api.md').split('\n')) {
    const heading = /^## `([^`]+)`/.exec(line);
    if (heading) {
      current = new Set();
      entries.set(heading[1]!, current);
      continue;
    }
    const name = /^- \w+ \*\*([\w$]+)\*\*/.exec(line)?.[1];
    if (name && current) current.add(name);
  }
  return entries;
}

/** Every name declared anywhere in src/ (exported or not): code names a document could mention. */
function declaredNames(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        for (const m of read(path).matchAll(/^\s*(?:export\s+)?(?:const|let|function|class)\s+([\w$]+)/gm))
          names.add(m[1]!);
      }
    }
  };
  walk('src');
  return names;
}

/** An entry's section of the API report (the root's by default). */
function entrySection(specifier = 'ocop-connect'): string {
  const report = read('docs/api/ocop-connect.api.md');
  const start = report.indexOf(`## \`${specifier}\``);
  const end = report.indexOf('\n## ', start + 1);
  return report.slice(start, end === -1 ? undefined : end);
}

/** Every value (function, class, const) an entry exports, with its kind and signature. */
function rootValues(specifier = 'ocop-connect'): { kind: string; name: string; signature: string }[] {
  return [
    ...entrySection(specifier).matchAll(/^- (function|class|const|enum) \*\*([\w$]+)\*\*(?:: `(.*)`)?$/gm),
  ].map((m) => ({ kind: m[1]!, name: m[2]!, signature: m[3] ?? '' }));
}

function rootTypeNames(specifier = 'ocop-connect'): Set<string> {
  return new Set(
    [...entrySection(specifier).matchAll(/^- (?:type|interface) \*\*([\w$]+)\*\*/gm)].map((m) => m[1]!),
  );
}

/** `<const T extends object>(value: T) => T` → `(value: T) => T`. */
function withoutTypeParameters(signature: string): string {
  if (!signature.startsWith('<')) return signature;
  let depth = 0;
  for (let i = 0; i < signature.length; i++) {
    if (signature[i] === '<') depth++;
    if (signature[i] === '>' && signature[i - 1] !== '=') depth--;
    if (depth === 0) return signature.slice(i + 1);
  }
  return signature;
}

/** The parameter names of a function signature `(a: A, b?: (x: X) => Y) => R`, optional ones with `?`. */
function parameterNames(signature: string): string[] {
  signature = withoutTypeParameters(signature);
  let depth = 0;
  let current = '';
  const parts: string[] = [];
  for (let i = 1; i < signature.length; i++) {
    const c = signature[i]!;
    if (c === '=' && signature[i + 1] === '>') {
      current += '=>';
      i++;
      continue;
    }
    if (depth === 0 && c === ')') {
      parts.push(current);
      break;
    }
    if ('([{<'.includes(c)) depth++;
    if (')]}>'.includes(c)) depth--;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  return parts
    .map((p) => /^\s*(\.\.\.)?([\w$]+)(\?)?:/.exec(p))
    .filter((m) => m !== null)
    .map((m) => `${m[1] ?? ''}${m[2]}${m[3] ?? ''}`);
}

/** The table rows of docs/reference.md: the first cell's code span, a name and, for a function, its parameters. */
function referenceRows(text: string): { name: string; parameters?: string[] }[] {
  return [...text.matchAll(/^\| `([\w$]+)(?:\(([^)]*)\))?` \|/gm)].map((m) => ({
    name: m[1]!,
    ...(m[2] === undefined ? {} : { parameters: m[2] === '' ? [] : m[2].split(',').map((p) => p.trim()) }),
  }));
}

/** The classes the README's error table names (its first column). */
function readmeErrorTable(): Set<string> {
  const readme = read('README.md');
  const section = readme.slice(
    readme.indexOf('\n## Errors'),
    readme.indexOf('\n## ', readme.indexOf('\n## Errors') + 1),
  );
  const names = new Set<string>();
  for (const row of section.matchAll(/^\| ([^|]+) \|/gm))
    for (const code of row[1]!.matchAll(/`([\w$]+)`/g)) names.add(code[1]!);
  return names;
}

/** GitHub's anchors for a markdown file's headings. */
function headingAnchors(text: string): Set<string> {
  return new Set(
    [...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      m[1]!
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}

function codeBlocks(text: string): string[] {
  return [...text.matchAll(/```(?:ts|js|mjs|cjs|typescript)\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

const PUBLISH_FLOW =
  "One way through, per product: **validate** (the model, then each platform's listing rules and category mapping) → **plan** (hashes against the store: create, update or unchanged) → **check what would be written** (the category's required attributes; a create waiting on a link decision is `held`; images only in a dry run with `checkImages`) → **apply** (images prepared and uploaded, then create, update or bulk price/stock). `dryRun` stops before apply; apply checks nothing of ours again except that each image can be decoded.";

/** Compared without regard to line breaks. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** The members of a string-literal union declared in src/sync/publish/types.ts. */
function unionOf(typeName: string): string[] {
  const types = read('src/sync/publish/types.ts');
  const body = new RegExp(`export type ${typeName} =([^;]+);`).exec(types)?.[1] ?? '';
  return [...body.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
}

/** What is wrong with an entry's reference rows: a value without its row or with other parameters, a stale row. */
function referenceProblems(specifier: string, rows: { name: string; parameters?: string[] }[]): string[] {
  const values = rootValues(specifier);
  const errorTable = readmeErrorTable();
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(row.name, (seen.get(row.name) ?? 0) + 1);
  for (const { kind, name, signature } of values) {
    const row = rows.find((r) => r.name === name);
    // The error classes are documented by the README's error table (kind, what to do) or by a row.
    if (kind === 'class' && name.endsWith('Error') && !row) {
      if (!errorTable.has(name))
        problems.push(`${name}: an error class missing from the README's error table`);
      continue;
    }
    if (!row) {
      problems.push(`${name}: no row in docs/reference.md`);
      continue;
    }
    if ((seen.get(name) ?? 0) > 1) problems.push(`${name}: ${seen.get(name)} rows`);
    const plain = withoutTypeParameters(signature);
    const declared = plain.startsWith('(') ? parameterNames(plain) : undefined;
    if (declared && row.parameters?.join(', ') !== declared.join(', '))
      problems.push(
        `${name}: row says (${row.parameters?.join(', ') ?? 'no parameters'}), declared (${declared.join(', ')})`,
      );
    if (!declared && row.parameters) problems.push(`${name}: not a function, but its row gives parameters`);
  }
  const names = new Set(values.map((v) => v.name));
  const types = rootTypeNames(specifier);
  for (const row of rows)
    if (!names.has(row.name) && !types.has(row.name))
      problems.push(`${row.name}: a row for a name ${specifier} does not export`);
  return problems;
}

describe('docs describe the package users install', () => {
  it('every example imports from a package entry, and only names that entry exports', () => {
    const entries = publicNames();
    const problems: string[] = [];
    for (const doc of DOCS.filter((d) => !d.startsWith('docs/api/'))) {
      for (const block of codeBlocks(read(doc))) {
        for (const m of block.matchAll(/^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/gm)) {
          const from = m[3]!;
          if (from.startsWith('node:') || !(from.startsWith('ocop-connect') || from.startsWith('.')))
            continue;
          const exported = entries.get(from);
          if (!exported) {
            problems.push(`${doc}: imports from '${from}', which is no entry of the package`);
            continue;
          }
          for (const spec of m[2]!.split(',')) {
            const name = spec
              .replace(/^\s*type\s+/, '')
              .split(/\s+as\s+/)[0]!
              .trim();
            if (name && !exported.has(name)) problems.push(`${doc}: '${from}' exports no ${name}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('docs/reference.md has one row per root value, with its real parameters (trial 1 of #18, defects 3/4)', () => {
    const values = rootValues();
    expect(values.length).toBeGreaterThan(100);
    const reference = read('docs/reference.md');
    const rootPart = reference.slice(0, reference.indexOf('\n# Sub-entries'));
    expect(referenceProblems('ocop-connect', referenceRows(rootPart))).toEqual([]);
  });

  it("docs/reference.md's administrative-unit rows are methods of defaultVnAdmin(), as its text says (#18)", () => {
    const reference = read('docs/reference.md');
    const start = reference.indexOf('\n## Administrative units');
    expect(start).toBeGreaterThan(-1);
    const section = reference.slice(start, reference.indexOf('\n## ', start + 1));
    expect(section).toContain("each lookup below\nis that instance's method of the same name");
    // The instance, the class, the factory and the data folder are the entry's own; every other row is a lookup.
    const own = new Set(['defaultVnAdmin', 'createVnAdmin', 'VnAdmin', 'findVnAdminDataDir']);
    const lookups = referenceRows(section).filter((row) => !own.has(row.name));
    expect(lookups.length).toBeGreaterThan(15);
    const admin = defaultVnAdmin() as unknown as Record<string, unknown>;
    const notMethods = lookups.filter((row) => typeof admin[row.name] !== 'function').map((row) => row.name);
    expect(notMethods).toEqual([]);
  });

  it('docs/reference.md has a part per sub-entry with one row per value it exports (trial 2 of #18, defect 13)', () => {
    const reference = read('docs/reference.md');
    const subEntries = [...publicNames().keys()].filter((e) => e !== 'ocop-connect');
    expect(subEntries.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const specifier of subEntries) {
      const start = reference.indexOf(`\n## \`${specifier}\`\n`);
      if (start === -1) {
        problems.push(`${specifier}: no part in docs/reference.md`);
        continue;
      }
      const end = reference.indexOf('\n#', start + 1);
      const rows = referenceRows(reference.slice(start, end === -1 ? undefined : end));
      problems.push(...referenceProblems(specifier, rows).map((p) => `${specifier} ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it('the root exports one option type per connector method, and its JSDoc names what the root exports (trial 2 of #18, defect 14)', () => {
    const types = rootTypeNames();
    const values = new Set(rootValues().map((v) => v.name));
    // `FulfilOptions` (marketplace, carrier, store required) beside `ConnectorFulfilOptions`: two ways through.
    const twoWays = [...types]
      .filter((name) => /^Connector\w+Options$/.test(name) && types.has(name.slice('Connector'.length)))
      .map((name) => `${name.slice('Connector'.length)} beside ${name}`);
    expect(twoWays).toEqual([]);
    // "(see `publish`)" in the Connector's JSDoc, of a function the root no longer exports.
    // A "see" names a root export (or a member of one: `ConnectorOptions.chooseCarrier`).
    const stale = [...read('src/connector/types.ts').matchAll(/see `(\w+)(?:\.\w+)?`/g)]
      .map((m) => m[1]!)
      .filter((name) => !values.has(name) && !types.has(name));
    expect(stale).toEqual([]);
  });

  it("the reference's links lead to headings that exist", () => {
    const problems: string[] = [];
    for (const m of read('docs/reference.md').matchAll(/\]\(([^)#]+)#([^)]+)\)/g)) {
      const target = join('docs', m[1]!);
      if (!headingAnchors(read(target)).has(m[2]!)) problems.push(`${m[1]}#${m[2]}`);
    }
    expect(problems).toEqual([]);
  });

  it("the CHANGELOG states the root's name count of the API report", () => {
    const report = read('docs/api/ocop-connect.api.md');
    const count = /^\| `ocop-connect` \| (\d+) \|$/m.exec(report)?.[1];
    expect(count).toBeDefined();
    const stated = [
      ...read('CHANGELOG.md').matchAll(/root entry `ocop-connect` exports \*\*(\d+)\*\* names/g),
    ];
    expect(stated.map((m) => m[1])).toEqual([count]);
    // No other count of root names that could go stale (the trial found "480 → 456" beside a report of 455).
    expect(read('CHANGELOG.md')).not.toMatch(/\d+ → \d+ names/);
  });

  it('no internal constant is named as if users could import it', () => {
    const entries = publicNames();
    const everyPublic = new Set([...entries.values()].flatMap((s) => [...s]));
    // Names of a platform's wire format that a constant of ours happens to share.
    const wireFields = new Set(['ORDER_PAYMENT', 'ORDER_STATUS']);
    const internal = [...declaredNames()].filter(
      (n) => /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(n) && !everyPublic.has(n) && !wireFields.has(n),
    );
    const problems: string[] = [];
    for (const doc of DOCS) {
      const text = read(doc);
      for (const name of internal)
        if (new RegExp(`\`[^\`\\n]*\\b${name}\\b[^\`\\n]*\``).test(text)) problems.push(`${doc}: ${name}`);
    }
    expect(problems).toEqual([]);
  });

  it('README, publish.md and architecture.md tell the publish flow in the same one order', () => {
    for (const doc of ['README.md', 'docs/publish.md', 'docs/architecture.md'])
      expect(flat(read(doc)).includes(flat(PUBLISH_FLOW)), `${doc} tells the flow in other words`).toBe(true);
    // The orders the trial found (#18 trial 10) are gone.
    expect(read('docs/architecture.md')).not.toContain('2. VALIDATE');
    expect(read('docs/publish.md')).not.toContain('Before uploading anything for a product');
  });

  it('every PublishOutcome and PlannedAction value is documented; checkImages is in README and publish.md', () => {
    const outcomes = unionOf('PublishOutcome');
    const actions = unionOf('PlannedAction');
    expect(outcomes).toEqual(expect.arrayContaining(['created', 'planned', 'held']));
    expect(actions).toEqual(expect.arrayContaining(['create', 'skip']));
    const publishDoc = read('docs/publish.md');
    const results = publishDoc.slice(publishDoc.indexOf('## Results'));
    for (const outcome of outcomes)
      expect(results, `outcome ${outcome}`).toMatch(new RegExp(`\\| \`${outcome}\` \\|`));
    for (const action of actions) expect(results, `action ${action}`).toContain(`\`${action}\``);
    const readme = read('README.md');
    for (const outcome of outcomes) expect(readme, `README outcome ${outcome}`).toContain(`\`${outcome}\``);
    expect(readme).toContain('checkImages');
    expect(publishDoc).toContain('checkImages');
  });
});
