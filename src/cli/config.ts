import { access, readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * Credentials come from environment variables or a config file; never from the command line (it would
 * end up in shell history). Values are never printed.
 */
const MarketplaceCredentials = z
  .object({
    username: z.string().min(1),
    password: z.string().min(1),
    customerCode: z.string().min(1).optional(),
    baseUrl: z.url().optional(),
  })
  .strict();

/** A Shopee partner app and one authorised shop (the refresh token rotates: see the token file). */
const ShopeeCredentials = z
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

const ViettelPostCredentials = z
  .object({
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    token: z.string().min(1).optional(),
    environment: z.enum(['production', 'development']).optional(),
    baseUrl: z.url().optional(),
    webhookSecret: z.string().min(1).optional(),
  })
  .strict();

const Sender = z.object({
  name: z.string().min(1),
  phone: z.string().min(1),
  address: z.object({
    street: z.string().optional(),
    ward: z.string().min(1),
    district: z.string().optional(),
    province: z.string().min(1),
  }),
});

const CategoryTarget = z.object({
  categoryId: z.string().min(1),
  attributes: z.record(z.string(), z.string()).optional(),
});

export const CliConfigSchema = z
  .object({
    voso: MarketplaceCredentials.optional(),
    postmart: MarketplaceCredentials.optional(),
    shopee: ShopeeCredentials.optional(),
    viettelpost: ViettelPostCredentials.optional(),
    sender: Sender.optional(),
    /** Your category (the catalog's "Danh mục" column) → platform category per platform. */
    categories: z.record(z.string(), z.record(z.string(), CategoryTarget)).optional(),
    /** Folder of the state store (what was published where). */
    stateDir: z.string().optional(),
  })
  .strict();
export type CliConfig = z.infer<typeof CliConfigSchema>;

/** Written by `init`: shows which credentials each platform needs, with no values. */
export const CONFIG_TEMPLATE = {
  voso: { username: '', password: '' },
  postmart: { username: '', password: '', customerCode: '' },
  viettelpost: { username: '', password: '', environment: 'development', webhookSecret: '' },
  sender: {
    name: 'HTX Nông nghiệp Vĩnh Linh',
    phone: '0912345678',
    address: { street: 'Thôn Hiền Dũng', ward: 'Xã Vĩnh Thủy', province: 'Quảng Trị' },
  },
  categories: {
    'Bột - tinh bột': { voso: { categoryId: '' }, postmart: { categoryId: '' } },
  },
} as const;

function fromEnv(env: NodeJS.ProcessEnv): CliConfig {
  const pick = (prefix: string) => {
    const entries = {
      username: env[`${prefix}_USERNAME`],
      password: env[`${prefix}_PASSWORD`],
      customerCode: env[`${prefix}_CUSTOMER_CODE`],
      baseUrl: env[`${prefix}_BASE_URL`],
      token: env[`${prefix}_TOKEN`],
      environment: env[`${prefix}_ENV`],
      webhookSecret: env[`${prefix}_WEBHOOK_SECRET`],
    };
    const present = Object.fromEntries(
      Object.entries(entries).filter(([, v]) => v !== undefined && v !== ''),
    );
    return Object.keys(present).length > 0 ? present : undefined;
  };
  const voso = pick('OCOP_VOSO');
  const postmart = pick('OCOP_POSTMART');
  const shopeeEntries = {
    partnerId: env.OCOP_SHOPEE_PARTNER_ID,
    partnerKey: env.OCOP_SHOPEE_PARTNER_KEY,
    shopId: env.OCOP_SHOPEE_SHOP_ID,
    accessToken: env.OCOP_SHOPEE_ACCESS_TOKEN,
    refreshToken: env.OCOP_SHOPEE_REFRESH_TOKEN,
    webhookUrl: env.OCOP_SHOPEE_WEBHOOK_URL,
    baseUrl: env.OCOP_SHOPEE_BASE_URL,
  };
  const shopee = Object.fromEntries(
    Object.entries(shopeeEntries).filter(([, v]) => v !== undefined && v !== ''),
  );
  const viettelpost = pick('OCOP_VTP');
  return {
    ...(voso ? { voso: voso as CliConfig['voso'] } : {}),
    ...(postmart ? { postmart: postmart as CliConfig['postmart'] } : {}),
    ...(Object.keys(shopee).length > 0 ? { shopee: shopee as CliConfig['shopee'] } : {}),
    ...(viettelpost ? { viettelpost: viettelpost as CliConfig['viettelpost'] } : {}),
  };
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

export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
}

/** The file `init` writes; used when `--config` is not given and it exists in the working folder. */
export const DEFAULT_CONFIG_FILE = 'ocop-connect.config.json';

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export async function loadConfig(
  explicitPath: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CliConfig> {
  const path = explicitPath ?? ((await exists(DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined);
  let fileConfig: unknown = {};
  if (path) {
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new ConfigFileError(`Cannot read config file ${path}: ${error.code ?? error.message}`);
    });
    try {
      fileConfig = dropEmpty(JSON.parse(text)) ?? {};
    } catch {
      throw new ConfigFileError(`Config file ${path} is not valid JSON`);
    }
  }
  const merged = { ...(fileConfig as object), ...fromEnv(env) };
  const parsed = CliConfigSchema.safeParse(merged);
  if (!parsed.success) {
    // Name the fields only, never their values: they may be secrets.
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigFileError(`Invalid configuration: ${fields}`);
  }
  return parsed.data;
}
