import { z } from 'zod';

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

/** How a carrier account logs in (a username and password, or a token) and, to override it, its API's address. */
const carrierLogin = {
  username: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  token: z.string().min(1).optional(),
  baseUrl: z.url().optional(),
};

const ViettelPostBlock = z
  .object({
    ...carrierLogin,
    environment: z.enum(['production', 'development']).optional(),
    /** Host or origin of the label print page; default: ViettelPost's own for the environment. */
    labelHost: z.string().min(1).optional(),
    webhookSecret: z.string().min(1).optional(),
  })
  .strict();

/** MyVNPost (VNPost's customer-partner API): the second carrier, shown next to ViettelPost in `quote`. */
const VnpostBlock = z
  .object({
    ...carrierLogin,
    /** VNPost CMS customer code, e.g. C000368268. */
    customerCode: z.string().min(1).optional(),
    contractCode: z.string().min(1).optional(),
    environment: z.enum(['production', 'uat']).optional(),
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

/** The state folder's name when the config names none. */
export const DEFAULT_STATE_DIR = '.ocop-connect';

/** The file `init` writes; used when `--config` is not given and it exists in the working folder. */
export const DEFAULT_CONFIG_FILE = 'ocop-connect.config.json';

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
