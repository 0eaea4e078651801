export type { PgClient, PgPool } from './pg-driver.js';
export {
  createPostgresStore,
  DEFAULT_TOMBSTONE_RETENTION_COMMITS,
  PostgresStore,
  type PostgresStoreOptions,
  StoreSchemaTooNewError,
  StoreUnavailableError,
} from './postgres-store.js';
export { SCHEMA_VERSION } from './schema.js';
