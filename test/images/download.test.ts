import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageError, prepareImage } from '../../src/images/index.js';
import { rejectionOf } from '../core/helpers/failure.js';
import { SQUARE_SPEC, solid, startServer } from './image-fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
let png: Buffer;
const hits: string[] = [];
const hanging = new Set<Socket>();

beforeAll(async () => {
  png = await solid(600, 600, '#00aa00').png().toBuffer();
  server = await startServer((request, response) => {
    hits.push(request.url ?? '');
    const url = request.url ?? '/';
    if (url.startsWith('/photo.png')) {
      // A lying Content-Type: the bytes decide.
      response.writeHead(200, { 'content-type': 'text/html', 'content-length': png.length });
      response.end(png);
    } else if (url === '/never') {
      hanging.add(request.socket); // accept, never answer
    } else if (url === '/endless') {
      response.writeHead(200, { 'content-type': 'image/png' }); // no content-length
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = () => {
        while (response.write(chunk)) {
          if (response.destroyed) return;
        }
        response.once('drain', pump);
      };
      response.on('close', () => response.removeAllListeners('drain'));
      pump();
    } else if (url === '/huge-declared') {
      response.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      response.write(Buffer.alloc(1024));
    } else if (url === '/redirect') {
      response.writeHead(302, { location: '/photo.png?via=redirect' }).end();
    } else if (url.startsWith('/loop')) {
      response.writeHead(302, { location: `/loop${hits.length}` }).end();
    } else if (url === '/to-file') {
      response.writeHead(302, { location: 'file:///etc/passwd' }).end();
    } else {
      response.writeHead(404).end('not here');
    }
  });
});

afterAll(async () => {
  for (const socket of hanging) socket.destroy();
  await server.close();
});

const imageError = (promise: Promise<unknown>) => rejectionOf(promise, ImageError);

const local = { allowPrivateNetwork: true };

describe('images from URLs', () => {
  it('refuses a loopback URL unless allowPrivateNetwork is given, without sending a request', async () => {
    const before = hits.length;
    const error = await imageError(prepareImage({ url: `${server.url}/photo.png` }, SQUARE_SPEC));
    expect(error.code).toBe('URL_NOT_ALLOWED');
    expect(error.message).toContain('127.0.0.1');
    expect(error.messageVi).toContain('allowPrivateNetwork');
    expect(hits.length).toBe(before);

    const image = await prepareImage({ url: `${server.url}/photo.png` }, SQUARE_SPEC, local);
    expect([image.width, image.height]).toEqual([600, 600]);
    expect(image.contentType).toBe('image/jpeg');
  });

  it('refuses "localhost" too: every resolved address is checked', async () => {
    const port = new URL(server.url).port;
    const error = await imageError(prepareImage({ url: `http://localhost:${port}/photo.png` }, SQUARE_SPEC));
    expect(error.code).toBe('URL_NOT_ALLOWED');
  });

  it('refuses file:, ftp: and data: URLs whatever the options', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/a.jpg', 'data:image/png;base64,AAAA']) {
      const error = await imageError(prepareImage({ url }, SQUARE_SPEC, local));
      expect(error.code).toBe('URL_NOT_ALLOWED');
    }
  });

  it('follows a redirect, and refuses one that leaves http(s)', async () => {
    const image = await prepareImage({ url: `${server.url}/redirect` }, SQUARE_SPEC, local);
    expect(image.width).toBe(600);
    const error = await imageError(prepareImage({ url: `${server.url}/to-file` }, SQUARE_SPEC, local));
    expect(error.code).toBe('URL_NOT_ALLOWED');
  });

  it('stops after maxRedirects', async () => {
    const error = await imageError(
      prepareImage({ url: `${server.url}/loop` }, SQUARE_SPEC, { ...local, maxRedirects: 2 }),
    );
    expect(error.code).toBe('UNREACHABLE');
    expect(error.message).toContain('more than 2');
  });

  it('times out on a server that never answers', async () => {
    const started = Date.now();
    const error = await imageError(
      prepareImage({ url: `${server.url}/never` }, SQUARE_SPEC, { ...local, downloadTimeoutMs: 300 }),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(error.kind).toBe('timeout');
    expect(error.retriable).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('aborts a download that grows past the byte cap, with or without Content-Length', async () => {
    const endless = await imageError(
      prepareImage({ url: `${server.url}/endless` }, SQUARE_SPEC, { ...local, maxInputBytes: 1024 * 1024 }),
    );
    expect(endless.code).toBe('TOO_MANY_BYTES');
    const declared = await imageError(
      prepareImage({ url: `${server.url}/huge-declared` }, SQUARE_SPEC, {
        ...local,
        maxInputBytes: 1024 * 1024,
      }),
    );
    expect(declared.code).toBe('TOO_MANY_BYTES');
  });

  it('reports HTTP errors and refused connections as unreachable (retriable)', async () => {
    const missing = await imageError(prepareImage({ url: `${server.url}/missing.png` }, SQUARE_SPEC, local));
    expect(missing.code).toBe('UNREACHABLE');
    expect(missing.details).toMatchObject({ httpStatus: 404 });
    const closed = await startServer(() => {});
    const deadUrl = `${closed.url}/photo.png`;
    await closed.close();
    const refused = await imageError(prepareImage({ url: deadUrl }, SQUARE_SPEC, local));
    expect(refused.code).toBe('UNREACHABLE');
    expect(refused.retriable).toBe(true);
  });

  it('never puts the query string (signed URLs carry tokens) in an error', async () => {
    const error = await imageError(
      prepareImage({ url: `${server.url}/missing.png?X-Amz-Signature=secret123` }, SQUARE_SPEC, local),
    );
    expect(error.message).not.toContain('secret123');
    expect(JSON.stringify(error)).not.toContain('secret123');
  });
});
