import type { Command } from 'commander';
import type { Logger } from 'ocop-connect';
import { loadConfig } from './config.js';
import type { CliConfig } from './config-schema.js';
import type { Lang } from './i18n.js';
import { createCliLogger } from './logging.js';
import { Output } from './output.js';

/** The options every command accepts (declared once on the program). */
export interface GlobalOptions {
  lang: Lang;
  json?: boolean;
  verbose?: boolean;
  config?: string;
}

/** How a command prints, for the global `--lang`, `--json` and `--verbose` of this invocation. */
export function outputOf(command: Command): Output {
  const opts = command.optsWithGlobals<GlobalOptions>();
  return new Output({ lang: opts.lang, json: Boolean(opts.json), verbose: Boolean(opts.verbose) });
}

/** What a command that talks to the platforms needs: its output, the merged config and the logger. */
export interface CommandContext {
  out: Output;
  config: CliConfig;
  logger: Logger | undefined;
}

export async function contextOf(command: Command): Promise<CommandContext> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  return {
    out: outputOf(command),
    config: await loadConfig(globals.config),
    logger: createCliLogger(Boolean(globals.verbose)),
  };
}

/**
 * The action of a command whose work is `run(…its arguments and options, context)`: the context is opened
 * for this invocation and the exit code `run` returns becomes the process's.
 */
export function exitCodeOf<A extends unknown[]>(
  run: (...args: [...A, CommandContext]) => Promise<number>,
): (...args: [...A, Command]) => Promise<void> {
  return async (...args) => {
    const command = args.at(-1) as Command;
    process.exitCode = await run(...(args.slice(0, -1) as A), await contextOf(command));
  };
}

/**
 * A command module's one export the program needs: it adds its command (with options and action) to
 * the program. Adding a command = one file under src/cli/commands/ + one line in COMMANDS (program.ts).
 */
export type RegisterCommand = (program: Command, lang: Lang) => void;
