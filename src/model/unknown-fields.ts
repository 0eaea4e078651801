/**
 * Fields a product has that the model does not know. zod's objects drop them without a word — `"satus":
 * "inactive"` would list the product as active, `priceVND` would leave the price unset — so the model
 * names each one, with the nearest known field of the same object when it looks like a typo of it.
 * Records (`options`, `attributes`, `externalIds`) take free keys and are not checked for names.
 */
import { z } from 'zod';
import { nearestName } from './nearest-name.js';

/** Strip optional/default/nullable wrappers to reach the schema that describes the value. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable)
      current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
    else return current;
  }
}

/** One field of `input` that `schema` does not have: its dotted path, its value, the nearest known name. */
export interface UnknownField {
  path: string;
  value: unknown;
  nearest?: string;
}

/** Every field of `input` (nested objects and arrays of objects too) that `schema` has no place for. */
export function unknownFields(input: unknown, schema: z.ZodType): UnknownField[] {
  const found: UnknownField[] = [];
  const walk = (value: unknown, at: z.ZodType | undefined, path: string[]): void => {
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array || at === undefined)
      return;
    const described = unwrap(at);
    if (Array.isArray(value)) {
      if (!(described instanceof z.ZodArray)) return;
      value.forEach((entry, index) => {
        walk(entry, described.element as z.ZodType, [...path, String(index)]);
      });
      return;
    }
    if (!(described instanceof z.ZodObject)) return;
    const shape = described.shape as Record<string, z.ZodType>;
    for (const [key, entry] of Object.entries(value)) {
      // Own names only: `constructor`, `toString`, `__proto__` (a JSON key) are Object.prototype's, not the shape's.
      if (Object.hasOwn(shape, key)) {
        walk(entry, shape[key], [...path, key]);
        continue;
      }
      const nearest = nearestName(key, Object.keys(shape));
      found.push({ path: [...path, key].join('.'), value: entry, ...(nearest ? { nearest } : {}) });
    }
  };
  walk(input, schema, []);
  return found;
}

/** The names the object schema at `path` inside `schema` knows (empty where the path leaves objects). */
export function knownNamesAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let at: z.ZodType | undefined = schema;
  for (const key of path) {
    const described: z.ZodType | undefined = at === undefined ? undefined : unwrap(at);
    if (described instanceof z.ZodObject) {
      const shape = described.shape as Record<string, z.ZodType>;
      at = Object.hasOwn(shape, String(key)) ? shape[String(key)] : undefined;
    } else if (described instanceof z.ZodArray) at = described.element as z.ZodType;
    else return [];
  }
  const described = at === undefined ? undefined : unwrap(at);
  return described instanceof z.ZodObject ? Object.keys(described.shape) : [];
}
