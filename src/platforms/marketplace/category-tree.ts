import { ContractViolationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { BilingualText } from '../../model/messages.js';
import type { Category } from '../types.js';
import { getPath } from './object-path.js';
import type { ProfileRequester } from './profile-requester.js';
import type { MarketplaceProfile } from './profile-schema.js';

/**
 * Reads a platform's category tree the way the profile says (one call for a nested tree, or level by
 * level from a root parent) and checks that it holds together before anything is mapped onto it.
 */
export async function fetchCategoryTree(
  profile: MarketplaceProfile,
  requester: ProfileRequester,
  options?: CallOptions,
): Promise<Category[]> {
  const mode = profile.pagination.categories;
  const out: Category[] = [];
  if (mode.mode === 'tree') {
    const childrenPath = mode.childrenPath;
    const walk = (nodes: unknown, nestedParent: string | undefined) => {
      for (const node of nodes as unknown[]) {
        const category = decodeCategory(profile, node, undefined, nestedParent);
        out.push(category);
        const children = getPath(node, childrenPath);
        // A leaf may omit its children; anything present must be a list.
        if (children === undefined || children === null) continue;
        if (!Array.isArray(children)) {
          throw badTree(
            profile,
            {
              vi: `danh mục ${category.id} có "${childrenPath}" không phải danh sách`,
              en: `category ${category.id} has "${childrenPath}" that is not a list`,
            },
            'childrenPath',
          );
        }
        walk(children, category.id);
      }
    };
    const top = await requester.call('categories', {}, {}, options);
    // The top level must be a list; "no categories" would make every mapping look unknown.
    if (!Array.isArray(top))
      throw notAListError(profile.platform, 'categories', {
        vi: 'cây danh mục',
        en: 'the category tree',
      });
    walk(top, undefined);
    checkTree(profile, out);
    return out;
  }
  const queue = [mode.rootParentId];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    const data = await requester.call('categories', { parentId: parent }, {}, options);
    if (!Array.isArray(data))
      throw notAListError(profile.platform, 'categories', {
        vi: 'một cấp danh mục',
        en: 'a category level',
      });
    if (data.length === 0 && parent !== mode.rootParentId) {
      const f = profile.fields.category;
      throw badTree(
        profile,
        {
          vi: `danh mục ${parent} báo có danh mục con ("${f.leaf ?? f.hasChildren}") nhưng cấp của nó trống`,
          en: `category ${parent} says it has children ("${f.leaf ?? f.hasChildren}") but its level is empty`,
        },
        f.leaf ? 'leaf' : 'hasChildren',
      );
    }
    for (const node of data) {
      const category = decodeCategory(
        profile,
        node,
        mode.rootParentId,
        parent === mode.rootParentId ? undefined : parent,
      );
      out.push(category);
      if (!category.leaf) queue.push(category.id);
    }
  }
  checkTree(profile, out);
  return out;
}

/** A list the profile says is there but is not: the profile does not fit, and "empty" would be a lie. */
export function notAListError(
  platform: string,
  operation: string,
  what: BilingualText,
): ContractViolationError {
  return new ContractViolationError(
    {
      vi: `${platform} ${operation}: ${what.vi} không phải danh sách ở chỗ profile chỉ ra (hãy kiểm tra các đường dẫn dữ liệu của nó)`,
      en: `${platform} ${operation}: ${what.en} is not a list where the profile says (check its data paths)`,
    },
    { platform, operation },
  );
}

const NESTED_PARENT = 'fields.category.parentId (none: the parent comes from nesting)';
const NESTED_PARENT_VI = 'fields.category.parentId (không có: danh mục cha lấy theo cấp lồng nhau)';

/** The category tree does not hold together: name the profile paths that most likely do not fit. */
function badTree(
  profile: MarketplaceProfile,
  what: BilingualText,
  ...fields: ('childrenPath' | 'parentId' | 'hasChildren' | 'leaf')[]
): ContractViolationError {
  const mode = profile.pagination.categories;
  const f = profile.fields.category;
  const paths = fields.map((field) =>
    field === 'childrenPath'
      ? `pagination.categories.childrenPath ("${mode.mode === 'tree' ? mode.childrenPath : ''}")`
      : field === 'parentId'
        ? f.parentId
          ? `fields.category.parentId ("${f.parentId}")`
          : NESTED_PARENT
        : field === 'leaf'
          ? `fields.category.leaf ("${f.leaf}")`
          : `fields.category.hasChildren ("${f.hasChildren}")`,
  );
  return new ContractViolationError(
    {
      vi: `${profile.platform} categories: ${what.vi}; hãy kiểm tra ${paths.map((p) => (p === NESTED_PARENT ? NESTED_PARENT_VI : p)).join(' và ')} — cây sai sẽ đưa tin đăng vào sai danh mục`,
      en: `${profile.platform} categories: ${what.en}; check ${paths.join(' and ')} — a wrong tree would send listings to the wrong category`,
    },
    { platform: profile.platform, operation: 'categories' },
  );
}

/**
 * The whole tree must hold together: every parent named exists, every category that says it has
 * children has some, no leaf has children, and there is at least one leaf. A mistyped childrenPath,
 * parentId or hasChildren shows as one of these, never as a quietly wrong tree.
 */
function checkTree(profile: MarketplaceProfile, categories: readonly Category[]): void {
  const f = profile.fields.category;
  const flag: 'leaf' | 'hasChildren' = f.leaf !== undefined ? 'leaf' : 'hasChildren';
  if (categories.length === 0)
    throw notAListError(profile.platform, 'categories', {
      vi: 'cây danh mục (đang trống)',
      en: 'the category tree (it is empty)',
    });
  const ids = new Set(categories.map((c) => c.id));
  const withChildren = new Set<string>();
  for (const c of categories) {
    if (c.parentId === undefined) continue;
    if (!ids.has(c.parentId)) {
      throw badTree(
        profile,
        {
          vi: `danh mục ${c.id} ghi danh mục cha ${c.parentId}, không có trong cây`,
          en: `category ${c.id} names parent ${c.parentId}, which is not in the tree`,
        },
        'parentId',
      );
    }
    withChildren.add(c.parentId);
  }
  for (const c of categories) {
    if (c.leaf && withChildren.has(c.id)) {
      throw badTree(
        profile,
        {
          vi: `danh mục ${c.id} được đánh dấu là lá nhưng có danh mục con`,
          en: `category ${c.id} is marked as a leaf but has children`,
        },
        flag,
      );
    }
    if (!c.leaf && !withChildren.has(c.id)) {
      const mode = profile.pagination.categories.mode;
      const childless = {
        vi: `danh mục ${c.id} báo có danh mục con nhưng trong cây không có`,
        en: `category ${c.id} says it has children but none are in the tree`,
      };
      throw mode === 'tree'
        ? badTree(profile, childless, 'childrenPath', 'parentId', flag)
        : badTree(profile, childless, flag);
    }
  }
  if (!categories.some((c) => c.leaf))
    throw badTree(profile, { vi: 'không danh mục nào là lá', en: 'no category is a leaf' }, flag);
}

function decodeCategory(
  profile: MarketplaceProfile,
  node: unknown,
  rootParentId: string | undefined,
  nestedParent?: string,
): Category {
  const f = profile.fields.category;
  const rawId = getPath(node, f.id);
  if (typeof rawId !== 'string' && typeof rawId !== 'number') {
    throw new ContractViolationError(
      {
        vi: `${profile.platform}: một danh mục không có ${f.id}`,
        en: `${profile.platform}: a category has no ${f.id}`,
      },
      {
        platform: profile.platform,
        operation: 'categories',
      },
    );
  }
  const id = String(rawId);
  // No parentId path: the tree does not name parents on its categories (Lazada nests children with
  // no parent id); the parent is where the category sits.
  const parent = f.parentId ? getPath(node, f.parentId) : undefined;
  if (parent !== undefined && parent !== null && typeof parent !== 'string' && typeof parent !== 'number') {
    // An object, a list or a flag is not an id: the path reads another field.
    throw badTree(
      profile,
      {
        vi: `danh mục ${id} có ${describeValue(parent).vi} ở "${f.parentId}", không phải mã danh mục cha`,
        en: `category ${id} has ${describeValue(parent).en} at "${f.parentId}", not a parent id`,
      },
      'parentId',
    );
  }
  const given = parent === undefined || parent === null ? undefined : String(parent);
  const givenIsRoot = given === undefined || given === '0' || given === '' || given === rootParentId;
  // Where the node sits (nested under a parent, or asked for by parent) wins when it names none.
  const parentId = givenIsRoot ? nestedParent : given;
  if (nestedParent !== undefined && !givenIsRoot && given !== nestedParent) {
    throw badTree(
      profile,
      {
        vi: `danh mục ${id} nằm dưới ${nestedParent} nhưng ghi danh mục cha ${given}`,
        en: `category ${id} sits under ${nestedParent} but names parent ${given}`,
      },
      'parentId',
    );
  }
  if (nestedParent !== undefined && parent === undefined && f.parentId) {
    // Nested or asked for by parent, yet the field the profile names is absent: the path is wrong,
    // or the platform names no parent on a child (then the profile says parentId: null).
    throw badTree(
      profile,
      {
        vi: `danh mục ${id} không có "${f.parentId}" (khi danh mục con không ghi danh mục cha, đặt fields.category.parentId: null để lấy theo cấp lồng nhau)`,
        en: `category ${id} has no "${f.parentId}" (when children name no parent, set fields.category.parentId: null to take it from nesting)`,
      },
      'parentId',
    );
  }
  const flagPath = f.leaf ?? f.hasChildren!;
  const flag = getPath(node, flagPath);
  if (typeof flag !== 'boolean') {
    throw badTree(
      profile,
      {
        vi: `danh mục ${id} không có true/false ở "${flagPath}" (nhận được ${flag === undefined ? 'không có gì' : JSON.stringify(flag)})`,
        en: `category ${id} has no true/false at "${flagPath}" (got ${flag === undefined ? 'nothing' : JSON.stringify(flag)})`,
      },
      f.leaf !== undefined ? 'leaf' : 'hasChildren',
    );
  }
  const name = getPath(node, f.name);
  return {
    id,
    name: typeof name === 'string' ? name : id,
    ...(parentId !== undefined ? { parentId } : {}),
    leaf: f.leaf !== undefined ? flag : !flag,
  };
}

/** A value the profile read where it expected an id, for a message: never `[object Object]`. */
function describeValue(value: unknown): BilingualText {
  if (Array.isArray(value))
    return { vi: `một danh sách (${value.length} phần tử)`, en: `a list (${value.length} entries)` };
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    const shown = `${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}`;
    return { vi: `một object (khóa ${shown})`, en: `an object (keys ${shown})` };
  }
  const text = JSON.stringify(value) ?? String(value);
  return { vi: text, en: text };
}
