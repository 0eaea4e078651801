import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isOcopConnectError } from 'ocop-connect';
import { type CooperativeConfig, checkHubConfig } from 'ocop-connect/hub';
import { checkPostgresStore } from 'ocop-connect/postgres';
import { z } from 'zod';
import { type Bilingual, CliError } from './errors.js';

/**
 * The hub's file (`--hub hub.json`): where the shared services are and every cooperative it serves.
 * A string value `"env:NAME"` is read from the environment variable NAME, so secrets stay out of the
 * file; a missing variable is an error naming the key (never a value).
 */
const Account = z
  .object({
    platform: z.enum(['voso', 'postmart', 'shopee']),
    account: z.string().min(1).optional(),
    baseUrl: z.url().optional(),
    credentials: z.record(z.string(), z.union([z.string().min(1), z.number()])),
    webhookSecret: z.string().min(1).optional(),
  })
  .strict();

const Carrier = z.discriminatedUnion('platform', [
  z
    .object({
      platform: z.literal('viettelpost'),
      account: z.string().min(1).optional(),
      baseUrl: z.url().optional(),
      environment: z.enum(['production', 'development']).optional(),
      credentials: z.union([
        z.object({ username: z.string().min(1), password: z.string().min(1) }).strict(),
        z.object({ token: z.string().min(1) }).strict(),
      ]),
      webhookSecret: z.string().min(1).optional(),
    })
    .strict(),
  z
    .object({
      platform: z.literal('vnpost'),
      account: z.string().min(1).optional(),
      baseUrl: z.url().optional(),
      environment: z.enum(['production', 'uat']).optional(),
      credentials: z.union([
        z
          .object({
            username: z.string().min(1),
            password: z.string().min(1),
            customerCode: z.string().min(1),
          })
          .strict(),
        z.object({ token: z.string().min(1), customerCode: z.string().min(1) }).strict(),
      ]),
      contractCode: z.string().min(1).optional(),
      webhookPublicKey: z.string().min(1).optional(),
    })
    .strict(),
]);

type PolicyJson =
  | 'cheapest'
  | 'fastest'
  | { carrier: string }
  | { byMarketplace: Record<string, string>; otherwise?: PolicyJson | string };
const CarrierPolicyJson: z.ZodType<PolicyJson> = z.lazy(() =>
  z.union([
    z.enum(['cheapest', 'fastest']),
    z.object({ carrier: z.enum(['viettelpost', 'vnpost']) }).strict(),
    z
      .object({
        byMarketplace: z.record(z.string(), z.enum(['viettelpost', 'vnpost'])),
        // A carrier's name: that fixed carrier for the marketplaces not listed (as the library reads it).
        otherwise: z.union([CarrierPolicyJson, z.enum(['viettelpost', 'vnpost'])]).optional(),
      })
      .strict(),
  ]),
);

const Contact = z.object({
  name: z.string().min(1),
  phone: z.string().min(1),
  address: z.object({
    street: z.string().optional(),
    ward: z.string().min(1),
    district: z.string().optional(),
    province: z.string().min(1),
  }),
});

const Cooperative = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    marketplaces: z.array(Account).min(1),
    carriers: z.array(Carrier).optional(),
    carrierPolicy: CarrierPolicyJson.optional(),
    categories: z
      .record(
        z.string(),
        z.record(
          z.string(),
          z.object({
            categoryId: z.string().min(1),
            attributes: z.record(z.string(), z.string()).optional(),
          }),
        ),
      )
      .optional(),
    sender: Contact.optional(),
    catalog: z.string().min(1).optional(),
  })
  .strict();

export const HubFileSchema = z
  .object({
    /** @default env OCOP_DATABASE_URL */
    databaseUrl: z.string().min(1).optional(),
    /** @default env OCOP_REDIS_URL, else redis://127.0.0.1:6379 */
    redisUrl: z.string().min(1).optional(),
    /** BullMQ queue name (BullMQ refuses ':'). @default 'ocop-connect' */
    queue: z
      .string()
      .min(1)
      .regex(/^[^:]+$/, { message: "no ':' in a queue name" })
      .optional(),
    cooperatives: z.array(Cooperative).min(1),
  })
  .strict();

export interface HubFile {
  databaseUrl: string;
  redisUrl: string | undefined;
  queue: string | undefined;
  cooperatives: CooperativeConfig[];
}

/** A bad hub file; `issues` is what the CLI prints in the user's language. */
export class HubFileError extends Error {
  override name = 'HubFileError';
  readonly issues: readonly { messageVi: string; messageEn: string }[];
  constructor(
    messageVi: string,
    messageEn: string,
    more: readonly { messageVi: string; messageEn: string }[] = [],
  ) {
    super(messageEn);
    this.issues = [{ messageVi, messageEn }, ...more];
  }
}

function resolveEnv(value: unknown, path: string, env: NodeJS.ProcessEnv, missing: string[]): unknown {
  if (typeof value === 'string' && value.startsWith('env:')) {
    const name = value.slice(4);
    const found = env[name];
    if (found === undefined || found === '') missing.push(`${path} (${name})`);
    return found ?? '';
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveEnv(v, `${path}[${i}]`, env, missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveEnv(v, path ? `${path}.${k}` : k, env, missing)]),
    );
  }
  return value;
}

/** Reads and checks the hub file; catalog paths are taken relative to the file's folder. */
export async function loadHubFile(path: string, env: NodeJS.ProcessEnv = process.env): Promise<HubFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new HubFileError(
      `Không đọc được tệp hub ${path} (${code})`,
      `Cannot read hub file ${path} (${code})`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HubFileError(`Tệp hub ${path} không phải JSON hợp lệ`, `Hub file ${path} is not valid JSON`);
  }
  const missing: string[] = [];
  const resolved = resolveEnv(raw, '', env, missing);
  if (missing.length > 0) {
    throw new HubFileError(
      `Thiếu biến môi trường cho: ${missing.join(', ')}`,
      `Environment variables not set for: ${missing.join(', ')}`,
    );
  }
  const parsed = HubFileSchema.safeParse(resolved);
  if (!parsed.success) {
    // Field paths only, never values: they may be secrets.
    const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new HubFileError(`Tệp hub ${path} sai: ${fields}`, `Invalid hub file ${path}: ${fields}`);
  }
  const databaseUrl = parsed.data.databaseUrl ?? env.OCOP_DATABASE_URL;
  if (!databaseUrl) {
    throw new HubFileError(
      `Thiếu databaseUrl (trong tệp hub hoặc biến OCOP_DATABASE_URL): hub cần PostgreSQL`,
      'databaseUrl missing (in the hub file or OCOP_DATABASE_URL): a hub needs PostgreSQL',
    );
  }
  // The checks createHub makes (ids, accounts listed twice …), before any connection is opened: every
  // command that reads the hub file refuses the same files.
  const problems = checkHubConfig(parsed.data.cooperatives as CooperativeConfig[]);
  if (problems.length > 0) {
    throw new HubFileError(
      `Tệp hub ${path} sai (${problems.length} lỗi):`,
      `Invalid hub file ${path} (${problems.length} problems):`,
      problems,
    );
  }
  const base = dirname(resolve(path));
  return {
    databaseUrl,
    redisUrl: parsed.data.redisUrl ?? env.OCOP_REDIS_URL,
    queue: parsed.data.queue,
    cooperatives: parsed.data.cooperatives.map((c) => ({
      ...c,
      ...(c.catalog ? { catalog: resolve(base, c.catalog) } : {}),
    })) as CooperativeConfig[],
  };
}

/**
 * Redis or PostgreSQL unreachable, said in both languages with the hub file key to check (the
 * library's detail names host and port only, never a password or connection string). Other errors
 * are returned unchanged.
 */
export function hubServiceError(error: unknown, hubPath: string, consequence: Bilingual): unknown {
  if (!isOcopConnectError(error) || error.kind !== 'network') return error;
  const detail = error.message;
  if (/^Redis\b/.test(detail)) {
    return new CliError('config', {
      vi: `Không kết nối được Redis: ${detail}. Kiểm tra redisUrl trong ${hubPath} (hoặc OCOP_REDIS_URL) và Redis đang chạy; ${consequence.vi}`,
      en: `Cannot connect to Redis: ${detail}. Check redisUrl in ${hubPath} (or OCOP_REDIS_URL) and that Redis is running; ${consequence.en}`,
    });
  }
  return new CliError('config', {
    vi: `Không kết nối được PostgreSQL: ${detail}. Kiểm tra databaseUrl trong ${hubPath} (hoặc OCOP_DATABASE_URL); ${consequence.vi}`,
    en: `Cannot connect to PostgreSQL: ${detail}. Check databaseUrl in ${hubPath} (or OCOP_DATABASE_URL); ${consequence.en}`,
  });
}

/**
 * Checks that the hub's PostgreSQL answers and accepts the login (nothing is written): what `jobs add`
 * and `jobs status` check next to Redis, so that a wrong databaseUrl shows before "queued" instead of
 * when a worker runs the job. Every failure is a CliError naming the hub file's key, never the URL.
 */
export async function checkHubDatabase(
  file: HubFile,
  hubPath: string,
  consequence: Bilingual,
): Promise<void> {
  try {
    await checkPostgresStore({ connectionString: file.databaseUrl });
  } catch (error) {
    throw hubDatabaseError(error, hubPath, consequence);
  }
}

/** A PostgreSQL failure of the hub, in both languages with the key to check; other errors unchanged. */
export function hubDatabaseError(error: unknown, hubPath: string, consequence: Bilingual): unknown {
  if (!isOcopConnectError(error)) return error;
  if (error.kind === 'network') return hubServiceError(error, hubPath, consequence);
  if (error.kind !== 'configuration') return error;
  // The library's message is bilingual ("vi / en") and names the setting, never the password.
  return new CliError('config', {
    vi: `PostgreSQL từ chối: ${error.message}. Kiểm tra databaseUrl trong ${hubPath} (hoặc OCOP_DATABASE_URL); ${consequence.vi}`,
    en: `PostgreSQL refused: ${error.message}. Check databaseUrl in ${hubPath} (or OCOP_DATABASE_URL); ${consequence.en}`,
  });
}
