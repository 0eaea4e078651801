#!/usr/bin/env node
/**
 * The `ocop-connect` bin. This file only runs the CLI: whatever path it is started through
 * (node_modules/.bin symlink, npx, a global install, `node dist/cli.js`), it runs. Import
 * `./program.js` to build the program without running it.
 */
import { runCli } from './program.js';

await runCli(process.argv);
