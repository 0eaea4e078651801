import { setMaxListeners } from 'node:events';

/**
 * A signal of the run's own that follows the caller's through a single listener, and may have any number
 * of listeners itself. `unlink` removes the caller-side listener once the run is over.
 */
export function linkSignal(caller: AbortSignal | undefined): { signal?: AbortSignal; unlink: () => void } {
  if (!caller) return { unlink: () => {} };
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  if (caller.aborted) {
    controller.abort(caller.reason);
    return { signal: controller.signal, unlink: () => {} };
  }
  const forward = () => controller.abort(caller.reason);
  caller.addEventListener('abort', forward, { once: true });
  return { signal: controller.signal, unlink: () => caller.removeEventListener('abort', forward) };
}
