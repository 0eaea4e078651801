import { createLogger, type Logger } from 'ocop-connect';

/**
 * `--verbose` turns on the library's structured logs (to stderr); secrets are redacted by the
 * library's logger whatever the level.
 */
export function createCliLogger(verbose: boolean): Logger | undefined {
  return verbose ? createLogger({ level: 'debug', destination: process.stderr }) : undefined;
}
