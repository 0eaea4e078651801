import { type DestinationStream, type Level, type Logger, type LoggerOptions, pino } from 'pino';
import { DEFAULT_REDACTION_RULES } from './redact.js';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  /** @default `silent` — a library never writes to stdout unless asked. */
  level?: Level | 'silent';
  /** Where lines go (a stream or pino destination); defaults to stdout when a level is set. */
  destination?: DestinationStream;
  /** Base bindings on every line. */
  base?: Record<string, unknown>;
}

/**
 * Second line of defence: the pipeline already logs redacted copies, but a caller logging a raw
 * request through our logger still gets the usual credential paths censored by pino.
 */
const PINO_REDACT_PATHS = [
  ...DEFAULT_REDACTION_RULES.headers.flatMap((h) => [`headers["${h}"]`, `*.headers["${h}"]`]),
  'headers.Token',
  '*.headers.Token',
  'headers.Authorization',
  '*.headers.Authorization',
  ...[
    'PASSWORD',
    'password',
    'TOKEN',
    'token',
    'access_token',
    'refresh_token',
    'partner_key',
    'app_secret',
  ].flatMap((f) => [f, `*.${f}`, `body.${f}`, `*.body.${f}`]),
];

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const pinoOptions: LoggerOptions = {
    level: options.level ?? 'silent',
    base: options.base ?? null,
    redact: { paths: PINO_REDACT_PATHS, censor: '[REDACTED]' },
  };
  return options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions);
}

/** A child logger per platform/account so every line says which cooperative account it is about. */
export function platformLogger(parent: Logger, platform: string, account: string): Logger {
  return parent.child({ platform, account });
}
