import { defineMarketplaceContract } from 'ocop-connect/testing';
import { voso } from '../../src/platforms/voso/index.js';
import { startVosoSandbox } from '../../src/sandbox/index.js';
import { loginProfileHarness } from './profile-harness.js';

defineMarketplaceContract({
  platform: 'voso',
  startSandbox: startVosoSandbox,
  createAdapter: loginProfileHarness(voso),
  // The platform's clock jumps past the 24-hour token lifetime.
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
  leafCategoryId: '1001',
  parentCategoryId: '1000',
  newOrderStatus: 'PENDING_CONFIRM',
  shippedStatus: 'SHIPPED',
  shippedCarrier: 'viettelpost',
  shippedCarrierCode: 'VTP',
  webhookSignatureHeader: 'X-Voso-Signature',
});
