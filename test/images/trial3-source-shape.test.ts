/**
 * Trial 3, defect 5: an image source that is not {path} | {url} | {buffer} (a bare path string,
 * undefined) and sniffImageFormat without bytes answer with a bilingual ValidationError naming the
 * argument — never "Cannot use 'in' operator".
 */
import { describe, expect, it } from 'vitest';
import { createImagePreparer, prepareImage, sniffImageFormat } from '../../src/images/index.js';
import { type OcopConnectError, ValidationError } from '../../src/index.js';
import { validationRejection } from '../core/helpers/failure.js';
import { SQUARE_SPEC } from './image-fixtures.js';

const SPEC = SQUARE_SPEC;

function expectNamed(error: OcopConnectError, name: string): void {
  expect(error.kind).toBe('validation');
  expect(error.messageVi).toContain(name);
  expect(error.messageEn).toContain(name);
  // A source of the wrong shape names the three shapes; a known shape with a wrong-typed field names the field.
  if (name === 'source') expect(error.messageEn).toContain('{path} | {url} | {buffer}');
}

describe('image source shape (trial 3, defect 5)', () => {
  it.each([
    ['a bare path string', 'a.jpg', 'source'],
    ['undefined', undefined, 'source'],
    ['{}', {}, 'source'],
    ['{path: 5}', { path: 5 }, 'source.path'],
  ])('prepareImage(%s) → ValidationError naming %s', async (_label, source, name = 'source') => {
    expectNamed(await validationRejection(() => prepareImage(source as never, SPEC)), name);
  });

  it('createImagePreparer().prepare / check with a path string → ValidationError naming source', async () => {
    const preparer = createImagePreparer();
    expectNamed(await validationRejection(() => preparer.prepare('a.jpg' as never, SPEC)), 'source');
    expectNamed(await validationRejection(() => preparer.check('a.jpg' as never, SPEC)), 'source');
  });

  it.each([
    ['undefined', undefined],
    ['5', 5],
    ['{}', {}],
  ])('sniffImageFormat(%s) → ValidationError naming bytes', (_l, bytes) => {
    let error: unknown;
    try {
      sniffImageFormat(bytes as never);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as OcopConnectError).messageVi).toContain('bytes');
    expect((error as OcopConnectError).messageEn).toContain('bytes');
  });
});
