import type { default as SharpFactory } from 'sharp';

export type Sharp = typeof SharpFactory;

let loading: Promise<Sharp> | undefined;

/**
 * sharp is a native module (libvips): loaded on first use, so importing `ocop-connect/images` costs
 * nothing for code paths that never touch an image.
 */
export function loadSharp(): Promise<Sharp> {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
}

let warming: Promise<void> | undefined;

/**
 * Loads sharp and runs one tiny resize, once per process: the first image of a run otherwise pays
 * for loading the native module and libvips' first pipeline (measured here under load: ~400 ms and
 * ~190 ms, against ~30 ms for the next image), while the account's quota waits. Rejects when sharp
 * cannot be loaded (the image that needs it reports that itself).
 */
export function warmUpSharp(): Promise<void> {
  warming ??= loadSharp()
    .then((sharp) =>
      sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 0, g: 0, b: 0 } } })
        .resize(8, 8)
        .jpeg()
        .toBuffer(),
    )
    .then(() => undefined);
  warming.catch(() => {
    warming = undefined;
  });
  return warming;
}
