export type { PgClient, PgPool } from './pg-driver.js';
export {
  createPostgresStore,
  PostgresStore,
  type PostgresStoreOptions,
  StoreSchemaTooNewError,
  StoreUnavailableError,
} from './postgres-store.js';
export { SCHEMA_VERSION } from './schema.js';
