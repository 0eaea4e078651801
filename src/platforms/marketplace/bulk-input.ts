import { ValidationError } from '../../core/errors.js';
import { echoed, echoedList } from '../../model/echo.js';
import { nearestName } from '../../model/nearest-name.js';
import type { ValidationIssue } from '../../model/validation.js';

/**
 * Shape checks of `setStock` / `setPrice` input, before anything is sent. A call that is not a list of
 * `{ sku, <value field> }` is a programming or spreadsheet error, refused as a whole with one bilingual
 * issue per problem, naming the field (`updates[1].quantity`) and the reason — as is an entry that
 * contradicts itself or the call (a SKU given twice, a `listPriceVnd` below its `priceVnd`). Values of the
 * right type but out of range stay per-SKU results (`INVALID_VALUE`), so one bad row never hides the others.
 */
export type BulkInputKind = 'setStock' | 'setPrice';

const FIELD: Record<BulkInputKind, { value: string; vi: string; en: string; keys: readonly string[] }> = {
  setStock: { value: 'quantity', vi: 'số lượng tồn kho', en: 'stock quantity', keys: ['sku', 'quantity'] },
  setPrice: {
    value: 'priceVnd',
    vi: 'giá bán (VND)',
    en: 'price (VND)',
    keys: ['sku', 'priceVnd', 'listPriceVnd'],
  },
};

function issue(
  platform: string,
  path: string,
  value: unknown,
  code: string,
  vi: string,
  en: string,
  sku?: string,
): ValidationIssue {
  return {
    path,
    ...(value !== undefined ? { value } : {}),
    code,
    messageVi: vi,
    messageEn: en,
    platform,
    ...(sku ? { sku } : {}),
  };
}

/** What a value is, in both languages ("một mảng" / "a list", chuỗi "" / text ""). */
function describe(value: unknown): { vi: string; en: string } {
  if (value === null) return { vi: 'null', en: 'null' };
  if (Array.isArray(value)) return { vi: 'một mảng', en: 'a list' };
  if (typeof value === 'string')
    return { vi: `chuỗi ${JSON.stringify(echoed(value))}`, en: `text ${JSON.stringify(echoed(value))}` };
  return { vi: typeof value, en: typeof value };
}

/** Throws a ValidationError listing every shape problem; returns normally when the input may be checked per SKU. */
export function assertBulkInput(kind: BulkInputKind, platform: string, updates: unknown): void {
  const field = FIELD[kind];
  if (!Array.isArray(updates)) {
    const got = describe(updates);
    throw new ValidationError(
      {
        vi: `${kind}: updates phải là một mảng { sku, ${field.value} } (nhận được ${got.vi})`,
        en: `${kind}: updates must be a list of { sku, ${field.value} } (got ${got.en})`,
      },
      [
        issue(
          platform,
          'updates',
          undefined,
          'bulk.not_a_list',
          `Dữ liệu cập nhật phải là danh sách { sku, ${field.value} }, nhận được ${got.vi}`,
          `Updates must be a list of { sku, ${field.value} }, got ${got.en}`,
        ),
      ],
    );
  }
  const issues: ValidationIssue[] = [];
  const seenAt = new Map<string, number[]>();
  updates.forEach((entry: unknown, i) => {
    const at = `updates[${i}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      issues.push(
        issue(
          platform,
          at,
          entry,
          'bulk.not_an_object',
          `Dòng ${i} phải là { sku, ${field.value} }, nhận được ${describe(entry).vi}`,
          `Entry ${i} must be { sku, ${field.value} }, got ${describe(entry).en}`,
        ),
      );
      return;
    }
    const record = entry as Record<string, unknown>;
    const sku = typeof record.sku === 'string' && record.sku.trim() !== '' ? record.sku : undefined;
    if (!sku) {
      issues.push(
        issue(
          platform,
          `${at}.sku`,
          record.sku,
          record.sku === undefined ? 'bulk.sku_missing' : 'bulk.sku_invalid',
          record.sku === undefined
            ? `Thiếu mã SKU ở ${at}.sku`
            : `Mã SKU ở ${at}.sku phải là chuỗi không rỗng, nhận được ${describe(record.sku).vi}`,
          record.sku === undefined
            ? `${at}.sku is missing`
            : `${at}.sku must be non-empty text, got ${describe(record.sku).en}`,
        ),
      );
    }
    if (sku) {
      // One value per SKU: a second entry would silently win or be dropped (#15 trial item 4). Told once
      // per SKU below, with every index, however many times it repeats.
      const at = seenAt.get(sku);
      if (at) at.push(i);
      else seenAt.set(sku, [i]);
    }
    const value = record[field.value];
    if (typeof value !== 'number') {
      const others = Object.keys(record).filter((k) => k !== 'sku');
      const given =
        value === undefined && others.length > 0
          ? echoedList(
              others.map((k) => echoed(k)),
              5,
            )
          : '';
      const hint = given ? ` (fields given: ${given})` : '';
      const hintVi = given ? ` (các trường đã có: ${given})` : '';
      issues.push(
        issue(
          platform,
          `${at}.${field.value}`,
          value,
          value === undefined ? 'bulk.value_missing' : 'bulk.value_not_a_number',
          value === undefined
            ? `Thiếu ${field.vi} ở ${at}.${field.value}${hintVi}`
            : `${at}.${field.value} phải là số, nhận được ${describe(value).vi}`,
          value === undefined
            ? `${at}.${field.value} (${field.en}) is missing${hint}`
            : `${at}.${field.value} (${field.en}) must be a number, got ${describe(value).en}`,
          sku,
        ),
      );
    }
    if (kind === 'setPrice' && record.listPriceVnd !== undefined && typeof record.listPriceVnd !== 'number') {
      issues.push(
        issue(
          platform,
          `${at}.listPriceVnd`,
          record.listPriceVnd,
          'bulk.value_not_a_number',
          `${at}.listPriceVnd (giá niêm yết) phải là số, nhận được ${describe(record.listPriceVnd).vi}`,
          `${at}.listPriceVnd (list price) must be a number, got ${describe(record.listPriceVnd).en}`,
          sku,
        ),
      );
    }
    // A list price below the price contradicts itself (the buyer would see a "discount" that raises the
    // price): refused with the call, as a catalog row with it is (list_price.below_price).
    if (
      kind === 'setPrice' &&
      typeof value === 'number' &&
      typeof record.listPriceVnd === 'number' &&
      record.listPriceVnd < value
    ) {
      issues.push(
        issue(
          platform,
          `${at}.listPriceVnd`,
          record.listPriceVnd,
          'list_price.below_price',
          `${at}.listPriceVnd (giá niêm yết) ${record.listPriceVnd} thấp hơn ${at}.priceVnd (giá bán) ${value}; giá niêm yết phải lớn hơn hoặc bằng giá bán`,
          `${at}.listPriceVnd (list price) ${record.listPriceVnd} is below ${at}.priceVnd (price) ${value}; the list price must be at least the price`,
          sku,
        ),
      );
    }
    // A key the method does not take (`listprice`, `price`) would be dropped silently: refused with the
    // nearest key it takes. A key left undefined (spread in) says nothing.
    for (const key of Object.keys(record)) {
      if (field.keys.includes(key) || record[key] === undefined) continue;
      const near = nearestName(key, field.keys);
      const name = echoed(key);
      issues.push(
        issue(
          platform,
          `${at}.${name}`,
          undefined,
          'bulk.unknown_field',
          `${at}.${name}: ${kind} không có trường này${near ? ` (có phải "${near}"?)` : ''}; các trường: ${field.keys.join(', ')}`,
          `${at}.${name}: ${kind} takes no such field${near ? ` (did you mean "${near}"?)` : ''}; the fields are ${field.keys.join(', ')}`,
          sku,
        ),
      );
    }
  });
  for (const [sku, at] of seenAt) {
    if (at.length < 2) continue;
    const first = at[0]!;
    const repeats = echoedList(at.slice(1).map((i) => `updates[${i}]`));
    const name = echoed(sku);
    issues.push(
      issue(
        platform,
        `updates[${at[1]!}].sku`,
        sku,
        'bulk.sku_duplicate',
        `Mã SKU ${name} có ${at.length} dòng: updates[${first}] và ${repeats} trùng mã; mỗi SKU chỉ được một dòng`,
        `SKU ${name} is given ${at.length} times: ${repeats} repeat${at.length > 2 ? '' : 's'} updates[${first}].sku; give each SKU once`,
        sku,
      ),
    );
  }
  if (issues.length > 0) {
    // The issues follow the head in each language (ValidationError adds them).
    throw new ValidationError(
      {
        vi: `${kind}: ${issues.length} dòng cập nhật không hợp lệ, chưa gửi gì`,
        en: `${kind}: ${issues.length} invalid update${issues.length > 1 ? 's' : ''}, nothing was sent`,
      },
      issues,
    );
  }
}

/** Per-SKU refusal text of a value of the right type but out of range: field, value, rule, both languages. */
export function rangeMessage(kind: BulkInputKind, value: number, min: number, max: number): string {
  const field = FIELD[kind];
  const what =
    kind === 'setStock'
      ? { vi: `số nguyên từ ${min} đến ${max}`, en: `a whole number from ${min} to ${max}` }
      : { vi: `số nguyên VND từ ${min} đến ${max}`, en: `whole VND from ${min} to ${max}` };
  return (
    `${field.value} ${String(value)}: ${field.vi} phải là ${what.vi} / ` + `${field.en} must be ${what.en}`
  );
}
