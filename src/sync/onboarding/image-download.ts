import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const IMAGE_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
};
/** A listing image download that hangs must not hold the whole export. */
export const IMAGE_DOWNLOAD_TIMEOUT_MS = 30_000;

/** Downloads one listing image next to the catalog file (a new file, never one already there), or why not. */
export async function downloadImage(
  url: string,
  dir: string,
  base: string,
  signal: AbortSignal | undefined,
): Promise<{ file: string } | { reason: string }> {
  try {
    const timeout = AbortSignal.timeout(IMAGE_DOWNLOAD_TIMEOUT_MS);
    const response = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    if (!response.ok) return { reason: `HTTP ${response.status}` };
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const ext = IMAGE_TYPES[type];
    if (!ext) return { reason: `not an image (${type || 'no content type'})` };
    const bytes = Buffer.from(await response.arrayBuffer());
    await mkdir(dir, { recursive: true });
    return { file: await writeNewImage(dir, base, ext, bytes) };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Writes a downloaded image without ever replacing a file already in the folder (a photo the user put
 * there, or replaced after an earlier pull): a file holding the same bytes is reused; otherwise the first
 * free name `base.ext`, `base-2.ext`, … is created exclusively (`wx`), so no other writer is overwritten
 * either (#10 re-trial: pull-catalog replaced the user's own images/daulac-1.png).
 */
async function writeNewImage(dir: string, base: string, ext: string, bytes: Buffer): Promise<string> {
  for (let n = 1; ; n++) {
    const file = n === 1 ? `${base}.${ext}` : `${base}-${n}.${ext}`;
    try {
      await writeFile(join(dir, file), bytes, { flag: 'wx' });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const existing = await readFile(join(dir, file)).catch(() => undefined);
      if (existing?.equals(bytes)) return file;
    }
  }
}
