export { type CheckPostgresStoreOptions, checkPostgresStore } from './check-postgres-store.js';
export { connectionStringIssue } from './connection-string.js';
export type { PgClient, PgPool } from './pg-driver.js';
export { StoreSchemaTooNewError, StoreUnavailableError } from './postgres-errors.js';
export { createPostgresStore, PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
export { SCHEMA_VERSION } from './schema.js';
