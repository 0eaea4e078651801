import { ConfigurationError } from '../../core/errors.js';

/** The part of a `pg` client the store uses. */
export interface PgClient {
  query<R = Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>;
  release(error?: Error | boolean): void;
}

/** The part of a `pg.Pool` the store uses: give your own pool through `pool`. */
export interface PgPool {
  connect(): Promise<PgClient>;
  end(): Promise<void>;
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

interface PgModule {
  Pool: new (config: { connectionString?: string; max?: number; connectionTimeoutMillis?: number }) => PgPool;
}

/**
 * `pg` is an optional peer dependency: only a hub that uses the PostgreSQL store installs it, so the
 * library stays light for a cooperative's laptop.
 */
export async function loadPg(): Promise<PgModule> {
  try {
    const loaded = (await import('pg')) as unknown as { default?: PgModule } & PgModule;
    return loaded.default ?? loaded;
  } catch (cause) {
    throw new ConfigurationError(
      {
        vi: 'Kho PostgreSQL cần gói "pg": npm install pg@8',
        en: 'The PostgreSQL store needs the "pg" package: npm install pg@8',
      },
      [],
      {
        cause,
      },
    );
  }
}
