import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { AbortedError } from '../core/errors.js';
import { ImageError } from './errors.js';
import { isPublicAddress } from './network-policy.js';

export interface DownloadOptions {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  allowPrivateNetwork: boolean;
  signal?: AbortSignal;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A URL safe to print: no credentials, no query string (signed CDN URLs carry tokens there). */
export function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function urlNotAllowed(url: URL | string, en: string, vi: string): ImageError {
  return new ImageError(
    'URL_NOT_ALLOWED',
    { en, vi },
    { source: typeof url === 'string' ? url.slice(0, 200) : describeUrl(url) },
  );
}

function parseAllowedUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw urlNotAllowed(text, 'Image URL is not a valid URL', 'Địa chỉ URL của ảnh không hợp lệ');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw urlNotAllowed(
      url,
      `Image URL scheme ${url.protocol} is not allowed; use http or https`,
      `Không cho phép địa chỉ ảnh dạng ${url.protocol}; chỉ chấp nhận http hoặc https`,
    );
  }
  return url;
}

/**
 * Resolves the host and checks EVERY address it resolves to (one private address among public ones
 * is enough to refuse). The request then connects only to these checked addresses, so a DNS answer
 * changing between check and connect (rebinding) cannot slip an internal address in.
 */
async function resolveAllowedAddresses(url: URL, allowPrivateNetwork: boolean): Promise<LookupAddress[]> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: LookupAddress[];
  try {
    addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
      dnsLookup(hostname, { all: true, verbatim: true }, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  } catch (error) {
    throw new ImageError(
      'UNREACHABLE',
      { en: `Image host ${hostname} could not be resolved`, vi: `Không tìm thấy máy chủ ảnh ${hostname}` },
      { source: describeUrl(url), cause: error },
    );
  }
  if (!allowPrivateNetwork) {
    const internal = addresses.find((entry) => !isPublicAddress(entry.address));
    if (internal !== undefined || addresses.length === 0) {
      throw urlNotAllowed(
        url,
        `Image host ${hostname} resolves to a private or internal address (${internal?.address ?? 'none'}); pass allowPrivateNetwork: true to allow it`,
        `Máy chủ ảnh ${hostname} trỏ tới địa chỉ mạng nội bộ (${internal?.address ?? 'không có'}); chỉ cho phép khi đặt allowPrivateNetwork: true`,
      );
    }
  }
  return addresses;
}

function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0] as LookupAddress;
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

type HopResult = { kind: 'redirect'; location: string } | { kind: 'body'; bytes: Buffer };

function requestOnce(
  url: URL,
  addresses: LookupAddress[],
  options: DownloadOptions,
  signal: AbortSignal,
): Promise<HopResult> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<HopResult>((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'GET',
        headers: { accept: 'image/*', 'user-agent': 'ocop-connect (image pipeline)' },
        lookup: pinnedLookup(addresses),
        // No pooled sockets: a kept-alive connection opened under another policy (or before a DNS
        // change) must never carry a request whose addresses were checked just now.
        agent: false,
        signal,
      },
      (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        if (REDIRECT_STATUSES.has(status) && response.headers.location) {
          response.resume();
          resolve({ kind: 'redirect', location: response.headers.location });
          return;
        }
        if (status < 200 || status > 299) {
          response.resume();
          reject(
            new ImageError(
              'UNREACHABLE',
              { en: `Image host answered HTTP ${status}`, vi: `Máy chủ ảnh trả về lỗi HTTP ${status}` },
              { source: describeUrl(url), details: { httpStatus: status } },
            ),
          );
          return;
        }
        const tooBig = () =>
          new ImageError(
            'TOO_MANY_BYTES',
            {
              en: `Image download exceeds ${options.maxBytes} bytes`,
              vi: `Ảnh tải về vượt quá ${options.maxBytes} byte`,
            },
            { source: describeUrl(url), details: { maxBytes: options.maxBytes } },
          );
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          response.destroy();
          reject(tooBig());
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          // The header may be absent or lie: count what actually arrives and stop at the cap.
          if (received > options.maxBytes) {
            request.destroy();
            reject(tooBig());
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ kind: 'body', bytes: Buffer.concat(chunks, received) }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/**
 * Downloads an image over http(s) with a byte cap, an overall timeout (all redirects included),
 * a redirect limit and the private-network policy re-checked on every hop.
 */
export async function downloadImage(text: string, options: DownloadOptions): Promise<Buffer> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let url = parseAllowedUrl(text);
  for (let redirects = 0; ; redirects++) {
    try {
      const addresses = await resolveAllowedAddresses(url, options.allowPrivateNetwork);
      signal.throwIfAborted();
      const result = await requestOnce(url, addresses, options, signal);
      if (result.kind === 'body') return result.bytes;
      if (redirects >= options.maxRedirects) {
        throw new ImageError(
          'UNREACHABLE',
          {
            en: `Image URL redirects more than ${options.maxRedirects} times`,
            vi: `Địa chỉ ảnh chuyển hướng quá ${options.maxRedirects} lần`,
          },
          { source: describeUrl(url), details: { maxRedirects: options.maxRedirects } },
        );
      }
      url = parseAllowedUrl(result.location, url);
    } catch (error) {
      throw classifyFailure(error, url, options, timeout);
    }
  }
}

function classifyFailure(error: unknown, url: URL, options: DownloadOptions, timeout: AbortSignal): unknown {
  if (error instanceof ImageError) return error;
  if (timeout.aborted) {
    return new ImageError(
      'TIMEOUT',
      {
        en: `Image download did not finish within ${options.timeoutMs} ms`,
        vi: `Tải ảnh không xong trong ${options.timeoutMs} ms`,
      },
      { source: describeUrl(url), details: { timeoutMs: options.timeoutMs }, cause: error },
    );
  }
  if (options.signal?.aborted) {
    return new AbortedError(
      { vi: 'Bên gọi đã huỷ việc tải ảnh', en: 'Image download aborted by the caller' },
      { cause: options.signal.reason },
    );
  }
  const code = (error as NodeJS.ErrnoException).code;
  return new ImageError(
    'UNREACHABLE',
    {
      en: `Image host could not be reached${code ? ` (${code})` : ''}`,
      vi: `Không kết nối được tới máy chủ ảnh${code ? ` (${code})` : ''}`,
    },
    { source: describeUrl(url), cause: error },
  );
}
