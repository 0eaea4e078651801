import { z } from 'zod';

/**
 * What a platform accepts for product images. Adapters declare one; the image pipeline produces images
 * that satisfy it (and shares one prepared image between platforms whose specs are equal).
 */
export const ImageSpecSchema = z.object({
  minWidth: z.number().int().positive(),
  minHeight: z.number().int().positive(),
  maxWidth: z.number().int().positive(),
  maxHeight: z.number().int().positive(),
  /** `square`: pad to a square on `background` (marketplace thumbnails are square). */
  aspect: z.enum(['square', 'any']),
  /** CSS-like colour for padding, default white. */
  background: z.string().default('#ffffff'),
  /** Accepted output formats, preferred first. */
  formats: z.array(z.enum(['jpeg', 'png', 'webp'])).min(1),
  maxBytes: z.number().int().positive(),
  minCount: z.number().int().min(0),
  maxCount: z.number().int().positive(),
});
export type ImageSpec = z.infer<typeof ImageSpecSchema>;
export type ImageSpecInput = z.input<typeof ImageSpecSchema>;
export type ImageFormat = ImageSpec['formats'][number];
