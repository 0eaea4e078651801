import { createRequire } from 'node:module';
import type { DestinationStream, Level, Logger, LoggerOptions, pino as Pino } from 'pino';
import { z } from 'zod';
import {
  AN_OBJECT_OR_NOTHING,
  anAdapter,
  checkOptions,
  type Expected,
  orNothing,
} from './argument-guards.js';
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

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

/**
 * What every client gets when nobody asked for logs: pino's interface, doing nothing, without loading
 * pino (a silent pino costs ~20 ms of import for lines nobody reads).
 */
function silentLogger(bindings: Record<string, unknown> = {}): Logger {
  const noop = () => {};
  const logger: Record<string, unknown> = {
    level: 'silent',
    levelVal: Number.POSITIVE_INFINITY,
    silent: noop,
    isLevelEnabled: () => false,
    bindings: () => ({ ...bindings }),
    setBindings: (more: Record<string, unknown>) => Object.assign(bindings, more),
    child: (more: Record<string, unknown> = {}) => silentLogger({ ...bindings, ...more }),
    flush: (callback?: () => void) => callback?.(),
  };
  for (const level of LEVELS) logger[level] = noop;
  return logger as unknown as Logger;
}

/** pino, loaded on the first logger that writes somewhere (it is CommonJS: require is synchronous). */
let loadedPino: typeof Pino | undefined;
function pino(): typeof Pino {
  loadedPino ??= (createRequire(import.meta.url)('pino') as { pino: typeof Pino }).pino;
  return loadedPino;
}

const LEVEL_NAMES = [...LEVELS, 'silent'] as const;

/** createLogger's options, one entry each: a level pino does not know is named with the ones it does. */
const LOGGER_OPTIONS: Readonly<Record<keyof CreateLoggerOptions, Expected>> = {
  level: {
    schema: z.enum(LEVEL_NAMES).optional(),
    vi: `một trong ${LEVEL_NAMES.join(', ')} (hoặc bỏ trống)`,
    en: `one of ${LEVEL_NAMES.join(', ')} (or left out)`,
  },
  destination: orNothing(anAdapter('DestinationStream', [], ['write'])),
  base: AN_OBJECT_OR_NOTHING,
};

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  checkOptions(options, LOGGER_OPTIONS, 'createLogger');
  const level = options.level ?? 'silent';
  if (level === 'silent' && !options.destination)
    return silentLogger(options.base ? { ...options.base } : {});
  const pinoOptions: LoggerOptions = {
    level,
    base: options.base ?? null,
    redact: { paths: PINO_REDACT_PATHS, censor: '[REDACTED]' },
  };
  return options.destination ? pino()(pinoOptions, options.destination) : pino()(pinoOptions);
}

/** A child logger per platform/account so every line says which cooperative account it is about. */
export function platformLogger(parent: Logger, platform: string, account: string): Logger {
  return parent.child({ platform, account });
}
