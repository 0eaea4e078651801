import { open, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, parse, relative, sep } from 'node:path';
import {
  type CategoryMap,
  isOcopConnectError,
  type MarketplaceAdapter,
  type Product,
  type ValidationIssue,
} from 'ocop-connect';
import { type DecodableFormat, sniffImageFormat } from 'ocop-connect/images';
import { createCategoryMapper } from 'ocop-connect/marketplace';
import { codeOfKind, ERROR_CODES, EXIT } from './error-codes.js';

/**
 * Everything `list` would refuse that can be known without writing anything: image files that do not
 * exist, category mappings and the attributes a platform's category requires (read-only calls), and
 * OCOP certificates past their expiry date. `validate` and `list --dry-run` run it, and `list` runs it
 * before publishing, so a catalog said to be fine is one that `list` accepts.
 */
export interface PreflightOptions {
  /** Adapters whose categories are checked; none = the file alone (`validate --offline`). */
  adapters: readonly MarketplaceAdapter[];
  categories: CategoryMap;
  /** An expired OCOP certificate: a warning (default) or a problem that keeps the product off the platforms. */
  expiredCertificate: 'warn' | 'block';
  /** Today as YYYY-MM-DD (local date of the machine). */
  today: string;
  /** Image paths are shown relative to this folder. */
  cwd: string;
}

export interface PreflightResult {
  /** Problems: the product (on the named platform, or everywhere) is not listed. */
  problems: ValidationIssue[];
  /** Shown, never blocking. */
  warnings: ValidationIssue[];
  /** SKU → platforms it must not be sent to ('*' = every platform). */
  blocked: Map<string, Set<string>>;
  /**
   * Platforms whose category check failed on the platform itself (login refused, unreachable): not
   * asked again here; `list` still publishes to the others, and the publish reports these per item.
   */
  unavailable: Map<string, unknown>;
}

/** A failure of the platform or the network (exit 3), not of the catalog: the other platforms go on. */
function isPlatformFailure(error: unknown): boolean {
  return isOcopConnectError(error) && ERROR_CODES[codeOfKind(error.kind)].exitCode === EXIT.platform;
}

/**
 * Whether the platform lets this account in: the first page of its listings (authenticated on every
 * marketplace). The platform's failure (login refused, out of reach) when it does not; any other answer
 * means the login worked.
 */
async function accessFailure(adapter: MarketplaceAdapter): Promise<unknown> {
  try {
    for await (const _listing of adapter.listListings()) break;
    return undefined;
  } catch (error) {
    return isPlatformFailure(error) ? error : undefined;
  }
}

export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function dmy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Formats the image pipeline decodes (`list` refuses the others: HEIC, TIFF, BMP, ICO). */
const DECODABLE: readonly DecodableFormat[] = ['jpeg', 'png', 'webp', 'gif', 'avif'];

/** A name as compared for near matches: one Unicode form (macOS writes NFD, Excel NFC), one letter case. */
function looseName(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('vi');
}

/**
 * The file a missing image path most likely means: the same path with `\` read as a folder separator
 * (typed on Windows), names compared whatever their Unicode form (NFC/NFD) and letter case. Walks the
 * path from its root one folder at a time; undefined when no single file fits.
 */
export async function nearImagePath(path: string): Promise<string | undefined> {
  const { root } = parse(path);
  const segments = path
    .slice(root.length)
    .split(/[\\/]+/)
    .filter(Boolean);
  let current = root;
  for (const segment of segments) {
    const entries = await readdir(current).catch(() => undefined);
    if (!entries) return undefined;
    const exact = entries.find((entry) => entry === segment);
    const wanted = looseName(segment);
    const loose = entries.filter((entry) => looseName(entry) === wanted);
    const next = exact ?? (loose.length === 1 ? loose[0] : undefined);
    if (next === undefined) return undefined;
    current = join(current, next);
  }
  if (current === path) return undefined;
  const info = await stat(current).catch(() => undefined);
  return info?.isFile() ? current : undefined;
}

/** A path as shown: relative inside the working folder, absolute elsewhere (never "../../etc/x"). */
function shownPath(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside.split(sep).join('/') : path;
}

/**
 * What `list` would find wrong with a local image file, without decoding it: missing, not a file (a
 * folder named x.jpg), or bytes that are no image format the pipeline reads. The first bytes decide
 * (magic numbers), never the extension: a text file renamed .jpg is not an image.
 */
async function imageFileProblem(
  path: string,
  shown: string,
  cwd: string,
): Promise<Pick<ValidationIssue, 'code' | 'messageVi' | 'messageEn'> | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    const near = await nearImagePath(path);
    const hint = near ? shownPath(near, cwd) : undefined;
    return {
      code: 'image.file_missing',
      messageVi: `Không tìm thấy tệp ảnh "${shown}"${hint ? ` — có phải "${hint}"? (khác chữ hoa/thường, dấu \\ hay cách gõ dấu tiếng Việt; hãy sửa ô Ảnh cho đúng)` : ''}`,
      messageEn: `Image file "${shown}" does not exist${hint ? ` — did you mean "${hint}"? (differs in letter case, \\ or how the Vietnamese accents are encoded; correct the Ảnh cell)` : ''}`,
    };
  }
  if (!info.isFile())
    return {
      code: 'image.not_a_file',
      messageVi: `"${shown}" không phải là tệp ảnh (là thư mục hoặc tệp đặc biệt)`,
      messageEn: `"${shown}" is not an image file (it is a folder or a special file)`,
    };
  const head = Buffer.alloc(64);
  const handle = await open(path, 'r');
  let read = 0;
  try {
    read = (await handle.read(head, 0, head.length, 0)).bytesRead;
  } finally {
    await handle.close();
  }
  const format = sniffImageFormat(head.subarray(0, read));
  if (!format)
    return {
      code: 'image.not_an_image',
      messageVi: `Tệp "${shown}" không phải là ảnh (nội dung không phải JPEG, PNG, WebP, GIF hay AVIF)`,
      messageEn: `File "${shown}" is not an image (its content is not JPEG, PNG, WebP, GIF or AVIF)`,
    };
  if (!(DECODABLE as readonly string[]).includes(format))
    return {
      code: 'image.unsupported_format',
      messageVi: `Ảnh "${shown}" là ${format.toUpperCase()}, không hỗ trợ; hãy lưu thành JPEG, PNG hoặc WebP`,
      messageEn: `Image "${shown}" is ${format.toUpperCase()}, which is not supported; save it as JPEG, PNG or WebP`,
    };
  return undefined;
}

export async function preflight(
  products: readonly Product[],
  productRows: readonly number[],
  options: PreflightOptions,
): Promise<PreflightResult> {
  const problems: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const blocked = new Map<string, Set<string>>();
  const block = (sku: string, platform: string) => {
    const set = blocked.get(sku) ?? new Set<string>();
    set.add(platform);
    blocked.set(sku, set);
  };

  for (const [index, product] of products.entries()) {
    const row = productRows[index];
    const at = { sku: product.sku, ...(row !== undefined ? { row } : {}) };
    for (const [i, image] of product.images.entries()) {
      if (!('path' in image)) continue;
      // Inside the working folder: relative ("images/x.jpg"); elsewhere: as an absolute path, never "../../etc/x".
      const inside = relative(options.cwd, image.path);
      const shown = inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : image.path;
      const problem = await imageFileProblem(image.path, shown, options.cwd);
      if (!problem) continue;
      problems.push({ ...at, path: `images.${i}`, column: 'Ảnh', value: shown, ...problem });
      block(product.sku, '*');
    }
    // A gift box's stock is what its components make: a figure typed in its row is not used, said so
    // instead of being replaced silently (#19 trial 3).
    if (product.bundle && product.stock !== undefined)
      warnings.push({
        ...at,
        path: 'stock',
        column: 'Tồn kho',
        value: product.stock,
        code: 'bundle.stock_ignored',
        messageVi: `Hộp quà: tồn kho ${product.stock} ghi trong dòng này không được dùng — số hộp bán được tính từ tồn kho của các thành phần (${product.bundle.components.map((c) => c.sku).join(', ')}). Để trống ô "Tồn kho" của hộp quà`,
        messageEn: `Gift box: the stock of ${product.stock} in this row is not used — the boxes for sale are derived from its components' stock (${product.bundle.components.map((c) => c.sku).join(', ')}). Leave its "Tồn kho" cell empty`,
      });
    const expiresAt = product.ocop?.expiresAt;
    if (expiresAt && expiresAt < options.today) {
      const blocking = options.expiredCertificate === 'block';
      (blocking ? problems : warnings).push({
        ...at,
        path: 'ocop.expiresAt',
        column: 'Ngày hết hạn',
        code: 'ocop.certificate_expired',
        messageVi: `Giấy chứng nhận OCOP đã hết hạn ngày ${dmy(expiresAt)}${blocking ? '' : ' (chỉ cảnh báo; dùng --expired-certificate block để không đăng)'}`,
        messageEn: `The OCOP certificate expired on ${dmy(expiresAt)}${blocking ? '' : ' (warning only; --expired-certificate block keeps it off the platforms)'}`,
      });
      if (blocking) block(product.sku, '*');
    }
  }

  const unavailable = new Map<string, unknown>();
  // Each platform's login first, with one cheap authenticated read: a run with nothing to send (an
  // unchanged catalog, a dry run) would otherwise never log in, and a wrong password went unnoticed.
  for (const adapter of options.adapters) {
    const failure = await accessFailure(adapter);
    if (failure !== undefined) unavailable.set(adapter.platform, failure);
  }
  if (options.adapters.length > 0) {
    const mapper = createCategoryMapper({ adapters: options.adapters, mappings: { ...options.categories } });
    for (const [index, product] of products.entries()) {
      if (product.status === 'inactive') continue;
      const row = productRows[index];
      for (const adapter of options.adapters) {
        if (unavailable.has(adapter.platform)) continue;
        let resolution: Awaited<ReturnType<typeof mapper.resolve>>;
        try {
          resolution = await mapper.resolve(product, adapter.platform);
        } catch (error) {
          // One platform refusing the login (or out of reach) is that platform's result, not the run's.
          if (!isPlatformFailure(error)) throw error;
          unavailable.set(adapter.platform, error);
          continue;
        }
        if (resolution.ok) continue;
        for (const issue of resolution.issues) {
          problems.push({ ...issue, sku: product.sku, ...(row !== undefined ? { row } : {}) });
        }
        block(product.sku, adapter.platform);
      }
    }
  }
  return { problems, warnings, blocked, unavailable };
}
