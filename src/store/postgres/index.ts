export type { PgClient, PgPool } from './pg-driver.js';
export {
  type CheckPostgresStoreOptions,
  checkPostgresStore,
  connectionStringIssue,
  createPostgresStore,
  PostgresStore,
  type PostgresStoreOptions,
  StoreSchemaTooNewError,
  StoreUnavailableError,
} from './postgres-store.js';
export { SCHEMA_VERSION } from './schema.js';
