export { bundleAvailable, expandBundleLines, recordBundles, refreshBundleStock } from './bundle-stock.js';
