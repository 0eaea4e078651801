import { AN_OBJECT_OR_NOTHING, checkOption } from '../core/argument-guards.js';
import { createEmptyData } from './store-data.js';
import { assertUsableStoreOptions } from './store-options.js';
import { TransactionalStore, type TransactionalStoreOptions } from './transactional-store.js';

/** A StateStore that forgets everything when the process ends: for tests and dry runs. */
export class MemoryStore extends TransactionalStore {
  constructor(options: TransactionalStoreOptions = {}) {
    checkOption(options, 'options', AN_OBJECT_OR_NOTHING);
    assertUsableStoreOptions(options);
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
