export { shopeePushSignature, shopeeSignature } from './shopee-wire.js';
export { startShopeeSandbox } from './start-shopee-sandbox.js';
export type {
  ShopeeOperation,
  ShopeeSandbox,
  ShopeeSandboxCredentials,
  ShopeeSandboxFaults,
  ShopeeSandboxOptions,
  ShopeeSandboxState,
  ShopeeSandboxStats,
} from './types.js';
