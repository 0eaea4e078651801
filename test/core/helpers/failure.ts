import { expect } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';

/** What a call throws or rejects with; fails the test when it succeeds. */
export async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/**
 * What a promise-returning call rejects with, which must be a ValidationError. A synchronous throw is
 * not caught (it fails the test), and a call that resolves fails the test.
 */
export async function validationRejection(run: () => Promise<unknown>): Promise<ValidationError> {
  const error = await run().then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

/** What a call throws synchronously, which must be an instance of `type`; a call that returns fails the test. */
export function thrownBy<E>(run: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error('expected a throw');
}
