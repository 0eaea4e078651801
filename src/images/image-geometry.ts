import { ConfigurationError } from '../core/errors.js';
import { argumentProblem, isPlainObject, MODEL_OBJECT } from '../model/argument-check.js';
import type { ImageFormat, ImageSpecInput } from '../model/image-spec.js';
import { pathProblem } from '../model/option-problem.js';
import { ImageError } from './errors.js';

/* The spec an image is prepared for: checked once, then the output format and size planned from it. */

/** JPEG when accepted (smallest for product photos, accepted everywhere), else the spec's first. */
export function chooseOutputFormat(formats: readonly ImageFormat[]): ImageFormat {
  if (formats.includes('jpeg')) return 'jpeg';
  const first = formats[0];
  if (first === undefined) throw new ConfigurationError(INVALID_SPEC, [NO_FORMAT]);
  return first;
}

const INVALID_SPEC = { vi: 'Quy cách ảnh (ImageSpec) không hợp lệ', en: 'Invalid ImageSpec' };
const NO_FORMAT = pathProblem('formats', 'phải có ít nhất một định dạng', 'must list at least one format');

const checkedSpecs = new WeakSet<object>();

/**
 * A contradictory spec is a programming error in an adapter: say everything wrong with it at once, in
 * Vietnamese and English (a ConfigurationError; a spec that is not an object names `spec`).
 */
export function assertUsableSpec(spec: ImageSpecInput): void {
  if (!isPlainObject(spec)) {
    const problem = argumentProblem('spec', spec, MODEL_OBJECT);
    throw new ConfigurationError(INVALID_SPEC, [`${problem.vi} / ${problem.en}`]);
  }
  if (checkedSpecs.has(spec)) return;
  const problems: string[] = [];
  for (const key of ['minWidth', 'minHeight', 'maxWidth', 'maxHeight', 'maxBytes'] as const) {
    if (!Number.isSafeInteger(spec[key]) || spec[key] <= 0)
      problems.push(pathProblem(key, 'phải là một số nguyên dương', 'must be a positive integer'));
  }
  if (spec.minWidth > spec.maxWidth)
    problems.push(pathProblem('minWidth', 'lớn hơn maxWidth', 'is greater than maxWidth'));
  if (spec.minHeight > spec.maxHeight)
    problems.push(pathProblem('minHeight', 'lớn hơn maxHeight', 'is greater than maxHeight'));
  if (
    spec.aspect === 'square' &&
    Math.max(spec.minWidth, spec.minHeight) > Math.min(spec.maxWidth, spec.maxHeight)
  ) {
    problems.push(
      pathProblem(
        'aspect',
        'không có hình vuông nào nằm giữa cỡ tối thiểu và cỡ tối đa',
        'no square fits between the minimum and the maximum',
      ),
    );
  }
  if (spec.aspect !== 'square' && spec.aspect !== 'any')
    problems.push(pathProblem('aspect', "phải là 'square' hoặc 'any'", "must be 'square' or 'any'"));
  if (!Array.isArray(spec.formats) || spec.formats.length === 0) problems.push(NO_FORMAT);
  else if (spec.formats.some((format) => !['jpeg', 'png', 'webp'].includes(format))) {
    problems.push(
      pathProblem(
        'formats',
        "chỉ được chứa 'jpeg', 'png' và 'webp'",
        "may contain only 'jpeg', 'png' and 'webp'",
      ),
    );
  }
  if (problems.length > 0) throw new ConfigurationError(INVALID_SPEC, problems);
  checkedSpecs.add(spec);
}

export interface Geometry {
  width: number;
  height: number;
  /** Pad to exactly width × height (square) rather than resize to it. */
  pad: boolean;
}

interface Bounds {
  minWidth: number;
  minHeight: number;
}

function tooSmall(width: number, height: number, bounds: Bounds, label: string): ImageError {
  return new ImageError(
    'TOO_SMALL',
    {
      en: `Image is ${width}×${height} px; at least ${bounds.minWidth}×${bounds.minHeight} px is required`,
      vi: `Ảnh chỉ có ${width}×${height} px; cần tối thiểu ${bounds.minWidth}×${bounds.minHeight} px`,
    },
    { source: label, details: { width, height, minWidth: bounds.minWidth, minHeight: bounds.minHeight } },
  );
}

/**
 * Output size for an upright image of `width × height`. Square: the long side, clamped to the spec,
 * becomes the side of a padded square (a tall jar photo keeps all of the jar). Any: fit inside the
 * maximum, keeping the aspect ratio. Too small is refused unless `upscale`.
 */
export function planGeometry(
  width: number,
  height: number,
  spec: ImageSpecInput,
  upscale: boolean,
  label: string,
): Geometry {
  if (spec.aspect === 'square') {
    const minSide = Math.max(spec.minWidth, spec.minHeight);
    const maxSide = Math.min(spec.maxWidth, spec.maxHeight);
    const longSide = Math.max(width, height);
    if (longSide < minSide && !upscale) {
      throw tooSmall(width, height, { minWidth: minSide, minHeight: minSide }, label);
    }
    const side = Math.min(Math.max(longSide, minSide), maxSide);
    return { width: side, height: side, pad: true };
  }
  let scale = 1;
  if (width < spec.minWidth || height < spec.minHeight) {
    if (!upscale) throw tooSmall(width, height, spec, label);
    scale = Math.max(spec.minWidth / width, spec.minHeight / height);
  }
  scale = Math.min(scale, spec.maxWidth / width, spec.maxHeight / height);
  const target = {
    width: Math.min(spec.maxWidth, Math.round(width * scale)),
    height: Math.min(spec.maxHeight, Math.round(height * scale)),
  };
  // A very elongated image can fall under the minimum on one side once fitted inside the maximum.
  if (target.width < spec.minWidth || target.height < spec.minHeight) {
    throw tooSmall(target.width, target.height, spec, label);
  }
  return { ...target, pad: false };
}
