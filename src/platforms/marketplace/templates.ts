import { ConfigurationError } from '../../core/errors.js';
import { pathProblem } from '../../model/option-problem.js';
import type { JsonValue } from './profile-schema.js';

export type TemplateValue = string | number;
export type TemplateVars = Record<string, TemplateValue | undefined>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/**
 * Where a template sits in the profile (`endpoints.getOrder.path`), for messages; the template's text
 * alone would not tell a profile author which key to fix.
 */
export type TemplateAt = string | undefined;

function lookup(vars: TemplateVars, name: string, template: string, at: TemplateAt): TemplateValue {
  const value = vars[name];
  if (value === undefined) {
    const place = at ? `${at} ("${template}")` : `"${template}"`;
    throw new ConfigurationError(
      `Profile template ${place} uses {${name}}, which is not available here / Mẫu ${place} của profile dùng biến {${name}} không có ở đây`,
      [
        pathProblem(
          at ?? template,
          `nơi gọi không cung cấp {${name}}`,
          `{${name}} is not given by its caller`,
        ),
      ],
    );
  }
  return value;
}

/** Fills `{name}` placeholders in a path, URL-encoding each value (SKUs may hold dots and dashes). */
export function fillPath(template: string, vars: TemplateVars, at?: TemplateAt): string {
  return template.replace(PLACEHOLDER, (_, name: string) =>
    encodeURIComponent(String(lookup(vars, name, template, at))),
  );
}

/** A whole-string `{name}` keeps the value's type (numeric ids stay numbers); mixed text becomes a string. */
export function fillValue(template: string, vars: TemplateVars, at?: TemplateAt): TemplateValue {
  const whole = /^\{([A-Za-z][A-Za-z0-9_]*)\}$/.exec(template);
  if (whole) return lookup(vars, whole[1]!, template, at);
  return template.replace(PLACEHOLDER, (_, name: string) => String(lookup(vars, name, template, at)));
}

/** A JSON template: strings are filled, numbers / booleans / null stay constants, arrays and objects recurse. */
export function fillJson(template: JsonValue, vars: TemplateVars, at?: TemplateAt): unknown {
  if (typeof template === 'string') return fillValue(template, vars, at);
  if (Array.isArray(template))
    return template.map((item, i) => fillJson(item, vars, at === undefined ? at : `${at}.${i}`));
  if (template !== null && typeof template === 'object') return fillRecord(template, vars, at);
  return template;
}

export function fillRecord(
  templates: Readonly<Record<string, JsonValue>> | undefined,
  vars: TemplateVars,
  at?: TemplateAt,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, template] of Object.entries(templates ?? {}))
    out[key] = fillJson(template, vars, at === undefined ? at : `${at}.${key}`);
  return out;
}

/** Names used by templates, e.g. credentials a login body needs. */
export function placeholdersOf(templates: Readonly<Record<string, JsonValue>>): string[] {
  const names = new Set<string>();
  for (const match of JSON.stringify(templates).matchAll(PLACEHOLDER)) names.add(match[1]!);
  return [...names];
}
