import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  equalsFolded,
  foldAccents,
  normalizeToneMarks,
  searchKey,
  slugify,
  toNfc,
} from '../../src/vn/index.js';

const VIETNAMESE_LETTERS =
  'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';
const ALL_LETTERS = [...VIETNAMESE_LETTERS, ...VIETNAMESE_LETTERS.toUpperCase()];
const vietnameseText = fc
  .array(fc.oneof(fc.constantFrom(...ALL_LETTERS), fc.constantFrom(' ', '-', '.', '0', '7')), {
    maxLength: 40,
  })
  .map((chars) => chars.join(''));
/** The same text, randomly in NFC or NFD (macOS file names, some IMEs). */
const anyForm = vietnameseText.chain((t) => fc.constantFrom(t, t.normalize('NFD')));

describe('foldAccents', () => {
  it('maps đ/Đ and removes every mark', () => {
    expect(foldAccents('Đồng Hới, đường Lê Duẩn')).toBe('Dong Hoi, duong Le Duan');
    expect(foldAccents('Nước mắm cá cơm Cửa Tùng')).toBe('Nuoc mam ca com Cua Tung');
  });

  it('folds both tone-mark placements and both Unicode forms to the same text', () => {
    expect(foldAccents('Hoà')).toBe(foldAccents('Hòa'));
    expect(foldAccents('Thuỷ')).toBe(foldAccents('Thủy'));
    expect(foldAccents('Vĩnh Thủy'.normalize('NFD'))).toBe('Vinh Thuy');
  });

  it('is idempotent and gives ASCII for Vietnamese letters (property)', () => {
    fc.assert(
      fc.property(anyForm, (text) => {
        const folded = foldAccents(text);
        expect(foldAccents(folded)).toBe(folded);
        expect(folded).toMatch(/^[\x20-\x7e]*$/);
        expect(folded.length).toBe(toNfc(text).length);
      }),
    );
  });
});

describe('normalizeToneMarks', () => {
  it('moves the tone of open oa/oe/uy syllables, both ways', () => {
    expect(normalizeToneMarks('Thuỷ Hoà khoẻ')).toBe('Thủy Hòa khỏe');
    expect(normalizeToneMarks('Thủy Hòa khỏe', 'modern')).toBe('Thuỷ Hoà khoẻ');
    expect(normalizeToneMarks('HOÀ')).toBe('HÒA');
  });

  it('leaves closed syllables and qu- alone', () => {
    expect(normalizeToneMarks('Hoàng thuyết quý Quỳnh')).toBe('Hoàng thuyết quý Quỳnh');
    expect(normalizeToneMarks('quý', 'modern')).toBe('quý');
  });

  it('is idempotent, returns NFC and never changes the folded text (property)', () => {
    fc.assert(
      fc.property(anyForm, fc.constantFrom('classic' as const, 'modern' as const), (text, style) => {
        const once = normalizeToneMarks(text, style);
        expect(normalizeToneMarks(once, style)).toBe(once);
        expect(once).toBe(once.normalize('NFC'));
        expect(foldAccents(once)).toBe(foldAccents(text));
      }),
    );
  });

  it('makes the two placements equal', () => {
    expect(normalizeToneMarks('Vĩnh Thuỷ')).toBe(normalizeToneMarks('Vĩnh Thủy'));
    expect(normalizeToneMarks('Hoà Bình', 'modern')).toBe(normalizeToneMarks('Hòa Bình', 'modern'));
  });
});

describe('searchKey / slugify', () => {
  it('ignores case, accents, punctuation and apostrophes', () => {
    expect(searchKey('TP. Hồ Chí Minh')).toBe('tp ho chi minh');
    expect(searchKey("Ea H'Leo")).toBe('ea hleo');
    expect(equalsFolded('Bà Rịa – Vũng Tàu', 'ba ria vung tau')).toBe(true);
  });

  it('makes URL slugs', () => {
    expect(slugify('Nước mắm cá cơm Cửa Tùng 500 ml')).toBe('nuoc-mam-ca-com-cua-tung-500-ml');
    expect(slugify('Tinh bột nghệ — Đỏ & Vàng!', { separator: '_' })).toBe('tinh_bot_nghe_do_vang');
    expect(slugify('Thanh long ruột đỏ Vĩnh Linh', { maxLength: 20 })).toBe('thanh-long-ruot-do');
    expect(slugify('!!!')).toBe('');
  });

  it('slugs hold only [a-z0-9-] with no edge or double dashes (property)', () => {
    fc.assert(
      fc.property(
        anyForm,
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
        (text, maxLength) => {
          const slug = slugify(text, maxLength === undefined ? {} : { maxLength });
          expect(slug).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
          if (maxLength !== undefined) expect(slug.length).toBeLessThanOrEqual(maxLength);
        },
      ),
    );
  });
});
