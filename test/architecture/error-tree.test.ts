/**
 * One error tree: every error class the library can throw extends OcopConnectError, and every error
 * class a public entry exports is one of them. The only classes extending `Error` directly are the
 * root itself and a few that never leave their process boundary (listed below, with the reason).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { listSources } from './import-rules.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/** Classes allowed to extend `Error` directly, and why they never reach a library user. */
const OUTSIDE_THE_TREE: Record<string, string> = {
  'model/error-root.ts OcopConnectError': 'the root itself',
  'sandbox/marketplace/errors.ts SandboxError':
    'emulator-internal: turned into an HTTP answer inside the sandbox server',
  'sandbox/vnpost/http-answer.ts SandboxHttpError': 'emulator-internal: turned into an HTTP answer',
  'sandbox/viettelpost/envelope.ts VtpApiError': 'emulator-internal: turned into an envelope answer',
  'sandbox/shopee/shopee-fault.ts ShopeeFault': 'emulator-internal: turned into an HTTP answer',
  'cli/errors.ts CliError': 'the bin prints it and exits; never thrown to library callers',
  'cli/hub-config.ts HubFileError': 'the bin prints it and exits; never thrown to library callers',
};

function classesExtendingError(): string[] {
  const found: string[] = [];
  for (const path of listSources(SRC)) {
    const text = readFileSync(join(SRC, path), 'utf8');
    const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isClassDeclaration(node) && node.name) {
        const extended = node.heritageClauses
          ?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)
          ?.types[0]?.expression.getText(file);
        if (extended === 'Error' || extended === 'TypeError' || extended === 'RangeError') {
          found.push(`${path} ${node.name.text}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found.sort();
}

const ENTRIES = [
  'ocop-connect',
  'ocop-connect/viettelpost',
  'ocop-connect/vnpost',
  'ocop-connect/marketplace',
  'ocop-connect/voso',
  'ocop-connect/postmart',
  'ocop-connect/shopee',
  'ocop-connect/sandbox',
  'ocop-connect/images',
  'ocop-connect/postgres',
  'ocop-connect/hub',
] as const;

describe('one error tree', () => {
  it('no class extends Error directly but the root and the listed process-internal ones', () => {
    expect(classesExtendingError()).toEqual(Object.keys(OUTSIDE_THE_TREE).sort());
  });

  it('every error class exported by a public entry is an OcopConnectError', async () => {
    const { OcopConnectError } = await import('ocop-connect');
    const outside: string[] = [];
    let errorClasses = 0;
    for (const entry of ENTRIES) {
      const module = (await import(entry)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        if (typeof value !== 'function' || !(value.prototype instanceof Error)) continue;
        errorClasses++;
        if (value !== OcopConnectError && !(value.prototype instanceof OcopConnectError)) {
          outside.push(`${entry} ${name}`);
        }
      }
    }
    expect(outside).toEqual([]);
    // The check saw the tree (a broken import would make it vacuous).
    expect(errorClasses).toBeGreaterThan(20);
  });
});
