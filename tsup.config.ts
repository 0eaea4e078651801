import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    viettelpost: 'src/platforms/viettelpost/index.ts',
    voso: 'src/platforms/voso/index.ts',
    postmart: 'src/platforms/postmart/index.ts',
    sandbox: 'src/sandbox/index.ts',
    images: 'src/images/index.ts',
    cli: 'examples/cli/main.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  shims: true,
  // sharp is a native module: never bundle it, load it lazily at run time.
  external: ['sharp'],
  // p-retry (and its helper) ship only as ES modules; bundling them keeps the CJS build loadable on
  // Node 20 releases before 20.19, where require() of an ES module is not available.
  noExternal: ['p-retry', 'is-network-error'],
});
