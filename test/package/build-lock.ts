/**
 * The build lock shared by the package tests: `npm run build` empties dist/ before writing it, so one
 * run's build would pull dist/ from under another run's checks. A test holds the lock from its build
 * to the last moment it reads dist/ (or until it has packed a tarball).
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD_TIMEOUT_MS = 300_000;
const NODE_TIMEOUT_MS = 60_000;
/** How long a run waits for another run's build and checks to finish. */
export const LOCK_WAIT_MS = 300_000;
/** A lock older than this belongs to a run that can no longer be holding it. */
const LOCK_STALE_MS = BUILD_TIMEOUT_MS + 5 * NODE_TIMEOUT_MS;
const LOCK_DIR = join(ROOT, 'tmp', 'package-build.lock');

function lockOwnerGone(): boolean {
  try {
    if (Date.now() - statSync(LOCK_DIR).mtimeMs > LOCK_STALE_MS) return true;
    const pid = Number(readFileSync(join(LOCK_DIR, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false; // the owner has not written its pid yet
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // ESRCH: no such process (a killed run); ENOENT: the lock was released meanwhile.
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ESRCH' || code === 'ENOENT';
  }
}

/**
 * Several suites may run at once in one working tree (developers side by side, a CI matrix on one
 * checkout). The build empties dist/ before writing it, so one run's build would pull dist/ from
 * under another run's checks: the lock is held from the build to the last check.
 */
export async function lockBuild(): Promise<() => void> {
  mkdirSync(dirname(LOCK_DIR), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, 'pid'), String(process.pid));
      return () => rmSync(LOCK_DIR, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (lockOwnerGone()) rmSync(LOCK_DIR, { recursive: true, force: true });
    else if (Date.now() > deadline)
      throw new Error(`another run holds ${LOCK_DIR} (waited ${LOCK_WAIT_MS} ms)`);
    else await sleep(500);
  }
}
