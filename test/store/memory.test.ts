import { createMemoryStore } from '../../src/store/index.js';
import { runStoreContract } from './store-contract.js';

runStoreContract('MemoryStore', async (options) => createMemoryStore(options));
