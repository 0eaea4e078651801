/**
 * #18 (helper Y2, trial 6 items 14 and 16): the shared describer and the shared zod-issue wording.
 * An empty text was described as "(got string)"; a misspelt top-level option name got no suggestion
 * while a misspelt credential key did. Both go through the public entry points; nothing is sent.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, ValidationError, writeCatalogTemplate } from '../../src/index.js';
import { computeWebhookSignature, createCategoryMapper } from '../../src/platforms/marketplace/index.js';
import { POSTMART_PROFILE } from '../../src/platforms/postmart/index.js';
import { voso } from '../../src/platforms/voso/index.js';
import { failure } from '../core/helpers/failure.js';

const BASE = 'http://127.0.0.1:9';

describe('an empty text is named as such, in both languages', () => {
  it('computeWebhookSignature(spec, "", …): secret is "empty text" / "chuỗi rỗng"', async () => {
    const error = await failure(() => computeWebhookSignature(POSTMART_PROFILE.webhook, '', '{}', '1'));
    expect(error).toBeInstanceOf(ValidationError);
    const { messageVi, messageEn } = error as ValidationError;
    expect(messageEn).toContain('secret: must be a non-empty string (got empty text)');
    expect(messageVi).toContain('secret: phải là');
    expect(messageVi).toContain('(nhận được chuỗi rỗng)');
    expect(messageVi).not.toMatch(/empty|string\)/);
  });

  it('writeCatalogTemplate(folder, ""): baseName is "empty text"; nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'y2-template-'));
    const error = await failure(() => writeCatalogTemplate(dir, ''));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).messageEn).toContain('baseName');
    expect((error as ValidationError).messageEn).toContain('(got empty text)');
    expect((error as ValidationError).messageVi).toContain('(nhận được chuỗi rỗng)');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a misspelt top-level option name gets the nearest known one', () => {
  async function refusal(build: () => unknown): Promise<ConfigurationError> {
    const error = await failure(build);
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }

  it('voso({ credential }) → did you mean "credentials"', async () => {
    const error = await refusal(() =>
      voso({ baseUrl: BASE, credential: { username: 'u', password: 'p' } } as never),
    );
    expect(error.messageEn).toContain('no such option: credential (did you mean "credentials"?)');
    expect(error.messageVi).toContain('không có tùy chọn: credential (có phải "credentials"?)');
  });

  it('voso({ webhooksecret }) → did you mean "webhookSecret"', async () => {
    const error = await refusal(() =>
      voso({
        baseUrl: BASE,
        credentials: { username: 'u', password: 'p' },
        webhooksecret: 's',
      } as never),
    );
    expect(error.messageEn).toContain('webhooksecret (did you mean "webhookSecret"?)');
    expect(error.messageVi).toContain('webhooksecret (có phải "webhookSecret"?)');
  });

  it('createCategoryMapper({ mapings }) → did you mean "mappings"', async () => {
    const adapter = voso({ baseUrl: BASE, credentials: { username: 'u', password: 'p' } });
    const error = await refusal(() => createCategoryMapper({ adapters: [adapter], mapings: {} } as never));
    expect(error.messageEn).toContain('mapings (did you mean "mappings"?)');
    expect(error.messageVi).toContain('mapings (có phải "mappings"?)');
  });
});
