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
