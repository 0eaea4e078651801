import type { ServerResponse } from 'node:http';
import type { MarketplaceEngine } from './engine.js';

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
