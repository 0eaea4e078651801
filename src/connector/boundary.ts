import { asInternalError } from '../core/errors.js';
import type { Connector } from './types.js';

/**
 * The connector's boundary: anything that is not a library error escaping a method (a hook's
 * TypeError — a categories lookup, a chooser — or a bug) reaches the caller as an InternalError.
 */
export function atBoundary(connector: Connector): Connector {
  const methods = connector as unknown as Record<string, unknown>;
  for (const [name, method] of Object.entries(methods)) {
    if (typeof method !== 'function' || name === 'webhookHandler') continue;
    methods[name] = async (...args: unknown[]) => {
      try {
        return await (method as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (error) {
        throw asInternalError(error, { operation: name });
      }
    };
  }
  return connector;
}
