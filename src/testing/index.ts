export type {
  ContractPlaceOrderInput,
  ContractPlaceOrderResult,
  ContractSandbox,
  ContractSandboxListing,
  ContractSandboxOrder,
} from './contract-sandbox.js';
export { type ContractImageUpload, honeyProduct, jpegUpload, smallJpeg } from './fixtures.js';
export {
  type ContractAdapterSettings,
  DEFAULT_CONTRACT_TEST_TIMEOUT_MS,
  defineMarketplaceContract,
  type MarketplaceContractCapabilities,
  type MarketplaceContractOptions,
} from './marketplace-contract.js';
