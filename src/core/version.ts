/** Kept in step with package.json by the release process (checked by test/core/version.test.ts). */
export const LIBRARY_VERSION = '0.1.0';
export const DEFAULT_USER_AGENT = `ocop-connect/${LIBRARY_VERSION}`;
/** Per attempt, not per call. */
export const DEFAULT_TIMEOUT_MS = 30_000;
