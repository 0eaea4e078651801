import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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

  it('every value the root entry exports is named in the README or a doc (the surface grows only on purpose)', () => {
    const report = read('docs/api/ocop-connect.api.md');
    const root = report.slice(report.indexOf('## `ocop-connect`'), report.indexOf('## `ocop-connect/'));
    const values = [...root.matchAll(/^- (function|class|const|enum) \*\*([\w$]+)\*\*/gm)].map((m) => m[2]!);
    expect(values.length).toBeGreaterThan(100);
    // Named as code: in an inline code span or a code block, not by accident in prose.
    const code = DOCS.filter((d) => !d.startsWith('docs/api/'))
      .map((doc) => {
        const text = read(doc);
        return [...codeBlocks(text), ...[...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!)].join('\n');
      })
      .join('\n');
    const unnamed = values.filter(
      (name) => !new RegExp(`(?<![\\w$])${name.replace('$', '\\$')}(?![\\w$])`).test(code),
    );
    expect(unnamed).toEqual([]);
  });

  it('no internal constant is named as if users could import it', () => {
    const entries = publicNames();
    const everyPublic = new Set([...entries.values()].flatMap((s) => [...s]));
    // Names of a platform's wire format that a constant of ours happens to share.
    const wireFields = new Set(['ORDER_PAYMENT']);
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
