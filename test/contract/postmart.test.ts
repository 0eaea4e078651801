import { defineMarketplaceContract } from 'ocop-connect/testing';
import { postmart } from '../../src/platforms/postmart/index.js';
import { startPostmartSandbox } from '../../src/sandbox/index.js';
import { loginProfileHarness } from './profile-harness.js';

defineMarketplaceContract({
  platform: 'postmart',
  startSandbox: startPostmartSandbox,
  createAdapter: loginProfileHarness(postmart, (sandbox) => ({
    customerCode: sandbox.credentials.customerCode!,
  })),
  expireToken: (_sandbox, jumpClockMs) => jumpClockMs(2 * 86_400_000),
  secretsOf: (sandbox) => [sandbox.credentials.password, 'sai-mat-khau'],
  capabilities: {
    tokenExpiry: true,
    categoryAttributes: true,
    imageUpload: true,
    orders: true,
    fulfilment: true,
    profileOverride: true,
  },
  leafCategoryId: '2001',
  parentCategoryId: '2000',
  newOrderStatus: 'PENDING_CONFIRM',
  // Postmart waits for the carrier's pickup: ShipOrder leaves the order READY_TO_SHIP.
  shippedStatus: 'READY_TO_SHIP',
  shippedCarrier: 'viettelpost',
  shippedCarrierCode: 'VTP',
  webhookSignatureHeader: 'X-Postmart-Signature',
});
