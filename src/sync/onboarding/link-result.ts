import { OcopConnectError } from '../../core/errors.js';

/**
 * The content hash of a linked listing: unknown (nothing published through the engine yet), so the next
 * `publish` sends a full update to the linked listing instead of creating a new one.
 */
export const LINKED_CONTENT_HASH = 'linked';

/** A note in both languages: `vi` for the Vietnamese CLI, `en` for logs and the English CLI. */
export interface Note {
  vi: string;
  en: string;
}

export function failure(platform: string, message: string): OcopConnectError {
  return new OcopConnectError('invalid_request', message, {
    platform,
    operation: 'linkListings',
    retriable: false,
  });
}
