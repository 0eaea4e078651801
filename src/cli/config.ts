import { access, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CLI_CARRIERS, carrierPolicyProblems } from './carrier-policy.js';
import { fromEnv, mergeConfig } from './config-env.js';
import {
  assertCarrierEnvironmentChosen,
  assertCategoriesShape,
  assertNoDemoIdentity,
  assertOnlyLocal,
  configError,
} from './config-guards.js';
import { type CliConfig, CliConfigSchema, DEFAULT_CONFIG_FILE, DEFAULT_STATE_DIR } from './config-schema.js';
import { configIssueText, jsonErrorText } from './config-text.js';

/**
 * Loading the CLI's configuration: the file (`--config`, or the default one found) and the environment,
 * merged, checked and its paths resolved. The format is in config-schema.ts, the environment variables in
 * config-env.ts, the checks that refuse a config in config-guards.ts, the wording of its problems in
 * config-text.ts.
 */

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

const CONFIG_FILES = new WeakMap<CliConfig, string>();

/** The file a config was read from (`--config`, or the default one found), for messages that name it. */
export function configFileOf(config: CliConfig): string {
  return CONFIG_FILES.get(config) ?? DEFAULT_CONFIG_FILE;
}

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
  // Every problem at once: the schema's and the carrier policy's (its shape and names now; the carriers
  // it names are checked against the run's when the day opens).
  // Name the keys only, never their values: they may be secrets.
  const reasons = [
    ...(result.success ? [] : result.error.issues.map((issue) => configIssueText(issue, merged))),
    ...(merged.carrierPolicy === undefined
      ? []
      : carrierPolicyProblems(merged.carrierPolicy, { key: 'carrierPolicy', carriers: CLI_CARRIERS })
          .problems),
  ];
  if (!result.success || reasons.length > 0) {
    const where = path ?? 'environment';
    throw configError({
      vi: `Cấu hình không hợp lệ (${path ?? 'biến môi trường'}): ${reasons.map((r) => r.vi).join('; ')}`,
      en: `Invalid configuration (${where}): ${reasons.map((r) => r.en).join('; ')}`,
    });
  }
  if (result.data.sandbox) assertOnlyLocal(result.data, path);
  assertCategoriesShape(result.data.categories, path);
  assertNoDemoIdentity(result.data, path, env);
  const config = withResolvedPaths(result.data, path, Boolean(stateDirFromEnv));
  if (path) CONFIG_FILES.set(config, path);
  return config;
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
