import { z } from 'zod';

/** The zod building blocks every part of a marketplace profile schema is written with. */

/** A non-empty string (names, headers, parameters). */
export const nonEmptyString = z.string().min(1);
/** A dotted path into platform JSON; '' = the value itself. */
export const jsonPath = z.string();
export const HttpMethodSchema = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** A JSON value written into a body or query as is (numbers, booleans, arrays, objects, null). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonValueSchema),
    z.record(z.string(), JsonValueSchema),
  ]),
);
