import { z } from 'zod';
import { ValidationError } from '../core/errors.js';
import { AddressSchema } from '../model/address.js';
import { valueAt } from '../model/argument-check.js';
import { ContactSchema } from '../model/shipment.js';
import { toValidationIssues, type ValidationIssue } from '../model/validation.js';
import { VnPhoneError } from '../vn/errors.js';
import { parseVnPhone } from '../vn/phone.js';

const PartiesSchema = z.object({ sender: ContactSchema, receiver: ContactSchema });

/** A quote's route: both ends an Address. */
export const RouteSchema = z.object({ from: AddressSchema, to: AddressSchema });

/**
 * A quote request's `from` and `to` (every carrier), checked before anything is sent: one issue per
 * field, named by its path (`from`, `to.province` …) — never a bare "address" that names neither end.
 */
export function routeIssues(request: object, platform: string): ValidationIssue[] {
  const parsed = RouteSchema.safeParse(request);
  return parsed.success ? [] : toValidationIssues(parsed.error, request, { platform });
}

const ROLE = {
  sender: { vi: 'Số điện thoại người gửi', en: "The sender's phone" },
  receiver: { vi: 'Số điện thoại người nhận', en: "The receiver's phone" },
} as const;

/**
 * The sender and receiver of a shipment request (create or edit, every carrier), checked before anything
 * is sent: each a Contact (name, phone, address), and each phone a Vietnamese number a postman can call
 * (`parseVnPhone`: a 10-digit mobile or an 11-digit landline) — "123" is refused here, by field and in
 * both languages, not by the carrier once the request is out. One issue per field.
 */
export function contactIssues(request: object, platform: string): ValidationIssue[] {
  const parsed = PartiesSchema.safeParse(request);
  const issues = parsed.success ? [] : toValidationIssues(parsed.error, request, { platform });
  for (const role of ['sender', 'receiver'] as const) {
    const phone = valueAt(request, [role, 'phone']);
    if (typeof phone !== 'string') continue;
    try {
      parseVnPhone(phone);
    } catch (error) {
      if (!(error instanceof VnPhoneError)) throw error;
      const path = `${role}.phone`;
      // "Số điện thoại người nhận: số di động "123" phải có 10 chữ số …": whose phone, then why.
      const reason = (text: string) => text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
      const issue: ValidationIssue = {
        path,
        value: phone,
        code: 'phone.format',
        messageVi: `${ROLE[role].vi}: ${reason(error.messageVi)}`,
        messageEn: `${ROLE[role].en}: ${reason(error.messageEn)}`,
        platform,
      };
      // The numbering plan's reason ("must have 10 digits") replaces the shape rule's, at the same field.
      const at = issues.findIndex((i) => i.path === path);
      if (at >= 0) issues[at] = issue;
      else issues.push(issue);
    }
  }
  return issues;
}

/** Runs every check, collecting the issues of each one that throws a ValidationError (others propagate). */
export function issuesOf(checks: ReadonlyArray<() => void>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const check of checks) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
    }
  }
  return issues;
}
