/**
 * The sandbox category tree (OCOP sectors) and per-category attributes. Both platforms share the shape;
 * ids, attribute codes and the OCOP-stars type differ per dialect (see docs/contracts §4).
 */
export type AttributeKey =
  | 'origin'
  | 'brand'
  | 'shelfLifeDays'
  | 'ocopStars'
  | 'netWeight'
  | 'ingredients'
  | 'storage'
  | 'material';

export interface AttributeSpec {
  code: string;
  name: string;
  type: 'TEXT' | 'NUMBER' | 'ENUM';
  required: boolean;
  min?: number;
  max?: number;
  options?: string[];
}

export interface CategoryNode {
  id: number;
  name: string;
  parentId: number;
  isLeaf: boolean;
  attributes: AttributeSpec[];
}

export interface AttributeStyle {
  codes: Record<AttributeKey, string>;
  /** Postmart models OCOP stars as ENUM "3"|"4"|"5"; Voso as NUMBER 3..5. */
  ocopStarsAsEnum: boolean;
}

type LeafKind = 'food' | 'fresh' | 'craft';

interface TreeRow {
  offset: number;
  name: string;
  parentOffset: number | null;
  kind?: LeafKind;
}

const TREE: readonly TreeRow[] = [
  { offset: 0, name: 'Thực phẩm', parentOffset: null },
  { offset: 1, name: 'Mật ong', parentOffset: 0, kind: 'food' },
  { offset: 2, name: 'Gạo & ngũ cốc', parentOffset: 0, kind: 'food' },
  { offset: 3, name: 'Nước mắm & gia vị', parentOffset: 0, kind: 'food' },
  { offset: 4, name: 'Trái cây & nông sản tươi', parentOffset: 0, kind: 'fresh' },
  { offset: 100, name: 'Đồ uống', parentOffset: null },
  { offset: 101, name: 'Trà', parentOffset: 100, kind: 'food' },
  { offset: 102, name: 'Cà phê', parentOffset: 100, kind: 'food' },
  { offset: 200, name: 'Thảo dược', parentOffset: null },
  { offset: 201, name: 'Dược liệu khô', parentOffset: 200, kind: 'food' },
  { offset: 300, name: 'Thủ công mỹ nghệ', parentOffset: null },
  { offset: 301, name: 'Mây tre đan', parentOffset: 300, kind: 'craft' },
  { offset: 400, name: 'Vải & may mặc', parentOffset: null },
  { offset: 401, name: 'Thổ cẩm', parentOffset: 400, kind: 'craft' },
];

const NAMES: Record<AttributeKey, string> = {
  origin: 'Xuất xứ (tỉnh/thành)',
  brand: 'Thương hiệu',
  shelfLifeDays: 'Hạn sử dụng (ngày)',
  ocopStars: 'Hạng sao OCOP',
  netWeight: 'Khối lượng tịnh',
  ingredients: 'Thành phần',
  storage: 'Hướng dẫn bảo quản',
  material: 'Chất liệu',
};

function attributesFor(kind: LeafKind, style: AttributeStyle): AttributeSpec[] {
  const text = (key: AttributeKey, required: boolean): AttributeSpec => ({
    code: style.codes[key],
    name: NAMES[key],
    type: 'TEXT',
    required,
  });
  const stars = (required: boolean): AttributeSpec =>
    style.ocopStarsAsEnum
      ? {
          code: style.codes.ocopStars,
          name: NAMES.ocopStars,
          type: 'ENUM',
          required,
          options: ['3', '4', '5'],
        }
      : { code: style.codes.ocopStars, name: NAMES.ocopStars, type: 'NUMBER', required, min: 3, max: 5 };
  const shelfLife: AttributeSpec = {
    code: style.codes.shelfLifeDays,
    name: NAMES.shelfLifeDays,
    type: 'NUMBER',
    required: true,
    min: 1,
    max: 3650,
  };
  if (kind === 'craft') return [text('origin', true), text('material', true), stars(false)];
  return [
    text('origin', true),
    ...(kind === 'food' ? [text('brand', true)] : [text('brand', false)]),
    shelfLife,
    stars(true),
    text('netWeight', false),
    text('ingredients', false),
    text('storage', false),
  ];
}

/** The first id of each sandbox's category tree: a category's id is the base plus its row's offset. */
export const CATEGORY_ID_BASE = { voso: 1000, postmart: 2000, shopee: 100_000 } as const;

/** The id of the category named `name` in the tree that starts at `idBase`; throws when there is none. */
export function categoryIdOf(idBase: number, name: string): number {
  const row = TREE.find((candidate) => candidate.name === name);
  if (!row) throw new Error(`no sandbox category named "${name}"`);
  return idBase + row.offset;
}

export function buildCatalog(idBase: number, style: AttributeStyle): CategoryNode[] {
  return TREE.map((row) => ({
    id: idBase + row.offset,
    name: row.name,
    parentId: row.parentOffset === null ? 0 : idBase + row.parentOffset,
    isLeaf: row.kind !== undefined,
    attributes: row.kind ? attributesFor(row.kind, style) : [],
  }));
}
