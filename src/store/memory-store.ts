import { checkOptions } from '../core/argument-guards.js';
import { createEmptyData } from './store-data.js';
import { storeOptionProblems } from './store-options.js';
import {
  TRANSACTIONAL_STORE_OPTIONS,
  TransactionalStore,
  type TransactionalStoreOptions,
} from './transactional-store.js';

/** A StateStore that forgets everything when the process ends: for tests and dry runs. */
export class MemoryStore extends TransactionalStore {
  constructor(options: TransactionalStoreOptions = {}) {
    // An object (or left out), no misspelt name (`nowMS` → "nowMs"), before anything else.
    checkOptions(options, TRANSACTIONAL_STORE_OPTIONS, 'createMemoryStore', storeOptionProblems);
    super(
      'memory',
      createEmptyData(),
      { append: () => {}, flush: async () => {}, close: async () => {} },
      options,
    );
  }
}

export function createMemoryStore(options: TransactionalStoreOptions = {}): MemoryStore {
  return new MemoryStore(options);
}
