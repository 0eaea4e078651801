import { postmart } from '../../src/platforms/postmart/index.js';
import { startPostmartSandbox } from '../../src/sandbox/postmart/index.js';
import { defineMarketplaceContract } from './marketplace-contract.js';

defineMarketplaceContract({
  platform: 'postmart',
  factory: postmart,
  startSandbox: startPostmartSandbox,
  credentialsOf: (sandbox) => ({
    username: sandbox.credentials.username,
    password: sandbox.credentials.password,
    customerCode: sandbox.credentials.customerCode!,
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
  leafCategoryId: '2001',
  parentCategoryId: '2000',
  // Postmart waits for the carrier's pickup: ShipOrder leaves the order READY_TO_SHIP.
  shippedStatus: 'READY_TO_SHIP',
  webhookSignatureHeader: 'X-Postmart-Signature',
});
