export {
  type ContractAdapterSettings,
  DEFAULT_CONTRACT_TEST_TIMEOUT_MS,
  type MarketplaceContractCapabilities,
  type MarketplaceContractOptions,
} from './contract-options.js';
export type {
  ContractPlaceOrderInput,
  ContractPlaceOrderResult,
  ContractSandbox,
  ContractSandboxListing,
  ContractSandboxOrder,
} from './contract-sandbox.js';
export { honeyProduct, jpegUpload, smallJpeg } from './fixtures.js';
export { defineMarketplaceContract } from './marketplace-contract.js';
