/** Environment variables: which config key each sets, and how they are laid over the file's values. */

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

export type EnvBlocks = Record<string, Record<string, unknown>>;

export function fromEnv(env: NodeJS.ProcessEnv): EnvBlocks {
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

/** File and environment, merged per key inside each platform block (the environment wins per key). */
export function mergeConfig(file: Record<string, unknown>, env: EnvBlocks) {
  const merged: Record<string, unknown> = { ...file };
  for (const [block, values] of Object.entries(env)) merged[block] = mergeDeep(file[block], values);
  return merged;
}

/** The environment variable that sets `block.key`, if there is one. */
export function envVariableFor(block: string, key: string): string | undefined {
  const keys = (ENV_KEYS as Record<string, Record<string, string>>)[block];
  return keys ? Object.entries(keys).find(([, k]) => k === key)?.[0] : undefined;
}

/** The variables that set the keys inside `block.key` (sender.address: OCOP_SENDER_WARD, …), or undefined. */
export function envVariablesUnder(block: string, key: string): string | undefined {
  const keys = (ENV_KEYS as Record<string, Record<string, string>>)[block] ?? {};
  const names = Object.entries(keys)
    .filter(([, k]) => k.startsWith(`${key}.`))
    .map(([variable]) => variable);
  return names.length > 0 ? names.join(', ') : undefined;
}
