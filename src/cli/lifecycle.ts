import { EXIT } from './errors.js';

/**
 * What a run must undo when it is cut short: the embedded sandboxes it started (HTTP servers), open
 * stores. SIGINT / SIGTERM run these, then exit with 130 / 143; a closed stdout (`… | head`) runs them
 * and exits quietly instead of crashing with EPIPE.
 */
const cleanups = new Set<() => Promise<unknown>>();
const waiters = new Set<(signal: NodeJS.Signals) => void>();

export function addCleanup(cleanup: () => Promise<unknown>): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

async function runCleanups(): Promise<void> {
  const pending = [...cleanups];
  cleanups.clear();
  await Promise.allSettled(pending.map((cleanup) => cleanup()));
}

/** The process that started this one (read at start: a command may begin waiting after its parent died). */
const STARTED_BY = process.ppid;

/** How often a long-running command looks whether the process that started it is still there. */
const PARENT_CHECK_MS = 1_000;

/**
 * For a command whose normal end is Ctrl+C (`sandbox`, `worker`, `webhooks serve`): resolves on SIGINT /
 * SIGTERM — or with SIGHUP when the process that started it is gone. `npx ocop-connect sandbox` runs
 * node under `npm exec` (and a shell): a SIGTERM to npm ends npm but not node, which would be left
 * listening, reparented, forever. A changed parent pid is that: the command shuts down as if hung up.
 */
export function untilInterrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const watch = setInterval(() => {
      if (process.ppid !== STARTED_BY) waiter('SIGHUP');
    }, PARENT_CHECK_MS);
    watch.unref();
    const waiter = (signal: NodeJS.Signals) => {
      clearInterval(watch);
      waiters.delete(waiter);
      resolve(signal);
    };
    waiters.add(waiter);
  });
}

/** The exit code of a run ended by `signal`: 130 Ctrl+C, 129 parent gone (hang-up), 143 otherwise. */
export function exitCodeOf(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? EXIT.interrupted : signal === 'SIGHUP' ? EXIT.hangup : EXIT.terminated;
}

let exiting = false;
function exitAfterCleanup(code: number): void {
  if (exiting) return;
  exiting = true;
  void runCleanups().finally(() => process.exit(code));
}

/** Install the signal and EPIPE handlers for one run; returns their removal. */
export function onInterrupt(): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (waiters.size > 0) {
      for (const waiter of [...waiters]) waiter(signal);
      return;
    }
    exitAfterCleanup(exitCodeOf(signal));
  };
  const onStreamError = (error: NodeJS.ErrnoException) => {
    // The reader went away (`ocop-connect sandbox --once | head -1`): nothing more can be shown.
    if (error.code === 'EPIPE') exitAfterCleanup(typeof process.exitCode === 'number' ? process.exitCode : 0);
    else throw error;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.stdout.on('error', onStreamError);
  process.stderr.on('error', onStreamError);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    // Stream errors can still arrive after the command returned (buffered output); keep those handlers.
  };
}
