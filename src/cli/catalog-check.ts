import { Option } from 'commander';
import type { CatalogReadResult, Logger, MarketplaceAdapter, ValidationIssue } from 'ocop-connect';
import { nearestChoice } from './carrier-policy.js';
import { type CatalogFileOptions, ignoredColumns, readCatalogFile } from './catalog-file.js';
import { isLocalAddress } from './config-guards.js';
import type { CliConfig } from './config-schema.js';
import { CliError } from './errors.js';
import { type Lang, say } from './i18n.js';
import { MARKETPLACES, type MarketplaceName, type OpenPlatforms } from './platform-types.js';
import { categoryMapFromConfig } from './platforms.js';
import { localToday, type PreflightResult, preflight } from './preflight.js';
import { SANDBOX_CONFIG_CATEGORIES } from './sandbox-categories.js';

export interface CatalogCheckOptions extends CatalogFileOptions {
  expiredCertificate?: 'warn' | 'block';
}

/** `voso, Postmart` → the names given (trimmed, lower-cased) and those of them that are no marketplace. */
export function splitPlatformNames(text: string): { names: string[]; unknown: string[] } {
  const names = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return { names, unknown: names.filter((n) => !(MARKETPLACES as readonly string[]).includes(n)) };
}

/** `--to voso,postmart` → the platform names, refusing unknown ones. */
export function parseTargets(to: string): MarketplaceName[] {
  const { names, unknown } = splitPlatformNames(to);
  if (unknown.length > 0 || names.length === 0) {
    // Each unknown name with the platform a typo of it points to (`vosso` → voso).
    const named = (lang: 'vi' | 'en') =>
      unknown
        .map((name) => {
          const near = nearestChoice(name, MARKETPLACES);
          return near ? `${name} (${lang === 'vi' ? 'có phải' : 'did you mean'} "${near}"?)` : name;
        })
        .join(', ') || '(trống / empty)';
    throw new CliError('usage', {
      vi: `--to: không biết sàn ${named('vi')}; dùng ${MARKETPLACES.join(',')}`,
      en: `--to: unknown platform ${named('en')}; use ${MARKETPLACES.join(',')}`,
    });
  }
  return [...new Set(names)] as MarketplaceName[];
}

/** The category map for this run: the config's, or (sandbox mode without one) the sandboxes' sample map. */
export function categoriesFor(config: CliConfig, sandbox: boolean) {
  return categoryMapFromConfig(
    config.categories ?? (sandbox || onLocalSandboxes(config) ? SANDBOX_CONFIG_CATEGORIES : {}),
  );
}

/**
 * Every marketplace the config names is addressed on this machine (the `sandbox` command's env lines or
 * its config): the sandboxes' sample category map applies when the config has none of its own.
 */
function onLocalSandboxes(config: CliConfig): boolean {
  const blocks = MARKETPLACES.map((name) => config[name]).filter((block) => block !== undefined);
  return blocks.length > 0 && blocks.every((block) => isLocalAddress(block.baseUrl));
}

export interface CatalogCheck {
  catalog: CatalogReadResult;
  preflight: PreflightResult;
}

/** Read the file and run every check that writes nothing (see preflight.ts). */
export async function checkCatalog(
  file: string,
  options: CatalogCheckOptions,
  config: CliConfig,
  platforms: OpenPlatforms | undefined,
  _logger?: Logger,
): Promise<CatalogCheck> {
  const catalog = await readCatalogFile(file, {
    ...options,
    ignoreColumns: ignoredColumns(options, config.catalog?.ignoreColumns),
  });
  const adapters: MarketplaceAdapter[] = platforms?.marketplaces ?? [];
  const all = categoriesFor(config, platforms?.sandbox ?? false);
  // The category mapper refuses mappings for platforms it has no adapter for: keep the ones in use.
  const categories = Object.fromEntries(
    Object.entries(all).filter(([platform]) => adapters.some((a) => a.platform === platform)),
  );
  const result = await preflight(catalog.products, catalog.productRows, {
    adapters,
    categories,
    expiredCertificate: options.expiredCertificate ?? config.expiredCertificate ?? 'warn',
    today: localToday(),
    cwd: process.cwd(),
  });
  return { catalog, preflight: result };
}

/**
 * The options of the commands that read and check a catalog file (validate and list), in `lang`: which
 * XLSX sheet, the CSV separator, columns of the user's own, and what an expired certificate does.
 */
export function catalogFileOptions(lang: Lang): {
  sheet: Option;
  delimiter: Option;
  ignoreColumns: Option;
  expiredCertificate: Option;
} {
  return {
    sheet: new Option(
      '--sheet <name>',
      say(lang, 'trang tính XLSX (mặc định: trang đầu)', 'XLSX sheet (default: the first)'),
    ),
    delimiter: new Option(
      '--delimiter <char>',
      say(lang, 'dấu phân cách CSV (mặc định: tự nhận)', 'CSV separator (default: detected)'),
    ),
    ignoreColumns: new Option(
      '--ignore-columns <headers>',
      say(
        lang,
        'các cột riêng của bạn trong tệp danh mục (cách nhau bằng dấu phẩy), bỏ qua khi đọc; cũng có thể ghi vào khóa catalog.ignoreColumns của cấu hình',
        'columns of your own in the catalog file (comma-separated), skipped when reading; or the config key catalog.ignoreColumns',
      ),
    ),
    expiredCertificate: new Option(
      '--expired-certificate <mode>',
      say(
        lang,
        'chứng nhận OCOP hết hạn: warn = chỉ cảnh báo, block = không đăng (mặc định: warn hoặc khóa expiredCertificate của cấu hình)',
        'expired OCOP certificate: warn only, or block listing (default: warn, or the config key expiredCertificate)',
      ),
    ).choices(['warn', 'block']),
  };
}

export function dedupeIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.platform ?? ''}|${issue.sku ?? ''}|${issue.row ?? ''}|${issue.path}|${issue.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
