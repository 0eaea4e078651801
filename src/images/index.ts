export { ImageError, type ImageErrorCode, type ImageErrorOptions } from './errors.js';
export {
  createImagePreparer,
  type ImageCallOptions,
  ImagePreparer,
  type ImagePreparerStats,
  type PrepareResult,
} from './image-preparer.js';
export type { ImagePreparerOptions, LoadImageOptions, PrepareImageOptions } from './limits.js';
export type { ImageInput } from './load-source.js';
export { type InspectedImage, type PreparedImage, prepareImage } from './prepare-image.js';
export { type DecodableFormat, type SniffedFormat, sniffImageFormat } from './sniff-format.js';
