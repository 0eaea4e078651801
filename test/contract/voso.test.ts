import { voso } from '../../src/platforms/voso/index.js';
import { startVosoSandbox } from '../../src/sandbox/voso/index.js';
import { defineMarketplaceContract } from './marketplace-contract.js';

defineMarketplaceContract({
  platform: 'voso',
  factory: voso,
  startSandbox: startVosoSandbox,
  credentialsOf: (sandbox) => ({
    username: sandbox.credentials.username,
    password: sandbox.credentials.password,
  }),
  capabilities: {
    tokenExpiry: true,
    categoryAttributes: true,
    imageUpload: true,
    variants: true,
    idempotentRecreate: true,
    bulkStock: true,
    price: true,
    orders: true,
    fulfilment: true,
    webhooks: true,
    profileOverride: true,
  },
  leafCategoryId: '1001',
  parentCategoryId: '1000',
  shippedStatus: 'SHIPPED',
  webhookSignatureHeader: 'X-Voso-Signature',
});
