/**
 * The bin puts the platform's name in front of a library error's text, once: a text that already
 * starts with it ("voso: …", as the marketplace engine's contract errors do) is not prefixed again.
 */
import { ContractViolationError, ServerError } from 'ocop-connect';
import { describe, expect, it } from 'vitest';
import { describeErrorBoth } from '../../src/cli/errors.js';

describe('a library error names its platform once', () => {
  it('"voso: …" stays "voso: …", not "voso: voso: …"', () => {
    const { text } = describeErrorBoth(
      new ContractViolationError('voso: an order page has no orders array', { platform: 'voso' }),
    );
    expect(text.en).toBe('voso: an order page has no orders array');
    expect(text.vi.startsWith('voso: ')).toBe(true);
    expect(text.vi).not.toContain('voso: voso:');
    expect(text.en).not.toContain('voso: voso:');
  });

  it('a text without the name gets it in front', () => {
    const { text } = describeErrorBoth(
      new ServerError(
        { vi: 'Máy chủ lỗi (HTTP 500)', en: 'Server error (HTTP 500)' },
        { platform: 'postmart' },
      ),
    );
    expect(text).toEqual({ vi: 'postmart: Máy chủ lỗi (HTTP 500)', en: 'postmart: Server error (HTTP 500)' });
  });
});
