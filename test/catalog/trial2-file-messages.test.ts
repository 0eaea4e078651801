/**
 * The library's own words for a file it cannot read and a refused login (trial 2 of #18, item 16): a CSV
 * saved as UTF-16 is refused with the encoding named (README "Spreadsheets"), a damaged .xlsx has a
 * Vietnamese text that is all Vietnamese (the zip reader's English text and URL are the cause), and a
 * wrong Voso password has no English prefix in messageVi.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog/index.js';
import { ValidationError } from '../../src/core/errors.js';
import { voso } from '../../src/platforms/voso/index.js';
import { startVosoSandbox } from '../../src/sandbox/index.js';

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('readCatalog: a file it cannot read says why, in each language', () => {
  it('a CSV saved as UTF-16 LE (with or without a BOM) names UTF-16 LE in messageVi and messageEn', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-utf16-'));
    const text = 'Mã sản phẩm,Tên sản phẩm\nA1,Trà\n';
    for (const [name, bom] of [
      ['bom.csv', Buffer.from([0xff, 0xfe])],
      ['plain.csv', Buffer.alloc(0)],
    ] as const) {
      const file = join(dir, name);
      await writeFile(
        file,
        Buffer.concat([bom, Buffer.from(name === 'plain.csv' ? 'SKU,Name\nA1,Tea\n' : text, 'utf16le')]),
      );
      const error = await refusal(readCatalog(file));
      expect(error.issues.map((i) => i.code)).toEqual(['catalog.encoding']);
      expect(error.messageVi).toContain('được lưu bằng bảng mã UTF-16 LE, không phải UTF-8');
      expect(error.messageEn).toContain('is saved in the UTF-16 LE encoding, not UTF-8');
    }
  });

  it('a damaged .xlsx: messageVi is Vietnamese only (no zip-library text, no URL); that text is the cause', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-xlsx-'));
    const file = join(dir, 'hong.xlsx');
    await writeFile(file, 'this is not a zip file at all, just text');
    const error = await refusal(readCatalog(file));
    expect(error.issues.map((i) => i.code)).toEqual(['catalog.xlsx_unreadable']);
    expect(error.messageVi).toContain('không phải là tệp Excel .xlsx đọc được');
    expect(error.messageVi).not.toMatch(/https?:|zip file|central directory/i);
    expect(error.messageEn).not.toMatch(/https?:/);
    expect(String((error.cause as Error | undefined)?.message)).toMatch(/zip/i);
  });
});

describe('a refused login', () => {
  it('a wrong Voso password: messageVi without the English "voso login failed:", messageEn as before', async () => {
    const box = await startVosoSandbox();
    try {
      const adapter = voso({
        baseUrl: box.baseUrl,
        credentials: { ...box.credentials, password: 'sai-mat-khau' },
        retry: { retries: 0 },
      });
      const error = await adapter.getOrder('X').then(
        () => undefined,
        (e: unknown) => e as { kind: string; messageVi: string; messageEn: string },
      );
      await adapter.close();
      expect(error?.kind).toBe('authentication');
      expect(error?.messageVi).toMatch(/^voso: đăng nhập không thành công: Sai tên đăng nhập hoặc mật khẩu/);
      expect(error?.messageVi).not.toContain('login failed');
      expect(error?.messageEn).toMatch(/^voso login failed: /);
    } finally {
      await box.close();
    }
  });
});
