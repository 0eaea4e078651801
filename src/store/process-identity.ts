import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who holds a lock, told by more than a PID. A PID alone is reused: after a container restart the
 * new process is often PID 1 again, or the very process opening the store has the crashed owner's
 * PID. On Linux the kernel's start time of a process (field 22 of /proc/<pid>/stat, in clock ticks
 * since boot) together with the boot id names one process for the life of the machine; elsewhere
 * only the PID's liveness can be checked (documented limitation).
 */
export interface ProcessIdentity {
  pid: number;
  host: string;
  /** /proc/sys/kernel/random/boot_id, or '' where there is none. */
  bootId: string;
  /** Start time of `pid` in clock ticks since boot (Linux), or null where unknown. */
  startTicks: number | null;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Start time of a live process, or undefined when it does not exist (or /proc cannot tell). The
 * command name (field 2) may hold spaces and parentheses, so the fields are counted after the last ')'.
 */
export function processStartTicks(pid: number): number | null | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === undefined) return process.platform === 'linux' ? undefined : null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the ')' come field 3 (state) onwards: field 22 is at index 22 - 3.
  const ticks = Number(fields[19]);
  return Number.isSafeInteger(ticks) ? ticks : null;
}

let selfIdentity: ProcessIdentity | undefined;

export function currentProcessIdentity(): ProcessIdentity {
  selfIdentity ??= {
    pid: process.pid,
    host: hostname(),
    bootId: (readText('/proc/sys/kernel/random/boot_id') ?? '').trim(),
    startTicks: processStartTicks(process.pid) ?? null,
  };
  return selfIdentity;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * - `alive`: the recorded process still runs (same PID and, where known, same start time and boot).
 * - `gone`: it provably does not (dead PID, PID reused by another process, or the machine rebooted).
 * - `elsewhere`: recorded on another host; its PID means nothing here, so it cannot be judged.
 */
export type OwnerState = 'alive' | 'gone' | 'elsewhere';

export function ownerState(
  owner: Pick<ProcessIdentity, 'pid' | 'host'> & Partial<ProcessIdentity>,
): OwnerState {
  const self = currentProcessIdentity();
  if (owner.host !== self.host) return 'elsewhere';
  if (owner.bootId && self.bootId && owner.bootId !== self.bootId) return 'gone';
  if (owner.pid === self.pid) {
    // Our own PID: it is us only if the start time matches too (otherwise a crashed predecessor).
    if (owner.startTicks == null || self.startTicks === null) return 'alive';
    return owner.startTicks === self.startTicks ? 'alive' : 'gone';
  }
  if (!isProcessAlive(owner.pid)) return 'gone';
  if (owner.startTicks == null) return 'alive';
  const ticks = processStartTicks(owner.pid);
  // undefined: exited between the two checks; null: /proc cannot tell → trust liveness.
  if (ticks === undefined) return 'gone';
  if (ticks === null) return 'alive';
  return ticks === owner.startTicks ? 'alive' : 'gone';
}
