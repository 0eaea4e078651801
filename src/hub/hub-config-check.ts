/** Checks a hub's configuration — every problem at once, bilingual, never a credential value. */
import { ConfigurationError } from '../core/errors.js';
import { describeValue, isPlainObject } from '../model/argument-check.js';
import { hubOptionProblems } from './hub-options.js';
import type { CooperativeConfig, HubOptions, MarketplaceAccountConfig } from './hub-types.js';

const MARKETPLACES = ['voso', 'postmart', 'shopee'] as const;
const CARRIERS = ['viettelpost', 'vnpost'] as const;

const ID_PATTERN = /^[\p{L}\p{N}._:@/-]{1,200}$/u;

/**
 * The store scope (`HubOptions.store(SHARED_ACCOUNTS_SCOPE)`) where a hub records which cooperative
 * claimed each seller SKU on an account several of them share; no cooperative may take this id.
 */
export const SHARED_ACCOUNTS_SCOPE = 'hub:shared-accounts';

export function accountOf(config: MarketplaceAccountConfig): string {
  if (config.account) return config.account;
  const credentials = config.credentials as Record<string, unknown>;
  const name = credentials.username ?? credentials.shopId;
  return (typeof name === 'string' || typeof name === 'number') && String(name).length > 0
    ? String(name)
    : 'default';
}

/** One problem of a hub configuration: where (`cooperatives[2].id`) and why, in Vietnamese and English. */
export interface HubConfigIssue {
  path: string;
  messageVi: string;
  messageEn: string;
}

/**
 * Every problem of a hub configuration, all at once (names only: never a credential value). `createHub`
 * refuses a configuration with any; a CLI or a web form can show them before connecting anything.
 */
export function checkHubConfig(cooperatives: readonly CooperativeConfig[]): HubConfigIssue[] {
  const issues: HubConfigIssue[] = [];
  const add = (path: string, messageVi: string, messageEn: string) =>
    issues.push({ path, messageVi: `${path}: ${messageVi}`, messageEn: `${path}: ${messageEn}` });
  const ids = new Set<string>();
  if (!Array.isArray(cooperatives)) {
    const got = describeValue(cooperatives);
    add(
      'cooperatives',
      `phải là một mảng các HTX (nhận được ${got})`,
      `must be an array of cooperatives (got ${got})`,
    );
    return issues;
  }
  if (cooperatives.length === 0) {
    add('cooperatives', 'cần ít nhất một HTX', 'needs at least one cooperative');
    return issues;
  }
  cooperatives.forEach((coop: unknown, index) => {
    const where = `cooperatives[${index}]`;
    if (!isPlainObject(coop)) {
      const got = describeValue(coop);
      add(where, `phải là một đối tượng HTX (nhận được ${got})`, `must be a cooperative object (got ${got})`);
      return;
    }
    checkCooperative(coop as unknown as CooperativeConfig, where, ids, add);
  });
  return issues;
}

/** One cooperative's problems (its id, accounts, categories, carriers), each `add`ed with its path. */
function checkCooperative(
  coop: CooperativeConfig,
  where: string,
  ids: Set<string>,
  add: (path: string, messageVi: string, messageEn: string) => void,
): void {
  const id: unknown = coop.id;
  if (id === undefined) {
    add(`${where}.id`, 'bắt buộc nhưng chưa có', 'is required but missing');
  } else if (typeof id !== 'string') {
    const got = describeValue(id);
    add(`${where}.id`, `phải là một chuỗi (nhận được ${got})`, `must be a string (got ${got})`);
  } else if (!ID_PATTERN.test(id)) {
    const shown = `"${id.slice(0, 40)}"`;
    add(
      `${where}.id`,
      `mã HTX ${shown} không hợp lệ: 1–200 ký tự, chỉ chữ, số và các dấu . _ : @ - '/'`,
      `cooperative id ${shown} is invalid: 1–200 letters, digits and the signs . _ : @ - '/' only`,
    );
  } else if (coop.id === SHARED_ACCOUNTS_SCOPE) {
    add(
      `${where}.id`,
      `mã HTX "${coop.id}" được dành cho hub (chủ sở hữu SKU trên tài khoản dùng chung): chọn mã khác`,
      `cooperative id "${coop.id}" is reserved for the hub (SKU owners on shared accounts): choose another`,
    );
  } else if (ids.has(coop.id)) {
    add(`${where}.id`, `mã HTX "${coop.id}" bị dùng hai lần`, `cooperative id "${coop.id}" is used twice`);
  } else {
    ids.add(coop.id);
  }
  const accounts = new Set<string>();
  const listed: unknown = coop.marketplaces;
  if (listed !== undefined && !Array.isArray(listed)) {
    const got = describeValue(listed);
    add(
      `${where}.marketplaces`,
      `phải là một mảng tài khoản sàn (nhận được ${got})`,
      `must be an array of marketplace accounts (got ${got})`,
    );
  }
  const marketplaces = Array.isArray(listed) ? (listed as CooperativeConfig['marketplaces']) : [];
  for (const m of marketplaces) {
    if (!isPlainObject(m) || !(MARKETPLACES as readonly string[]).includes(m.platform)) {
      const name = String((m as { platform?: unknown } | null)?.platform);
      add(`${where}.marketplaces`, `sàn "${name}" không được hỗ trợ`, `unknown platform "${name}"`);
      continue;
    }
    const key = `${m.platform}/${accountOf(m)}`;
    if (accounts.has(key))
      add(`${where}.marketplaces`, `tài khoản ${key} khai báo hai lần`, `${key} is listed twice`);
    accounts.add(key);
  }
  if (listed === undefined || (Array.isArray(listed) && listed.length === 0))
    add(`${where}.marketplaces`, 'cần ít nhất một tài khoản sàn', 'needs at least one account');
  const categories = coop.categories as unknown;
  if (categories !== undefined && typeof categories !== 'function') {
    const keys = categories !== null && typeof categories === 'object' ? Object.keys(categories) : [];
    const wrong = keys.filter((k) => !(MARKETPLACES as readonly string[]).includes(k));
    if (categories === null || typeof categories !== 'object' || Array.isArray(categories)) {
      add(
        `${where}.categories`,
        'phải là bảng sàn → danh mục → { categoryId }',
        'must be a map platform → category → { categoryId }',
      );
    } else if (wrong.length > 0) {
      // Each bad key once (a map turned round has one per category): never a paragraph per key.
      const shown = wrong.slice(0, 12).map((k) => `"${k.slice(0, 40)}"`);
      const list = wrong.length > 12 ? `${shown.join(', ')} … (+${wrong.length - 12})` : shown.join(', ');
      const turned = wrong.every((k) => {
        const inner = (categories as Record<string, unknown>)[k];
        return (
          inner !== null &&
          typeof inner === 'object' &&
          Object.keys(inner).some((x) => (MARKETPLACES as readonly string[]).includes(x))
        );
      });
      add(
        `${where}.categories`,
        `${list} không phải tên sàn (${MARKETPLACES.join(', ')}): hub cần bảng sàn → danh mục → { categoryId }${turned ? ', bảng này đang theo danh mục → sàn (kiểu `sandbox --write-config` in ra): đảo lại, xem docs/scaling.md' : ''}`,
        `${list} ${wrong.length === 1 ? 'is' : 'are'} not a marketplace (${MARKETPLACES.join(', ')}): a hub wants platform → category → { categoryId }${turned ? '; this map is category → platform (the shape `sandbox --write-config` prints): turn it round, see docs/scaling.md' : ''}`,
      );
    }
  }
  for (const c of coop.carriers ?? []) {
    if (!(CARRIERS as readonly string[]).includes(c.platform)) {
      const name = String((c as { platform: unknown }).platform);
      add(`${where}.carriers`, `hãng vận chuyển "${name}" không được hỗ trợ`, `unknown platform "${name}"`);
    }
  }
}

/** Every problem of the hub's options and of its cooperatives' configuration, in one ConfigurationError. */
export function checkHubOptions(options: HubOptions): void {
  const problems = hubOptionProblems(options);
  // Each cooperative problem names its path in both languages (checkHubConfig words them so).
  problems.push(...checkHubConfig(options.cooperatives).map((i) => `${i.messageVi} / ${i.messageEn}`));
  if (problems.length > 0)
    throw new ConfigurationError(
      { vi: 'Cấu hình hub không hợp lệ', en: 'Invalid hub configuration' },
      problems,
    );
}
