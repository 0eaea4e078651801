import { ConfigurationError } from '../../core/errors.js';
import type { JsonValue } from './profile-schema.js';

export type TemplateValue = string | number;
export type TemplateVars = Record<string, TemplateValue | undefined>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

function lookup(vars: TemplateVars, name: string, where: string): TemplateValue {
  const value = vars[name];
  if (value === undefined) {
    throw new ConfigurationError(`Profile template ${where} uses {${name}}, which is not available here`, []);
  }
  return value;
}

/** Fills `{name}` placeholders in a path, URL-encoding each value (SKUs may hold dots and dashes). */
export function fillPath(template: string, vars: TemplateVars): string {
  return template.replace(PLACEHOLDER, (_, name: string) =>
    encodeURIComponent(String(lookup(vars, name, template))),
  );
}

/** A whole-string `{name}` keeps the value's type (numeric ids stay numbers); mixed text becomes a string. */
export function fillValue(template: string, vars: TemplateVars): TemplateValue {
  const whole = /^\{([A-Za-z][A-Za-z0-9_]*)\}$/.exec(template);
  if (whole) return lookup(vars, whole[1]!, template);
  return template.replace(PLACEHOLDER, (_, name: string) => String(lookup(vars, name, template)));
}

/** A JSON template: strings are filled, numbers / booleans / null stay constants, arrays and objects recurse. */
export function fillJson(template: JsonValue, vars: TemplateVars): unknown {
  if (typeof template === 'string') return fillValue(template, vars);
  if (Array.isArray(template)) return template.map((item) => fillJson(item, vars));
  if (template !== null && typeof template === 'object') return fillRecord(template, vars);
  return template;
}

export function fillRecord(
  templates: Readonly<Record<string, JsonValue>> | undefined,
  vars: TemplateVars,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, template] of Object.entries(templates ?? {})) out[key] = fillJson(template, vars);
  return out;
}

/** Names used by templates, e.g. credentials a login body needs. */
export function placeholdersOf(templates: Readonly<Record<string, JsonValue>>): string[] {
  const names = new Set<string>();
  for (const match of JSON.stringify(templates).matchAll(PLACEHOLDER)) names.add(match[1]!);
  return [...names];
}
