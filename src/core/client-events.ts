import { EventEmitter } from 'node:events';
import type { PlatformClientEventEmitter, PlatformClientEventName, PlatformClientEvents } from './types.js';

/**
 * Typed events. A throwing listener must not break a request, and an event nobody listens to
 * costs nothing.
 */
export class ClientEvents extends EventEmitter implements PlatformClientEventEmitter {
  publish<E extends PlatformClientEventName>(event: E, payload: PlatformClientEvents[E]): void {
    try {
      this.emit(event, payload);
    } catch {
      // A caller's listener failing is the caller's bug; the request outcome stays ours.
    }
  }
}
