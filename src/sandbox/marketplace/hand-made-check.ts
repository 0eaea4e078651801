/**
 * The check of `handMadeListings` entries, run when a marketplace sandbox starts (before it listens):
 * every field of every entry and of its variants, the category (a leaf of the sandbox tree, the nearest
 * known name suggested) and the attribute names — each problem with its path, e.g.
 * `handMadeListings[2].variants[0].priceVnd: must be a whole number, 0 or more (got string)`.
 */
import { argumentProblem, isPlainObject } from '../../model/argument-check.js';
import type { BilingualText } from '../../model/messages.js';
import { nearestName } from '../../model/nearest-name.js';
import { ANY_TEXT } from '../handle-guard.js';
import type { OptionRule } from '../sandbox-options.js';
import * as rule from '../sandbox-options.js';
import type { CategoryNode } from './catalog.js';

/** The fields of an entry and of a variant: the rule, and whether it may be left out. */
type Fields = Readonly<Record<string, readonly [OptionRule, 'required' | 'optional']>>;

const LISTING_FIELDS: Fields = {
  sellerSku: [ANY_TEXT, 'optional'],
  title: [rule.A_TEXT, 'required'],
  description: [ANY_TEXT, 'required'],
  category: [rule.A_TEXT, 'required'],
  attributes: [rule.AN_OBJECT, 'optional'],
  weightGrams: [rule.NON_NEGATIVE, 'required'],
  tiers: [rule.A_LIST, 'optional'],
  variants: [rule.A_LIST, 'required'],
  imageCount: [rule.WHOLE_NUMBER, 'optional'],
};

const VARIANT_FIELDS: Fields = {
  sku: [ANY_TEXT, 'optional'],
  tierIndex: [rule.NUMBER_LIST, 'optional'],
  priceVnd: [rule.WHOLE_NUMBER, 'required'],
  stock: [rule.WHOLE_NUMBER, 'required'],
};

/** The leaf category named `name` (the check has run: it exists). */
export function leafNamed(categories: readonly CategoryNode[], name: string): CategoryNode {
  const found = categories.find((c) => c.isLeaf && c.name === name);
  if (found === undefined) throw new RangeError(`unchecked category "${name}"`);
  return found;
}

/** Every problem of `listings` against the sandbox's category tree (none: an empty list). */
export function handMadeProblems(
  categories: readonly CategoryNode[],
  listings: readonly unknown[],
): BilingualText[] {
  const leaves = categories.filter((c) => c.isLeaf);
  return listings.flatMap((entry, index) => {
    const path = `handMadeListings[${index}]`;
    const problems = fieldProblems(path, entry, LISTING_FIELDS);
    if (!isPlainObject(entry)) return problems;
    if (Array.isArray(entry.variants)) {
      if (entry.variants.length === 0) {
        problems.push({
          vi: `${path}.variants: phải có ít nhất một biến thể`,
          en: `${path}.variants: must have at least one variant`,
        });
      }
      entry.variants.forEach((variant, v) => {
        problems.push(...fieldProblems(`${path}.variants[${v}]`, variant, VARIANT_FIELDS));
      });
    }
    if (typeof entry.category !== 'string' || entry.category === '') return problems;
    const category = leaves.find((c) => c.name === entry.category);
    if (category === undefined) {
      problems.push(
        unknownName(
          `${path}.category`,
          entry.category,
          leaves.map((c) => c.name),
          {
            vi: 'danh mục lá',
            en: 'leaf category',
          },
        ),
      );
      return problems;
    }
    if (!isPlainObject(entry.attributes)) return problems;
    const names = category.attributes.map((a) => a.name);
    for (const name of Object.keys(entry.attributes)) {
      if (names.includes(name)) continue;
      problems.push(
        unknownName(`${path}.attributes`, name, names, {
          vi: `thuộc tính của danh mục "${category.name}"`,
          en: `attribute of category "${category.name}"`,
        }),
      );
    }
    return problems;
  });
}

function fieldProblems(path: string, value: unknown, fields: Fields): BilingualText[] {
  if (!isPlainObject(value)) return [argumentProblem(path, value, rule.AN_OBJECT)];
  return Object.entries(fields).flatMap(([name, [expected, presence]]) => {
    const field = value[name];
    if (field === undefined && presence === 'optional') return [];
    return expected.fits(field) ? [] : [argumentProblem(`${path}.${name}`, field, expected)];
  });
}

/** `name` is not one of `known`: the nearest known name, or (if none is near) all of them. */
function unknownName(
  path: string,
  name: string,
  known: readonly string[],
  what: BilingualText,
): BilingualText {
  const near = nearestName(name, known);
  const shown = known.map((k) => `"${k}"`).join(', ');
  return near
    ? {
        vi: `${path}: không có ${what.vi} "${name}" (có phải "${near}"?)`,
        en: `${path}: no ${what.en} "${name}" (did you mean "${near}"?)`,
      }
    : {
        vi: `${path}: không có ${what.vi} "${name}"; có: ${shown}`,
        en: `${path}: no ${what.en} "${name}"; known: ${shown}`,
      };
}
