import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * One webhook delivery attempt: POSTs the JSON body with the given extra headers and answers the
 * receiver's HTTP status, or null when it could not be reached (bad URL, refused, timed out).
 */
export function postWebhook(
  url: string,
  body: string,
  timeoutMs: number,
  headers: Readonly<Record<string, string>> = {},
): Promise<number | null> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve(null);
      return;
    }
    const send = target.protocol === 'https:' ? httpsRequest : request;
    const req = send(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? null));
        res.on('error', () => resolve(null));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(null));
    req.end(body);
  });
}
