/**
 * The hub's worker as the CLI tests run it (`tsx src/cli/main.ts worker --hub <file>` from the repository,
 * where tsx reads its tsconfig paths; the hub file holds absolute paths), and the cleanup of the
 * cooperatives' scopes those tests write in the test PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/services.js';
import { CLI_MAIN, TSX_BIN } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface HubWorker {
  /** Everything the worker printed so far, stdout and stderr (pino JSON logs are on stderr). */
  readonly output: string;
  /** Waits (up to 15 s) until the worker prints "worker ready". */
  ready(): Promise<void>;
  /** SIGTERM, then waits until the process has closed. */
  stop(): Promise<void>;
}

/** Starts `worker --hub hubFile`; `env` is the worker's whole environment. @default process.env in English */
export function startHubWorker(
  hubFile: string,
  env: NodeJS.ProcessEnv = { ...process.env, OCOP_LANG: 'en' },
): HubWorker {
  const child = spawn(TSX_BIN, [CLI_MAIN, 'worker', '--hub', hubFile], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    output += c.toString();
  });
  return {
    get output() {
      return output;
    },
    async ready() {
      for (let i = 0; i < 300 && !output.includes('worker ready'); i += 1)
        await new Promise((r) => setTimeout(r, 50));
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
    },
  };
}

/** Deletes the state (records and heads) of the hub cooperatives `scopes` from the test PostgreSQL. */
export async function forgetHubScopes(scopes: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query('DELETE FROM ocop_state_records WHERE scope = ANY($1)', [scopes]);
  await client.query('DELETE FROM ocop_state_heads WHERE scope = ANY($1)', [scopes]);
  await client.end();
}

/** Writes a hub file at `path` on the test PostgreSQL and Redis, with the rest of it (`queue`, `cooperatives`…) from `config`. */
export async function writeHubFile(path: string, config: Record<string, unknown>): Promise<void> {
  await writeFile(
    path,
    JSON.stringify({ databaseUrl: TEST_DATABASE_URL, redisUrl: TEST_REDIS_URL, ...config }),
  );
}
