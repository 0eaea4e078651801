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

/** For a command whose normal end is Ctrl+C (the `sandbox` command): resolves on SIGINT / SIGTERM. */
export function untilInterrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const waiter = (signal: NodeJS.Signals) => {
      waiters.delete(waiter);
      resolve(signal);
    };
    waiters.add(waiter);
  });
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
    exitAfterCleanup(signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated);
  };
  const onStreamError = (error: NodeJS.ErrnoException) => {
    // The reader went away (`ocop-connect sandbox --once | head -1`): nothing more can be shown.
    if (error.code === 'EPIPE') exitAfterCleanup(typeof process.exitCode === 'number' ? process.exitCode : 0);
    else throw error;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.stdout.on('error', onStreamError);
  process.stderr.on('error', onStreamError);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // Stream errors can still arrive after the command returned (buffered output); keep those handlers.
  };
}
