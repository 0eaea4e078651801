/**
 * The order given to `Connector.fulfil` and `Connector.cancelOrder`: an object with `platform` and
 * `externalId`, and no field an order does not have — a misspelt one (`externalID`, `acount`) would be
 * dropped without a word and the order looked up by the wrong key. Each unknown field, nested ones too
 * (`buyer.phon`), is named with its path and the nearest field of the order model, as a product's are.
 */
import { AN_ORDER, checkArgument } from '../core/argument-guards.js';
import { ValidationError } from '../core/errors.js';
import { argumentProblem, isPlainObject } from '../model/argument-check.js';
import { OrderSchema } from '../model/order.js';
import { unknownFields } from '../model/unknown-fields.js';
import type { ValidationIssue } from '../model/validation.js';

export function checkOrderArgument(value: unknown, name = 'order'): void {
  const unknown = isPlainObject(value) ? unknownFields(value, OrderSchema) : [];
  if (unknown.length === 0) {
    checkArgument(value, name, AN_ORDER);
    return;
  }
  const issues: ValidationIssue[] = unknown.map((field) => {
    const path = `${name}.${field.path}`;
    const near = field.nearest ? `${path.slice(0, path.lastIndexOf('.') + 1)}${field.nearest}` : undefined;
    return {
      path,
      value: field.value,
      code: 'unknown_field',
      messageVi: `${path}: không có trường này trong đơn hàng${near ? ` (có phải "${near}"?)` : ''}`,
      messageEn: `${path}: no such field in an order${near ? ` (did you mean "${near}"?)` : ''}`,
    };
  });
  // A misspelt key often leaves a needed one out (`externalID`): both are said.
  if (!AN_ORDER.schema.safeParse(value).success) {
    const problem = argumentProblem(name, value, AN_ORDER);
    issues.push({ path: name, code: 'invalid_argument', messageVi: problem.vi, messageEn: problem.en });
  }
  throw new ValidationError(
    {
      vi: `${name}: có trường không thuộc mô hình đơn hàng`,
      en: `${name}: has fields an order does not have`,
    },
    issues,
  );
}
