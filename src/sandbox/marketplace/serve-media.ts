import type { ServerResponse } from 'node:http';
import type { MarketplaceEngine } from './engine.js';

const MEDIA_PREFIX = '/media/';

/** Where a sandbox serves an image it stores: `<origin>/media/<id>`. */
export function mediaUrl(origin: string, id: string): string {
  return `${origin}${MEDIA_PREFIX}${id}`;
}

/** The image id a request path names under `/media/`, or undefined for any other path. */
export function mediaIdOf(pathname: string): string | undefined {
  return pathname.startsWith(MEDIA_PREFIX)
    ? decodeURIComponent(pathname.slice(MEDIA_PREFIX.length))
    : undefined;
}

/** Answers `GET /media/<id>` with the stored image bytes (PNG or JPEG), or a plain 404. */
export function serveMedia(res: ServerResponse, engine: MarketplaceEngine, id: string): void {
  const image = engine.images().find((candidate) => candidate.id === id);
  const bytes = image ? engine.imageBytes(image.id) : undefined;
  if (!image || !bytes) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': image.format === 'PNG' ? 'image/png' : 'image/jpeg',
    'content-length': bytes.length,
  });
  res.end(bytes);
}
