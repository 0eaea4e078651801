/**
 * A signal that aborts when `caller` or `closing` does (with that one's reason), and `detach` to remove
 * its listeners afterwards (AbortSignal.any is not in every Node 20). Without `caller`: `closing`.
 */
export function eitherSignal(
  caller: AbortSignal | undefined,
  closing: AbortSignal,
): { signal: AbortSignal; detach: () => void } {
  if (!caller) return { signal: closing, detach: () => {} };
  const either = new AbortController();
  const onCaller = () => either.abort(caller.reason);
  const onClose = () => either.abort(closing.reason);
  if (caller.aborted) onCaller();
  caller.addEventListener('abort', onCaller, { once: true });
  closing.addEventListener('abort', onClose, { once: true });
  return {
    signal: either.signal,
    detach: () => {
      caller.removeEventListener('abort', onCaller);
      closing.removeEventListener('abort', onClose);
    },
  };
}
