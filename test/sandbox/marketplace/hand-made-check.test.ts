/**
 * `handMadeListings` entries are checked when a marketplace sandbox starts (trial 3 of #18, defect 4):
 * an unknown category, a listing without variants, a price that is not a number and a negative stock
 * come back as one error of the library's tree, kind `configuration`, in Vietnamese and English, each
 * problem with its path; nothing listens. And `setFaults` refuses a wrong-typed fault (MEDIUM 14).
 */
import { describe, expect, it } from 'vitest';
import { OcopConnectError } from '../../../src/index.js';
import { startPostmartSandbox, startShopeeSandbox, startVosoSandbox } from '../../../src/sandbox/index.js';

type Start = (options?: never) => Promise<{ close(): Promise<void>; setFaults(f: never): void }>;

const STARTS: readonly [string, Start][] = [
  ['startVosoSandbox', startVosoSandbox as Start],
  ['startPostmartSandbox', startPostmartSandbox as Start],
  ['startShopeeSandbox', startShopeeSandbox as Start],
];

const good = {
  sellerSku: 'A',
  title: 'Mật ong rừng',
  description: 'x',
  category: 'Mật ong',
  weightGrams: 100,
  variants: [{ sku: 'A-1', priceVnd: 1000, stock: 1 }],
};

async function refusal(start: Start, options: unknown): Promise<OcopConnectError> {
  const error = await start(options as never).then(
    async (box) => {
      await box.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OcopConnectError);
  return error as OcopConnectError;
}

describe.each(STARTS)('%s: handMadeListings', (name, start) => {
  it('refuses every bad entry at once, with paths, in both languages', async () => {
    const error = await refusal(start, {
      handMadeListings: [
        good,
        { ...good, category: 'Mat ong' },
        { ...good, variants: [{ sku: 'A1', priceVnd: 'x', stock: -1 }] },
        { title: 'B', description: 'y', category: 'Mật ong', weightGrams: 5 },
      ],
    });
    expect(error.kind).toBe('configuration');
    expect(error.messageEn).toContain(`${name}: invalid options`);
    expect(error.messageVi).toContain(`${name}: tùy chọn không hợp lệ`);
    expect(error.messageEn).toContain(
      'handMadeListings[1].category: no leaf category "Mat ong" (did you mean "Mật ong"?)',
    );
    expect(error.messageVi).toContain(
      'handMadeListings[1].category: không có danh mục lá "Mat ong" (có phải "Mật ong"?)',
    );
    expect(error.messageEn).toContain(
      'handMadeListings[2].variants[0].priceVnd: must be a whole number, 0 or more (got string)',
    );
    expect(error.messageVi).toContain(
      'handMadeListings[2].variants[0].priceVnd: phải là một số nguyên không âm',
    );
    expect(error.messageEn).toContain(
      'handMadeListings[2].variants[0].stock: must be a whole number, 0 or more (got number)',
    );
    expect(error.messageEn).toContain('handMadeListings[3].variants: must be an array (got undefined)');
    expect(error.messageVi).toContain('handMadeListings[3].variants: phải là một mảng');
    expect(error.messageEn).not.toContain('handMadeListings[0]');
  });

  it('names the known categories when none is near, and an entry that is not an object', async () => {
    const error = await refusal(start, { handMadeListings: [{ ...good, category: 'Xe máy điện' }, 5] });
    expect(error.kind).toBe('configuration');
    expect(error.messageEn).toMatch(
      /handMadeListings\[0\]\.category: no leaf category "Xe máy điện"; known: .*"Mật ong"/,
    );
    expect(error.messageVi).toMatch(
      /handMadeListings\[0\]\.category: không có danh mục lá "Xe máy điện"; có: .*"Mật ong"/,
    );
    expect(error.messageEn).toContain('handMadeListings[1]: must be an object (got number)');
  });

  it('refuses setFaults({ failNext: { getOrder: "x" } }) and keeps a good fault', async () => {
    const box = await start({ handMadeListings: [good] } as never);
    try {
      let error: unknown;
      try {
        box.setFaults({ failNext: { getOrder: 'x' } } as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OcopConnectError);
      const refused = error as OcopConnectError;
      expect(refused.kind).toBe('validation');
      expect(refused.messageEn).toContain(
        'setFaults: faults.failNext.getOrder: must be a whole number, 0 or more (got string)',
      );
      expect(refused.messageVi).toContain(
        'setFaults: faults.failNext.getOrder: phải là một số nguyên không âm',
      );
      expect(() => box.setFaults({ failNext: { getOrder: 1 } } as never)).not.toThrow();
    } finally {
      await box.close();
    }
  });
});
