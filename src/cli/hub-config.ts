import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isOcopConnectError, zodIssueText } from 'ocop-connect';
import { type CooperativeConfig, checkHubConfig } from 'ocop-connect/hub';
import { checkPostgresStore, connectionStringIssue, StoreSchemaTooNewError } from 'ocop-connect/postgres';
import { z } from 'zod';
import { type Bilingual, CliError } from './errors.js';

/**
 * The hub's file (`--hub hub.json`): where the shared services are and every cooperative it serves.
 * A string value `"env:NAME"` is read from the environment variable NAME, so secrets stay out of the
 * file; a missing variable is an error naming the key (never a value).
 */
/** What every account of a cooperative may say besides its credentials: its name, and its API's address. */
const accountFields = {
  account: z.string().min(1).optional(),
  baseUrl: z.url().optional(),
};

const Account = z
  .object({
    platform: z.enum(['voso', 'postmart', 'shopee']),
    ...accountFields,
    credentials: z.record(z.string(), z.union([z.string().min(1), z.number()])),
    webhookSecret: z.string().min(1).optional(),
  })
  .strict();

const Carrier = z.discriminatedUnion('platform', [
  z
    .object({
      platform: z.literal('viettelpost'),
      ...accountFields,
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
      ...accountFields,
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

interface MissingEnv {
  path: string;
  name: string;
}

function resolveEnv(value: unknown, path: string, env: NodeJS.ProcessEnv, missing: MissingEnv[]): unknown {
  if (typeof value === 'string' && value.startsWith('env:')) {
    const name = value.slice(4);
    const found = env[name];
    if (found === undefined || found === '') missing.push({ path, name });
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

/** A zod path as the other checks write it: `cooperatives[0].marketplaces[1].platform`. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const MARKETPLACES = ['voso', 'postmart', 'shopee'];
const CARRIERS = ['viettelpost', 'vnpost'];

/**
 * The cooperatives as far as the hub's own checks (ids, accounts listed twice …) can read them, even
 * when the schema refused other parts of the file: entries that are not objects, or name a platform
 * the schema already refused, are left out (they are reported once, by the schema).
 */
function checkableCooperatives(
  raw: unknown,
): { cooperatives: CooperativeConfig[]; emptied: Set<string> } | undefined {
  if (!Array.isArray(raw)) return undefined;
  const known = (names: string[]) => (entry: unknown) =>
    isObject(entry) && typeof entry.platform === 'string' && names.includes(entry.platform);
  // Cooperatives whose accounts were all refused by the schema: "at least one account" would say it twice.
  const emptied = new Set<string>();
  const cooperatives = raw.map((coop, index) => {
    if (!isObject(coop)) return {} as CooperativeConfig;
    const listed = Array.isArray(coop.marketplaces) ? coop.marketplaces : [];
    const marketplaces = listed.filter(known(MARKETPLACES));
    if (listed.length > 0 && marketplaces.length === 0) emptied.add(`cooperatives[${index}].marketplaces`);
    const carriers = Array.isArray(coop.carriers) ? coop.carriers.filter(known(CARRIERS)) : [];
    return { ...coop, marketplaces, carriers } as unknown as CooperativeConfig;
  });
  return { cooperatives, emptied };
}

/** Whether `path` or a field holding it (`cooperatives[4]` for `cooperatives[4].id`) was reported. */
function underReported(path: string, reported: ReadonlySet<string>): boolean {
  for (let at = path; at; at = at.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    if (reported.has(at)) return true;
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(at)) break;
  }
  return false;
}

/**
 * Reads and checks the hub file — every problem at once, each as `field: reason` in both languages
 * (environment variables not set, the schema, databaseUrl / redisUrl, the hub's own checks), so that
 * no problem shows only after others are fixed. Catalog paths are taken relative to the file's folder.
 */
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
  const problems: { path: string; messageVi: string; messageEn: string }[] = [];
  const add = (field: string, reason: { vi: string; en: string }) => {
    const where = field || '(file)';
    problems.push({ path: where, messageVi: `${where}: ${reason.vi}`, messageEn: `${where}: ${reason.en}` });
  };
  const missing: MissingEnv[] = [];
  const resolved = resolveEnv(raw, '', env, missing);
  for (const m of missing)
    add(m.path, {
      vi: `biến môi trường ${m.name} chưa đặt (giá trị "env:${m.name}")`,
      en: `environment variable ${m.name} is not set (value "env:${m.name}")`,
    });
  const unset = new Set(missing.map((m) => m.path));
  const parsed = HubFileSchema.safeParse(resolved);
  if (!parsed.success) {
    // Field paths and the kind of a wrong value only, never values: they may be secrets.
    for (const issue of parsed.error.issues) {
      const field = fieldPath(issue.path);
      if (unset.has(field)) continue;
      add(
        field,
        field === 'queue' && issue.code === 'invalid_format'
          ? { vi: "không được có ':' (BullMQ)", en: "no ':' in a queue name (BullMQ)" }
          : zodIssueText(issue, resolved),
      );
    }
  }
  const given = isObject(resolved) ? resolved : {};
  const reported = new Set(problems.map((p) => p.path));
  const databaseUrl =
    typeof given.databaseUrl === 'string' && given.databaseUrl !== ''
      ? given.databaseUrl
      : env.OCOP_DATABASE_URL;
  if (!databaseUrl) {
    if (!reported.has('databaseUrl'))
      add('databaseUrl', {
        vi: 'chưa có (trong tệp hub hoặc biến OCOP_DATABASE_URL): hub cần PostgreSQL',
        en: 'missing (in the hub file or OCOP_DATABASE_URL): a hub needs PostgreSQL',
      });
  } else if (!reported.has('databaseUrl')) {
    const bad = connectionStringIssue(databaseUrl);
    const field = given.databaseUrl === databaseUrl ? 'databaseUrl' : 'databaseUrl (OCOP_DATABASE_URL)';
    if (bad) add(field, { vi: bad.messageVi, en: bad.messageEn });
  }
  const redisUrl =
    typeof given.redisUrl === 'string' && given.redisUrl !== '' ? given.redisUrl : env.OCOP_REDIS_URL;
  if (redisUrl && !reported.has('redisUrl')) {
    const field = given.redisUrl === redisUrl ? 'redisUrl' : 'redisUrl (OCOP_REDIS_URL)';
    let protocol: string | undefined;
    try {
      protocol = new URL(redisUrl).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol !== 'redis:' && protocol !== 'rediss:')
      add(field, {
        vi: 'không phải URL redis:// (hoặc rediss://) hợp lệ',
        en: 'not a valid redis:// (or rediss://) URL',
      });
  }
  // The checks createHub makes (ids, accounts listed twice …), on whatever of the cooperatives can be
  // read: every command that reads the hub file refuses the same files, with every problem at once.
  const checkable = checkableCooperatives(given.cooperatives);
  for (const issue of checkable ? checkHubConfig(checkable.cooperatives) : []) {
    // The schema already said what is wrong there.
    if (underReported(issue.path, reported) || checkable?.emptied.has(issue.path)) continue;
    problems.push(issue);
  }
  // In file order: the file's own keys first, then each cooperative's problems together.
  const rank = (p: { path: string }) => Number(/^cooperatives\[(\d+)\]/.exec(p.path)?.[1] ?? -1);
  problems.sort((a, b) => rank(a) - rank(b));
  if (problems.length > 0 || !parsed.success || !databaseUrl) {
    throw new HubFileError(
      `Tệp hub ${path} sai (${problems.length} lỗi):`,
      `Invalid hub file ${path} (${problems.length} problems):`,
      problems.map(({ messageVi, messageEn }) => ({ messageVi, messageEn })),
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
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  const reason: Bilingual =
    error instanceof StoreSchemaTooNewError
      ? {
          vi: `cơ sở dữ liệu có lược đồ phiên bản ${error.databaseVersion}, mới hơn bản ocop-connect này biết (${error.codeVersion}): nâng cấp ocop-connect trên máy này`,
          en: `the database has schema version ${error.databaseVersion}, newer than this ocop-connect knows (${error.codeVersion}): upgrade ocop-connect on this machine`,
        }
      : code === '3D000'
        ? { vi: 'cơ sở dữ liệu không tồn tại (3D000)', en: 'the database does not exist (3D000)' }
        : code === '28P01' || code === '28000'
          ? {
              vi: `máy chủ từ chối đăng nhập: người dùng hoặc mật khẩu (${code})`,
              en: `the server refused the login: user or password (${code})`,
            }
          : // The library's own message names the setting, never the password.
            { vi: error.message, en: error.message };
  return new CliError('config', {
    vi: `PostgreSQL từ chối: ${reason.vi}. Kiểm tra databaseUrl trong ${hubPath} (hoặc OCOP_DATABASE_URL); ${consequence.vi}`,
    en: `PostgreSQL refused: ${reason.en}. Check databaseUrl in ${hubPath} (or OCOP_DATABASE_URL); ${consequence.en}`,
  });
}
