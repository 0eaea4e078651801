import { defineConfig } from 'tsup';

/** The CLI's build output; the library build's `clean` leaves these alone (the two builds run in parallel). */
const CLI_OUTPUT = ['cli.js'];

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      viettelpost: 'src/platforms/viettelpost/index.ts',
      vnpost: 'src/platforms/vnpost/index.ts',
      marketplace: 'src/platforms/marketplace/index.ts',
      voso: 'src/platforms/voso/index.ts',
      postmart: 'src/platforms/postmart/index.ts',
      shopee: 'src/platforms/shopee/index.ts',
      sandbox: 'src/sandbox/index.ts',
      images: 'src/images/index.ts',
      postgres: 'src/store/postgres/index.ts',
      hub: 'src/hub/index.ts',
      // `ocop-connect/testing`, the marketplace contract suite for users' own adapters. Exported for
      // `import` only (vitest, its optional peer dependency, cannot be require()d; the CJS file built
      // alongside is never reached). In this build rather than its own so that the library's declaration
      // clean-up never races with its declarations.
      testing: 'src/testing/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    // No source maps: the output is not minified (stack traces already point at readable code with the
    // sources' names), and the maps were 41 % of the unpacked package.
    sourcemap: false,
    clean: CLI_OUTPUT.map((file) => `!${file}`),
    target: 'node20',
    splitting: true,
    shims: true,
    // sharp is a native module: never bundle it, load it lazily at run time. pg, ioredis and bullmq
    // are optional peer dependencies of the hub features, loaded only when used; vitest likewise, by
    // `ocop-connect/testing` alone. That entry reaches the library by the package's own name (like the
    // bin), so it checks adapters through the very files a user imports, with one copy of each class.
    external: ['sharp', 'pg', 'ioredis', 'bullmq', 'vitest', /^ocop-connect(\/.*)?$/],
    // p-retry (and its helper) ship only as ES modules; bundling them keeps the CJS build loadable on
    // Node 20 releases before 20.19, where require() of an ES module is not available.
    noExternal: ['p-retry', 'is-network-error'],
  },
  {
    // The `ocop-connect` bin: one ES module, no type declarations (nobody imports a bin). It reaches the
    // library through the package's own name (Node resolves a package's self-reference through its
    // `exports`), so it runs the very files a library user gets, not a second bundled copy.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    clean: false,
    target: 'node20',
    external: ['ocop-connect', 'sharp'],
  },
]);
