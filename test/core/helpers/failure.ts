import { expect } from 'vitest';
import { ConfigurationError, type OcopConnectError, ValidationError } from '../../../src/index.js';

/** What a call throws or rejects with; fails the test when it succeeds. */
export async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** A value of the wrong type, given where a `T` is expected — the call must refuse it. */
export const bad = <T>(value: unknown) => value as T;

/** failure(), typed as the library error it should be (the test checks its class). */
export async function refusal(run: () => unknown): Promise<OcopConnectError> {
  return (await failure(run)) as OcopConnectError;
}

/**
 * The refusal of options that are not an object: a ConfigurationError naming `options` and what was
 * given (`got`: null, number, string…), in both languages.
 */
export async function expectOptionsNotAnObject(run: () => unknown, got: string): Promise<void> {
  const error = await refusal(run);
  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error.messageVi).toContain(`options: phải là một đối tượng (hoặc bỏ trống) (nhận được ${got})`);
  expect(error.messageEn).toContain(`options: must be an object (or left out) (got ${got})`);
}

/** What a promise rejects with, which must be an instance of `type`; a promise that resolves fails the test. */
export async function rejectionOf<E>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

/**
 * What a promise-returning call rejects with, which must be a ValidationError. A synchronous throw is
 * not caught (it fails the test), and a call that resolves fails the test.
 */
export function validationRejection(run: () => Promise<unknown>): Promise<ValidationError> {
  return rejectionOf(run(), ValidationError);
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
