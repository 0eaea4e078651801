export type { ImageFormat, ImageSpec, ImageSpecInput } from '../model/image-spec.js';
export * from './errors.js';
export * from './image-preparer.js';
export * from './limits.js';
export type { ImageInput } from './load-source.js';
export { loadImageSource } from './load-source.js';
export { isPublicAddress } from './network-policy.js';
export { chooseOutputFormat, type PreparedImage, prepareImage, prepareImageBytes } from './prepare-image.js';
export { type DecodableFormat, type SniffedFormat, sniffImageFormat } from './sniff-format.js';
