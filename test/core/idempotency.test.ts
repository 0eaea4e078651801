import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_USER_AGENT,
  LIBRARY_VERSION,
  newIdempotencyKey,
  stableReference,
} from '../../src/core/index.js';

describe('stableReference', () => {
  it('is deterministic and sensitive to every part', () => {
    const a = stableReference(['shipment', 'order-123']);
    expect(stableReference(['shipment', 'order-123'])).toBe(a);
    expect(stableReference(['shipment', 'order-124'])).not.toBe(a);
    expect(stableReference(['shipment order-123'])).not.toBe(a);
  });

  it('uses the prefix, the length and the Crockford alphabet', () => {
    const ref = stableReference(['x'], { prefix: 'OC', length: 12 });
    expect(ref).toMatch(/^OC[0-9A-HJKMNP-TV-Z]{12}$/);
  });

  it('pins one vector so a refactor cannot silently change every reference ever stamped', () => {
    // sha256("shipment\\u001forder-123"), first 80 bits in Crockford base32.
    expect(stableReference(['shipment', 'order-123'])).toBe('NXFEM55SQY4V1F74');
  });
});

describe('newIdempotencyKey', () => {
  it('is a fresh UUID per logical write', () => {
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f-]{36}$/);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});

describe('version', () => {
  it('matches package.json and names the library in the User-Agent', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(LIBRARY_VERSION).toBe(pkg.version);
    expect(DEFAULT_USER_AGENT).toBe(`ocop-connect/${pkg.version}`);
  });
});
