import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Examples import the package by name, as a user would; in the repository that name means the sources.
    alias: [
      { find: /^ocop-connect$/, replacement: src('index.ts') },
      { find: /^ocop-connect\/viettelpost$/, replacement: src('platforms/viettelpost/index.ts') },
      { find: /^ocop-connect\/vnpost$/, replacement: src('platforms/vnpost/index.ts') },
      { find: /^ocop-connect\/marketplace$/, replacement: src('platforms/marketplace/index.ts') },
      { find: /^ocop-connect\/voso$/, replacement: src('platforms/voso/index.ts') },
      { find: /^ocop-connect\/shopee$/, replacement: src('platforms/shopee/index.ts') },
      { find: /^ocop-connect\/postmart$/, replacement: src('platforms/postmart/index.ts') },
      { find: /^ocop-connect\/sandbox$/, replacement: src('sandbox/index.ts') },
      { find: /^ocop-connect\/images$/, replacement: src('images/index.ts') },
      { find: /^ocop-connect\/postgres$/, replacement: src('store/postgres/index.ts') },
      { find: /^ocop-connect\/hub$/, replacement: src('hub/index.ts') },
      { find: /^ocop-connect\/testing$/, replacement: src('testing/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest would use one worker on a 2-core machine; the suite is mostly waiting on loopback I/O.
    maxWorkers: 2,
  },
});
