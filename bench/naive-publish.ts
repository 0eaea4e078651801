/**
 * The code a cooperative's developer would write instead of ocop-connect, kept as the baseline of
 * `naive-vs-ocop`: axios, p-retry, a pool of 8 products in flight per platform, each product's images
 * uploaded together then its listing created, and a 429 answered by waiting out its Retry-After.
 *
 * Only the sending is naive. The listing bodies (field names, category attributes) are built before the
 * clock starts with the library's codec, so both sides send the same JSON and the comparison measures
 * how the requests are paced, not how the bodies are written.
 */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import pRetry, { AbortError } from 'p-retry';
import { type ProductInput, ProductSchema } from '../src/model/product.js';
import type { ProfileMarketplaceAdapter } from '../src/platforms/marketplace/adapter-options.js';
import { encodeListing } from '../src/platforms/marketplace/listing-codec.js';

export interface NaiveTarget {
  platform: 'voso' | 'postmart';
  baseUrl: string;
  credentials: Record<string, string>;
  /** An adapter on an untimed setup sandbox: only used to build bodies before timing. */
  setupAdapter: ProfileMarketplaceAdapter;
  categories: Record<string, { categoryId: string }>;
}

export interface NaiveJob {
  sku: string;
  images: Buffer[];
  /** The listing body with `__IMAGE_IDS__` where the uploaded ids go. */
  body: Record<string, unknown>;
}

export interface NaiveResult {
  requests: number;
  rateLimited: number;
}

const POOL = 8;
const IMAGE_IDS = '__IMAGE_IDS__';

/** Listing bodies for every product, built with the setup adapter (untimed). */
export async function naiveJobs(target: NaiveTarget, catalog: ProductInput[]): Promise<NaiveJob[]> {
  const { setupAdapter: adapter } = target;
  const jobs: NaiveJob[] = [];
  const attributeCache = new Map<string, Awaited<ReturnType<typeof adapter.getCategoryAttributes>>>();
  for (const input of catalog) {
    const product = ProductSchema.parse(input);
    const hint = product.categoryHints?.[0] ?? '';
    const mapping = target.categories[hint];
    if (!mapping) throw new Error(`no ${target.platform} category for ${hint}`);
    let attributes = attributeCache.get(mapping.categoryId);
    if (!attributes) {
      attributes = await adapter.getCategoryAttributes(mapping.categoryId);
      attributeCache.set(mapping.categoryId, attributes);
    }
    const body = encodeListing(
      adapter.profile,
      {
        product,
        categoryId: mapping.categoryId,
        attributes: adapter.resolveAttributes(product, mapping),
        imageIds: [IMAGE_IDS],
      },
      attributes,
    );
    const images = (input.images ?? []).map((image) => Buffer.from((image as { buffer: Uint8Array }).buffer));
    jobs.push({ sku: product.sku, images, body });
  }
  return jobs;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class HttpStatusError extends Error {
  constructor(readonly response: AxiosResponse) {
    super(`HTTP ${response.status}`);
  }
}

/** Publishes the jobs to one platform the naive way. */
export async function naivePublish(target: NaiveTarget, jobs: NaiveJob[]): Promise<NaiveResult> {
  const result: NaiveResult = { requests: 0, rateLimited: 0 };
  const http: AxiosInstance = axios.create({ baseURL: target.baseUrl, validateStatus: () => true });

  const send = (config: Parameters<AxiosInstance['request']>[0]) =>
    pRetry(
      async () => {
        result.requests++;
        const response = await http.request(config);
        if (response.status === 429) {
          result.rateLimited++;
          throw new HttpStatusError(response);
        }
        if (response.status >= 500) throw new HttpStatusError(response);
        if (response.status >= 400)
          throw new AbortError(`HTTP ${response.status}: ${JSON.stringify(response.data)}`);
        return response.data as Record<string, unknown>;
      },
      {
        retries: 10,
        minTimeout: 200,
        // Wait out the platform's Retry-After before the next attempt.
        onFailedAttempt: async ({ error }) => {
          if (error instanceof HttpStatusError) {
            const seconds = Number(error.response.headers['retry-after'] ?? 0);
            if (seconds > 0) await sleep(seconds * 1000);
          }
        },
      },
    );

  const voso = target.platform === 'voso';
  const login = await send({
    method: 'POST',
    url: voso ? '/auth/login' : '/GetAccessToken',
    data: voso
      ? { USERNAME: target.credentials.username, PASSWORD: target.credentials.password }
      : target.credentials,
  });
  const token = String(voso ? (login.data as { TOKEN: string }).TOKEN : login.token);
  const auth = voso ? { Token: token } : { token };

  const upload = async (bytes: Buffer): Promise<string> => {
    if (voso) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
      const data = await send({ method: 'POST', url: '/images', data: form, headers: auth });
      return String((data.data as { IMAGE_ID: string | number }).IMAGE_ID);
    }
    const data = await send({
      method: 'POST',
      url: '/UploadImage',
      data: bytes,
      headers: { ...auth, 'Content-Type': 'image/jpeg' },
    });
    return String((data.result as { maHinhAnh: string | number }).maHinhAnh);
  };

  const publishOne = async (job: NaiveJob) => {
    const ids = await Promise.all(job.images.map(upload));
    const body = JSON.parse(
      JSON.stringify(job.body).replace(JSON.stringify([IMAGE_IDS]), JSON.stringify(ids)),
    );
    if (voso) {
      // An idempotency key per product, as the platform asks: a retried create is not a second listing.
      await send({
        method: 'POST',
        url: '/products',
        data: body,
        headers: { ...auth, 'Idempotency-Key': `naive-${job.sku}` },
      });
    } else {
      await send({ method: 'POST', url: '/CreateProduct', data: body, headers: auth });
    }
  };

  let next = 0;
  await Promise.all(
    Array.from({ length: POOL }, async () => {
      while (next < jobs.length) await publishOne(jobs[next++]!);
    }),
  );
  return result;
}
