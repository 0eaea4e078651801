import { sandboxDemoValues } from 'ocop-connect/sandbox';
import { envVariableFor } from './config-env.js';
import { type CliConfig, DEFAULT_CONFIG_FILE } from './config-schema.js';
import { type Bilingual, CliError } from './errors.js';

export function configError(message: Bilingual): CliError {
  return new CliError('config', message);
}

/**
 * The file's `categories` is keyed your category → platform; a map keyed the other way round (the
 * library's shape, `SANDBOX_CATEGORIES`) or naming a platform the CLI does not know would map nothing,
 * silently: every product would end "no category". Refused, naming the key (#19 trial 5).
 */
export function assertCategoriesShape(categories: CliConfig['categories'], path: string | undefined): void {
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
export function assertCarrierEnvironmentChosen(
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
export function assertOnlyLocal(config: CliConfig, path: string | undefined): void {
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
export function assertNoDemoIdentity(
  config: CliConfig,
  path: string | undefined,
  env: NodeJS.ProcessEnv,
): void {
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
