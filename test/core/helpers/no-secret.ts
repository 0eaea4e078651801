import { inspect } from 'node:util';
import { expect } from 'vitest';

/**
 * `secret` is nowhere in `error`: not in its inspection (every own field, the cause chain), its JSON
 * (what a logger writes), its stack, messages or issues — nor in any cause down the chain.
 */
export function expectNoSecret(error: unknown, secret: string): void {
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    expect(inspect(current, { depth: 20, showHidden: true })).not.toContain(secret);
    expect(JSON.stringify(current) ?? '').not.toContain(secret);
    if (current instanceof Error) {
      expect(current.stack ?? '').not.toContain(secret);
      expect(current.message).not.toContain(secret);
    }
    const fields = current as {
      messageVi?: unknown;
      messageEn?: unknown;
      issues?: unknown;
      problems?: unknown;
    };
    expect(
      inspect([fields.messageVi, fields.messageEn, fields.issues, fields.problems], { depth: 20 }),
    ).not.toContain(secret);
    current = (current as { cause?: unknown }).cause;
  }
}
