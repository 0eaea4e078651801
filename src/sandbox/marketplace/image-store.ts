/**
 * The images a sandbox marketplace holds: uploads checked against the platform's image rules (format,
 * size, bytes, square), deduplicated by content where the platform does so, kept with their bytes.
 */
import { createHash } from 'node:crypto';
import { issue, SandboxError, validationError } from './errors.js';
import { probeImage } from './image-probe.js';
import type { SandboxImage } from './shop-data.js';

export interface ImageSpec {
  formats: ReadonlyArray<'JPEG' | 'PNG'>;
  minWidth: number;
  minHeight: number;
  square: boolean;
  maxBytes: number;
}

interface StoredImage extends SandboxImage {
  data: Buffer;
}

export interface ImageStoreConfig {
  imageSpec: ImageSpec;
  /** Voso returns the existing image for identical bytes; Postmart stores every upload. */
  dedupeImages: boolean;
  newImageId(sequence: number): string;
  now: () => number;
}

export class SandboxImageStore {
  readonly #images = new Map<string, StoredImage>();
  #sequence = 0;

  constructor(private readonly config: ImageStoreConfig) {}

  /** `stored: false`: identical bytes were already uploaded (deduplicating platform), that image answers. */
  upload(bytes: Buffer): { image: SandboxImage; stored: boolean } {
    const spec = this.config.imageSpec;
    if (bytes.length === 0) throw validationError([issue(['image'], 'REQUIRED', 'Thiếu dữ liệu hình ảnh')]);
    if (bytes.length > spec.maxBytes) {
      throw new SandboxError('payload_too_large', `Ảnh vượt quá ${spec.maxBytes} byte`, {
        issues: [issue(['image'], 'MAX_BYTES', `Dung lượng ảnh tối đa ${spec.maxBytes} byte`)],
      });
    }
    const probe = probeImage(bytes);
    if (!probe || !(spec.formats as readonly string[]).includes(probe.format)) {
      throw new SandboxError('unsupported_media', 'Định dạng ảnh không được hỗ trợ', {
        issues: [issue(['image'], 'FORMAT', `Chỉ chấp nhận ảnh ${spec.formats.join(', ')}`)],
      });
    }
    if (probe.width < spec.minWidth || probe.height < spec.minHeight) {
      throw validationError([
        issue(
          ['image'],
          'MIN_DIMENSION',
          `Ảnh tối thiểu ${spec.minWidth}×${spec.minHeight} px (nhận ${probe.width}×${probe.height})`,
        ),
      ]);
    }
    if (spec.square && probe.width !== probe.height) {
      throw validationError([
        issue(['image'], 'NOT_SQUARE', `Ảnh phải vuông (nhận ${probe.width}×${probe.height})`),
      ]);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (this.config.dedupeImages) {
      for (const image of this.#images.values()) {
        if (image.sha256 === sha256) return { image: this.#publicImage(image), stored: false };
      }
    }
    this.#sequence += 1;
    const image: StoredImage = {
      id: this.config.newImageId(this.#sequence),
      sha256,
      width: probe.width,
      height: probe.height,
      format: probe.format as 'JPEG' | 'PNG',
      bytes: bytes.length,
      uploadedAtMs: this.config.now(),
      data: Buffer.from(bytes),
    };
    this.#images.set(image.id, image);
    return { image: this.#publicImage(image), stored: true };
  }

  /** Stores an image as the seller centre would (no API image rules). */
  insertHandMade(bytes: Buffer): SandboxImage {
    const probe = probeImage(bytes);
    if (!probe || (probe.format !== 'JPEG' && probe.format !== 'PNG')) throw new Error('Not a JPEG or PNG');
    this.#sequence += 1;
    const image: StoredImage = {
      id: this.config.newImageId(this.#sequence),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      width: probe.width,
      height: probe.height,
      format: probe.format,
      bytes: bytes.length,
      uploadedAtMs: this.config.now(),
      data: Buffer.from(bytes),
    };
    this.#images.set(image.id, image);
    return this.#publicImage(image);
  }

  #publicImage(image: StoredImage): SandboxImage {
    const { data: _data, ...rest } = image;
    return { ...rest };
  }

  has(id: string): boolean {
    return this.#images.has(id);
  }

  all(): SandboxImage[] {
    return [...this.#images.values()].map((image) => this.#publicImage(image));
  }

  bytesOf(id: string): Buffer | undefined {
    const image = this.#images.get(id);
    return image ? Buffer.from(image.data) : undefined;
  }
}
