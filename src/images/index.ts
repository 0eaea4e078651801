export { ImageError, type ImageErrorCode, type ImageErrorOptions, isImageError } from './errors.js';
export {
  createImagePreparer,
  type ImageCallOptions,
  ImagePreparer,
  type ImagePreparerStats,
  type PrepareResult,
} from './image-preparer.js';
export type { ImagePreparerOptions, LoadImageOptions, PrepareImageOptions } from './limits.js';
export { type ImageInput, loadImageSource } from './load-source.js';
export {
  chooseOutputFormat,
  type InspectedImage,
  inspectImageBytes,
  type PreparedImage,
  prepareImage,
  prepareImageBytes,
} from './prepare-image.js';
export { type DecodableFormat, type SniffedFormat, sniffImageFormat } from './sniff-format.js';
