// The contract suite's inputs live with the suite (ocop-connect/testing); the repository's tests share them.
export { honeyProduct, jpegUpload, smallJpeg } from '../../src/testing/fixtures.js';
export { type CapturedRequest, startReceiver, waitFor } from '../../src/testing/webhook-receiver.js';
