import { access, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { sandboxDemoValues } from 'ocop-connect/sandbox';
import { z } from 'zod';
import { CLI_CARRIERS, readCarrierPolicy } from './carrier-policy.js';
import { editDistance } from './edit-distance.js';
import { type Bilingual, CliError } from './errors.js';
import { valueAt, zodIssueText } from './zod-text.js';

/**
 * The CLI's configuration: `ocop-connect.config.json` (or `--config <file>`) merged with environment
 * variables, key by key (the environment wins per key, so a username in the file and a password in the
 * environment work together). Credentials never come from the command line (shell history) and are
 * never printed. The format is documented in the README ("CLI configuration").
 */
const MarketplaceBlock = z
  .object({
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    customerCode: z.string().min(1).optional(),
    baseUrl: z.url().optional(),
    /**
     * Deep-partial patch over the platform's built-in profile (paths, field names, limits), as the
     * library's `voso({ profile })` / `postmart({ profile })` take it; checked when the adapter is built.
     */
    profile: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** A Shopee partner app and one authorised shop (the refresh token rotates: see the token file). */
const ShopeeBlock = z
  .object({
    partnerId: z.union([z.string().min(1), z.number()]),
    partnerKey: z.string().min(1),
    shopId: z.union([z.string().min(1), z.number()]),
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1),
    /** The push callback URL registered in the partner console. */
    webhookUrl: z.url().optional(),
    baseUrl: z.url().optional(),
  })
  .strict();

const ViettelPostBlock = z
  .object({
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    token: z.string().min(1).optional(),
    environment: z.enum(['production', 'development']).optional(),
    baseUrl: z.url().optional(),
    /** Host or origin of the label print page; default: ViettelPost's own for the environment. */
    labelHost: z.string().min(1).optional(),
    webhookSecret: z.string().min(1).optional(),
  })
  .strict();

/** MyVNPost (VNPost's customer-partner API): the second carrier, shown next to ViettelPost in `quote`. */
const VnpostBlock = z
  .object({
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    /** VNPost CMS customer code, e.g. C000368268. */
    customerCode: z.string().min(1).optional(),
    token: z.string().min(1).optional(),
    contractCode: z.string().min(1).optional(),
    environment: z.enum(['production', 'uat']).optional(),
    baseUrl: z.url().optional(),
    /** VNPost's RSA public key (PEM or base64) for webhook signatures. */
    webhookPublicKey: z.string().min(1).optional(),
  })
  .strict();

const SenderSchema = z
  .object({
    name: z.string().min(1),
    phone: z.string().min(1),
    address: z
      .object({
        street: z.string().optional(),
        ward: z.string().min(1),
        district: z.string().optional(),
        province: z.string().min(1),
      })
      .strict(),
  })
  .strict();

const CategoryTarget = z
  .object({
    categoryId: z.string().min(1),
    attributes: z.record(z.string(), z.string()).optional(),
  })
  .strict();

export const CliConfigSchema = z
  .object({
    voso: MarketplaceBlock.optional(),
    postmart: MarketplaceBlock.optional(),
    shopee: ShopeeBlock.optional(),
    viettelpost: ViettelPostBlock.optional(),
    vnpost: VnpostBlock.optional(),
    /** The shipper on every waybill. Required outside sandbox mode for `quote` (without --from) and `ship`. */
    sender: SenderSchema.optional(),
    /**
     * Your category (the catalog's "Danh mục" column) → platform → platform category. NOTE: the
     * library's `categories` option is the other way round (platform → your category); the CLI turns it.
     */
    categories: z.record(z.string(), z.record(z.string(), CategoryTarget)).optional(),
    /**
     * Which carrier ships each order in `fulfil` / `sync`: "cheapest", "fastest", a carrier's name,
     * { "carrier" } or { "byMarketplace": { "postmart": "vnpost" }, "otherwise": … }; checked on load
     * (carrier-policy.ts). @default Postmart with VNPost, the rest with ViettelPost, when both are configured
     */
    carrierPolicy: z.unknown().optional(),
    /** Folder of the state store (what was published where, shipments made). @default ".ocop-connect" */
    stateDir: z.string().min(1).optional(),
    /**
     * The shop the embedded sandboxes start with in every command: "hand-made" = the listings a district
     * programme typed by hand for the seeds catalog (as most cooperatives' shops are), so `list` before
     * `match` is held as it would be on the real shop. @default "empty" until `match` / `link` /
     * `pull-catalog` ran in sandbox mode, "hand-made" from then on (the state folder remembers)
     */
    sandboxShop: z.enum(['empty', 'hand-made']).optional(),
    /** How catalog files are read. */
    catalog: z
      .object({
        /** Columns of your own in the catalog file (notes, internal codes): read past, never an error. */
        ignoreColumns: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    /** Whether an expired OCOP certificate only warns (default) or keeps the product from being listed. */
    expiredCertificate: z.enum(['warn', 'block']).optional(),
    /**
     * Written by `sandbox --write-config`: this config points at the emulators of a running `sandbox`
     * command. Every platform's address must then be on this machine (checked on load).
     */
    sandbox: z.boolean().optional(),
  })
  .strict();
export type CliConfig = z.infer<typeof CliConfigSchema>;
export type MarketplaceConfig = z.infer<typeof MarketplaceBlock>;
export type ShopeeConfig = z.infer<typeof ShopeeBlock>;
export type ViettelPostConfig = z.infer<typeof ViettelPostBlock>;
export type VnpostConfig = z.infer<typeof VnpostBlock>;
export type SenderConfig = z.infer<typeof SenderSchema>;

/**
 * Written by `init`: every key a user fills in, with empty values. Empty values count as absent, so the
 * untouched template still means "no credentials" (sandbox mode). It holds no environment, sender or
 * host that could switch the CLI off the sandbox or stand in for the user's own.
 */
export const CONFIG_TEMPLATE = {
  voso: { username: '', password: '' },
  postmart: { username: '', password: '', customerCode: '' },
  shopee: { partnerId: '', partnerKey: '', shopId: '', accessToken: '', refreshToken: '', webhookUrl: '' },
  viettelpost: { username: '', password: '', environment: '', webhookSecret: '' },
  vnpost: { username: '', password: '', customerCode: '', environment: '', webhookPublicKey: '' },
  sender: { name: '', phone: '', address: { street: '', ward: '', province: '' } },
  categories: {
    'Bột - tinh bột': { voso: { categoryId: '' }, postmart: { categoryId: '' }, shopee: { categoryId: '' } },
  },
} as const;

/** Environment variable → config key, per block. */
export const ENV_KEYS = {
  voso: {
    OCOP_VOSO_USERNAME: 'username',
    OCOP_VOSO_PASSWORD: 'password',
    OCOP_VOSO_BASE_URL: 'baseUrl',
  },
  postmart: {
    OCOP_POSTMART_USERNAME: 'username',
    OCOP_POSTMART_PASSWORD: 'password',
    OCOP_POSTMART_CUSTOMER_CODE: 'customerCode',
    OCOP_POSTMART_BASE_URL: 'baseUrl',
  },
  shopee: {
    OCOP_SHOPEE_PARTNER_ID: 'partnerId',
    OCOP_SHOPEE_PARTNER_KEY: 'partnerKey',
    OCOP_SHOPEE_SHOP_ID: 'shopId',
    OCOP_SHOPEE_ACCESS_TOKEN: 'accessToken',
    OCOP_SHOPEE_REFRESH_TOKEN: 'refreshToken',
    OCOP_SHOPEE_WEBHOOK_URL: 'webhookUrl',
    OCOP_SHOPEE_BASE_URL: 'baseUrl',
  },
  viettelpost: {
    OCOP_VTP_USERNAME: 'username',
    OCOP_VTP_PASSWORD: 'password',
    OCOP_VTP_TOKEN: 'token',
    OCOP_VTP_ENV: 'environment',
    OCOP_VTP_BASE_URL: 'baseUrl',
    OCOP_VTP_LABEL_HOST: 'labelHost',
    OCOP_VTP_WEBHOOK_SECRET: 'webhookSecret',
  },
  vnpost: {
    OCOP_VNPOST_USERNAME: 'username',
    OCOP_VNPOST_PASSWORD: 'password',
    OCOP_VNPOST_CUSTOMER_CODE: 'customerCode',
    OCOP_VNPOST_TOKEN: 'token',
    OCOP_VNPOST_CONTRACT: 'contractCode',
    OCOP_VNPOST_ENV: 'environment',
    OCOP_VNPOST_BASE_URL: 'baseUrl',
    OCOP_VNPOST_WEBHOOK_PUBLIC_KEY: 'webhookPublicKey',
  },
  /** The shipper, whole from the environment (the `sandbox` command prints these lines). */
  sender: {
    OCOP_SENDER_NAME: 'name',
    OCOP_SENDER_PHONE: 'phone',
    OCOP_SENDER_STREET: 'address.street',
    OCOP_SENDER_WARD: 'address.ward',
    OCOP_SENDER_DISTRICT: 'address.district',
    OCOP_SENDER_PROVINCE: 'address.province',
  },
} as const;

/** Top-level keys settable from the environment. */
export const ENV_TOP_KEYS = {
  /** Relative to the working folder (a path in the config file is relative to the file's folder). */
  OCOP_STATE_DIR: 'stateDir',
  /** "hand-made" or "empty": the sandboxes' starting shop. */
  OCOP_SANDBOX_SHOP: 'sandboxShop',
} as const;

type EnvBlocks = Record<string, Record<string, unknown>>;

function fromEnv(env: NodeJS.ProcessEnv): EnvBlocks {
  const blocks: EnvBlocks = {};
  for (const [block, keys] of Object.entries(ENV_KEYS)) {
    for (const [variable, key] of Object.entries(keys)) {
      const value = env[variable];
      if (value === undefined || value === '') continue;
      // "address.ward" → { address: { ward } }
      const path = key.split('.');
      const nested = path.reduceRight<unknown>((inner, part) => ({ [part]: inner }), value);
      blocks[block] = mergeDeep(blocks[block], nested as Record<string, unknown>);
    }
  }
  return blocks;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

/** `over` laid on `base` key by key, objects merged all the way down. */
function mergeDeep(base: unknown, over: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = isObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(over)) {
    merged[key] = isObject(value) ? mergeDeep(merged[key], value) : value;
  }
  return merged;
}

/** Drop empty strings left over from the template, so an unfilled template means "no credentials". */
function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmpty);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, dropEmpty(v)] as const)
      .filter(
        ([, v]) =>
          v !== undefined &&
          v !== '' &&
          !(typeof v === 'object' && v !== null && Object.keys(v).length === 0),
      );
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  }
  return value;
}

/** File and environment, merged per key inside each platform block (the environment wins per key). */
export function mergeConfig(file: Record<string, unknown>, env: EnvBlocks) {
  const merged: Record<string, unknown> = { ...file };
  for (const [block, values] of Object.entries(env)) merged[block] = mergeDeep(file[block], values);
  return merged;
}

const CONFIG_FILES = new WeakMap<CliConfig, string>();

/** The file a config was read from (`--config`, or the default one found), for messages that name it. */
export function configFileOf(config: CliConfig): string {
  return CONFIG_FILES.get(config) ?? DEFAULT_CONFIG_FILE;
}

/** The state folder's name when the config names none. */
export const DEFAULT_STATE_DIR = '.ocop-connect';

/** The file `init` writes; used when `--config` is not given and it exists in the working folder. */
export const DEFAULT_CONFIG_FILE = 'ocop-connect.config.json';

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Common JSON.parse complaints, in Vietnamese. */
const JSON_REASONS_VI: readonly [RegExp, string][] = [
  [
    /property name or '\}'/i,
    'cần tên khóa trong dấu ngoặc kép "…" (JSON không cho phép chú thích // hay dấu phẩy thừa)',
  ],
  [/double-quoted property name/i, 'tên khóa phải nằm trong dấu ngoặc kép "…" (hoặc thừa dấu phẩy trước } )'],
  [/Unexpected end of JSON input/i, 'tệp dừng giữa chừng: thiếu } hoặc ] đóng'],
  [/Unterminated string/i, 'chuỗi mở dấu ngoặc kép mà không đóng'],
  [/after property value|after array element/i, 'thiếu dấu phẩy giữa hai mục (hoặc thừa ký tự)'],
  [/Bad control character/i, 'có ký tự điều khiển (xuống dòng, tab) nằm trong chuỗi'],
  [/Unexpected token|Unexpected non-whitespace/i, 'có ký tự không đúng cú pháp JSON ở đây'],
];

/**
 * A JSON syntax error located by line and column (Node 20 gives only a character position), with the
 * reason in Vietnamese for the usual mistakes (single quotes, a trailing comma, a missing brace).
 */
function jsonErrorText(path: string, text: string, error: unknown): Bilingual {
  const message = error instanceof Error ? error.message : String(error);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  const position = /at position (\d+)/.exec(message);
  let line: number | undefined;
  let column: number | undefined;
  if (lineColumn) {
    line = Number(lineColumn[1]);
    column = Number(lineColumn[2]);
  } else {
    const at = position ? Number(position[1]) : /end of JSON input/i.test(message) ? body.length : undefined;
    if (at !== undefined) {
      const before = body.slice(0, at).split('\n');
      line = before.length;
      column = (before.at(-1)?.length ?? 0) + 1;
    }
  }
  const reasonEn = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*in JSON at position \d+/, '');
  const reasonVi = JSON_REASONS_VI.find(([pattern]) => pattern.test(message))?.[1] ?? 'sai cú pháp JSON';
  const where =
    line !== undefined
      ? { vi: ` ở dòng ${line}, cột ${column}`, en: ` at line ${line}, column ${column}` }
      : { vi: '', en: '' };
  return {
    vi: `Tệp cấu hình ${path} không phải JSON hợp lệ${where.vi}: ${reasonVi}`,
    en: `Config file ${path} is not valid JSON${where.en}: ${reasonEn}`,
  };
}

function configError(message: Bilingual): CliError {
  return new CliError('config', message);
}

export async function loadConfig(
  explicitPath: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CliConfig> {
  const path = explicitPath ?? ((await exists(DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined);
  let fileConfig: Record<string, unknown> = {};
  let rawFile: Record<string, unknown> = {};
  if (path) {
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      throw configError(
        error.code === 'ENOENT'
          ? { vi: `Không tìm thấy tệp cấu hình ${path}`, en: `Config file ${path} not found` }
          : {
              vi: `Không đọc được tệp cấu hình ${path} (${code})`,
              en: `Cannot read config file ${path} (${code})`,
            },
      );
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
      throw configError(jsonErrorText(path, text, error));
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw configError({
        vi: `Tệp cấu hình ${path} phải là một đối tượng JSON { … }`,
        en: `Config file ${path} must hold a JSON object { … }`,
      });
    }
    fileConfig = (dropEmpty(parsed) as Record<string, unknown> | undefined) ?? {};
    rawFile = parsed as Record<string, unknown>;
  }
  const merged = mergeConfig(fileConfig, fromEnv(env));
  assertCarrierEnvironmentChosen(rawFile, merged, path, env);
  const stateDirFromEnv = env.OCOP_STATE_DIR?.trim();
  if (stateDirFromEnv) merged.stateDir = stateDirFromEnv;
  const sandboxShopFromEnv = env.OCOP_SANDBOX_SHOP?.trim();
  if (sandboxShopFromEnv) merged.sandboxShop = sandboxShopFromEnv;
  const result = CliConfigSchema.safeParse(merged);
  if (!result.success) {
    // Name the keys only, never their values: they may be secrets.
    const reasons = result.error.issues.map((issue) => configIssueText(issue, merged));
    const where = path ?? 'environment';
    throw configError({
      vi: `Cấu hình không hợp lệ (${path ?? 'biến môi trường'}): ${reasons.map((r) => r.vi).join('; ')}`,
      en: `Invalid configuration (${where}): ${reasons.map((r) => r.en).join('; ')}`,
    });
  }
  if (result.data.sandbox) assertOnlyLocal(result.data, path);
  assertCategoriesShape(result.data.categories, path);
  // Its shape and names now; the carriers it names are checked against the run's when the day opens.
  if (result.data.carrierPolicy !== undefined)
    readCarrierPolicy(result.data.carrierPolicy, {
      key: 'carrierPolicy',
      carriers: CLI_CARRIERS,
      why: { vi: path ?? 'biến môi trường', en: path ?? 'environment' },
    });
  assertNoDemoIdentity(result.data, path, env);
  const config = withResolvedPaths(result.data, path, Boolean(stateDirFromEnv));
  if (path) CONFIG_FILES.set(config, path);
  return config;
}

/**
 * The file's `categories` is keyed your category → platform; a map keyed the other way round (the
 * library's shape, `SANDBOX_CATEGORIES`) or naming a platform the CLI does not know would map nothing,
 * silently: every product would end "no category". Refused, naming the key (#19 trial 5).
 */
function assertCategoriesShape(categories: CliConfig['categories'], path: string | undefined): void {
  const platforms = ['voso', 'postmart', 'shopee'];
  const where = path ?? 'environment';
  for (const [hint, targets] of Object.entries(categories ?? {})) {
    const wrong = Object.keys(targets).filter((k) => !platforms.includes(k));
    if (wrong.length === 0) continue;
    const turned = platforms.includes(hint);
    throw configError(
      turned
        ? {
            vi: `Cấu hình không hợp lệ (${path ?? 'biến môi trường'}): categories."${hint}": "categories" trong tệp cấu hình theo danh mục của bạn → sàn, không phải sàn → danh mục (kiểu của thư viện, SANDBOX_CATEGORIES). Đảo lại, ví dụ { "${wrong[0]}": { "${hint}": { "categoryId": "…" } } }`,
            en: `Invalid configuration (${where}): categories."${hint}": the config file's "categories" is keyed your category → platform, not platform → category (the library's shape, SANDBOX_CATEGORIES). Turn it round, e.g. { "${wrong[0]}": { "${hint}": { "categoryId": "…" } } }`,
          }
        : {
            vi: `Cấu hình không hợp lệ (${path ?? 'biến môi trường'}): categories."${hint}": ${wrong.map((k) => `"${k}"`).join(', ')} không phải tên sàn (${platforms.join(', ')})`,
            en: `Invalid configuration (${where}): categories."${hint}": ${wrong.map((k) => `"${k}"`).join(', ')} is not a marketplace (${platforms.join(', ')})`,
          },
    );
  }
}

/**
 * A carrier block with credentials whose "environment" is left empty (as `init`'s template leaves it)
 * is refused: the empty value used to fall back silently to the carrier's test host, and a cooperative
 * with real credentials never learnt its parcels were not real. Names the key and its variable.
 */
function assertCarrierEnvironmentChosen(
  rawFile: Record<string, unknown>,
  merged: Record<string, unknown>,
  path: string | undefined,
  env: NodeJS.ProcessEnv,
): void {
  const choices = { viettelpost: 'production | development', vnpost: 'production | uat' } as const;
  for (const name of ['viettelpost', 'vnpost'] as const) {
    const variable = envVariableFor(name, 'environment')!;
    const fileValue = (rawFile[name] as Record<string, unknown> | undefined)?.environment;
    const envValue = env[variable];
    const emptyInFile = typeof fileValue === 'string' && fileValue.trim() === '';
    const emptyInEnv = envValue !== undefined && envValue.trim() === '';
    const block = (merged[name] ?? {}) as Record<string, unknown>;
    if (block.environment !== undefined || block.baseUrl !== undefined) continue;
    if (!(emptyInFile || emptyInEnv)) continue;
    if (!block.username && !block.password && !block.token) continue;
    const where = emptyInEnv ? `${variable}` : `${path ?? DEFAULT_CONFIG_FILE}`;
    throw configError({
      vi: `Cấu hình không hợp lệ (${where}): "${name}.environment" để trống trong khi đã có thông tin đăng nhập ${name}; hãy ghi ${choices[name]} (hoặc biến môi trường ${variable}). Trước đây giá trị trống ngầm dùng máy chủ thử nghiệm.`,
      en: `Invalid configuration (${where}): "${name}.environment" is empty while ${name} credentials are given; set ${choices[name]} (or the environment variable ${variable}). An empty value used to fall back silently to the test host.`,
    });
  }
}

/**
 * Paths in the config file are relative to the file's folder, not to wherever the command is run
 * (a scheduled `--config /home/htx/ocop.json sync` run from / must find the same state folder);
 * without a `stateDir` key the state folder is `.ocop-connect` next to the config file. A path from
 * the environment (OCOP_STATE_DIR) is relative to the working folder, as shell paths are. Without a
 * config file: `.ocop-connect` in the working folder.
 */
function withResolvedPaths(config: CliConfig, path: string | undefined, stateDirFromEnv: boolean): CliConfig {
  if (stateDirFromEnv) return { ...config, stateDir: resolve(config.stateDir!) };
  if (!path) return config;
  return { ...config, stateDir: resolve(dirname(resolve(path)), config.stateDir ?? DEFAULT_STATE_DIR) };
}

/** Loopback only: 127.0.0.0/8, ::1, localhost. */
export function isLocalAddress(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const host = new URL(url.includes('://') ? url : `http://${url}`).hostname.toLowerCase();
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

/**
 * A config marked `"sandbox": true` (written by `sandbox --write-config`, holding the emulators' demo
 * logins and sample sender) is refused unless every platform in it is addressed on this machine: with a
 * missing or changed address its contents would go to a real platform.
 */
function assertOnlyLocal(config: CliConfig, path: string | undefined): void {
  const remote: string[] = [];
  for (const name of ['voso', 'postmart', 'shopee', 'viettelpost', 'vnpost'] as const) {
    const block = config[name];
    if (block && !isLocalAddress(block.baseUrl)) remote.push(`${name}.baseUrl`);
  }
  const labelHost = config.viettelpost?.labelHost;
  if (labelHost && !isLocalAddress(labelHost)) remote.push('viettelpost.labelHost');
  if (remote.length === 0) return;
  const where = path ?? 'ocop-connect.config.json';
  throw configError({
    vi: `Cấu hình ${where} là cấu hình sandbox ("sandbox": true) nhưng ${remote.join(', ')} không trỏ tới máy này (127.0.0.1); nó không bao giờ được dùng với sàn thật. Dùng cấu hình của riêng bạn cho sàn thật.`,
    en: `${where} is a sandbox config ("sandbox": true) but ${remote.join(', ')} is not on this machine (127.0.0.1); it is never used against a real platform. Use your own config for the real platforms.`,
  });
}

/**
 * The sandboxes' demo identities (logins, customer codes, tokens, secrets) are refused in any platform
 * block that is not addressed on this machine: with a real address (or none: the platform's own) they
 * would be sent to a real host. Names the key (or its environment variable), never the value.
 */
function assertNoDemoIdentity(config: CliConfig, path: string | undefined, env: NodeJS.ProcessEnv): void {
  const demo = sandboxDemoValues();
  const found: { vi: string; en: string }[] = [];
  for (const name of ['voso', 'postmart', 'shopee', 'viettelpost', 'vnpost'] as const) {
    const block = config[name] as Record<string, unknown> | undefined;
    if (!block || isLocalAddress(block.baseUrl as string | undefined)) continue;
    for (const [key, value] of Object.entries(block)) {
      if (key === 'baseUrl' || key === 'profile') continue;
      if (!demo.has(String(value))) continue;
      const variable = envVariableFor(name, key);
      const fromEnv = variable !== undefined && env[variable] !== undefined && env[variable] !== '';
      found.push(
        fromEnv
          ? {
              vi: `"${name}.${key}" (biến môi trường ${variable})`,
              en: `"${name}.${key}" (environment variable ${variable})`,
            }
          : { vi: `"${name}.${key}"`, en: `"${name}.${key}"` },
      );
    }
  }
  if (found.length === 0) return;
  const where = path ?? DEFAULT_CONFIG_FILE;
  throw configError({
    vi: `Cấu hình ${where} có thông tin đăng nhập mẫu của sandbox ở ${found.map((f) => f.vi).join(', ')}: chúng chỉ dùng được với sandbox trên máy này (baseUrl 127.0.0.1) và không bao giờ được gửi tới sàn hay hãng vận chuyển thật. Hãy điền thông tin đăng nhập của chính bạn, hoặc xóa các khóa này để chạy trên sandbox`,
    en: `The config ${where} holds the sandbox's demo identity in ${found.map((f) => f.en).join(', ')}: it works only with a sandbox on this machine (baseUrl 127.0.0.1) and is never sent to a real platform or carrier. Fill in your own credentials, or remove these keys to run on the sandbox`,
  });
}

/** The environment variable that sets `block.key`, if there is one. */
export function envVariableFor(block: string, key: string): string | undefined {
  const keys = (ENV_KEYS as Record<string, Record<string, string>>)[block];
  return keys ? Object.entries(keys).find(([, k]) => k === key)?.[0] : undefined;
}

/** The variables that set the keys inside `block.key` (sender.address: OCOP_SENDER_WARD, …), or undefined. */
function envVariablesUnder(block: string, key: string): string | undefined {
  const keys = (ENV_KEYS as Record<string, Record<string, string>>)[block] ?? {};
  const names = Object.entries(keys)
    .filter(([, k]) => k.startsWith(`${key}.`))
    .map(([variable]) => variable);
  return names.length > 0 ? names.join(', ') : undefined;
}

/** The keys the config accepts at `path` (top level, a platform block, sender), for suggestions. */
function knownKeys(path: readonly string[]): string[] {
  let schema: unknown = CliConfigSchema;
  for (const key of path) {
    const shape = shapeOf(schema);
    schema = shape?.[key];
  }
  return Object.keys(shapeOf(schema) ?? {});
}

function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  let current = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown } | undefined;
  for (let i = 0; i < 3 && current && !current.shape && typeof current.unwrap === 'function'; i++)
    current = current.unwrap() as typeof current;
  return current?.shape;
}

/** One config problem in both languages, naming the key path (and its environment variable). */
function configIssueText(issue: z.core.$ZodIssue, input: unknown): Bilingual {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(path);
    const parts = issue.keys.map((key) => {
      const full = [...path, key].join('.');
      const near = known
        .map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase()) }))
        .filter(({ d }) => d <= 2)
        .sort((x, y) => x.d - y.d)[0]?.k;
      return { full, near: near ? [...path, near].join('.') : undefined };
    });
    return {
      vi: parts
        .map(({ full, near }) => `khóa "${full}" không được nhận${near ? ` (có phải "${near}"?)` : ''}`)
        .join('; '),
      en: parts
        .map(({ full, near }) => `unknown key "${full}"${near ? ` (did you mean "${near}"?)` : ''}`)
        .join('; '),
    };
  }
  const key = path.join('.') || '(gốc / root)';
  const reason = zodIssueText(issue, input);
  const variable =
    path.length >= 2
      ? (envVariableFor(path[0]!, path.slice(1).join('.')) ??
        envVariablesUnder(path[0]!, path.slice(1).join('.')))
      : path[0] === 'stateDir'
        ? 'OCOP_STATE_DIR'
        : undefined;
  const missing = valueAt(input, issue.path) === undefined;
  return {
    vi: `"${key}" ${reason.vi}${variable && missing ? ` (hoặc biến môi trường ${variable})` : ''}`,
    en: `"${key}" ${reason.en}${variable && missing ? ` (or the environment variable ${variable})` : ''}`,
  };
}

/** True when the block holds something that logs in (a username, password, token or Shopee key). */
export function hasCredentials(
  block:
    | { username?: string; password?: string; token?: string; partnerKey?: string; accessToken?: string }
    | undefined,
): boolean {
  return Boolean(
    block && (block.username || block.password || block.token || block.partnerKey || block.accessToken),
  );
}
