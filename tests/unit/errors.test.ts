// Errors that cross module boundaries: Next may bundle lib/errors.ts and lib/translation/types.ts into
// more than one chunk, so an error made by one copy must still be known by another (no `instanceof`).
import { describe, expect, it, vi } from 'vitest';
import { AppError, isAppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { TRANSLATION_ERROR_STATUS, TranslationError, isTranslationError } from '@/lib/translation/types';

/** A second, separately loaded copy of a module, as a second chunk would hold it. */
async function secondCopy<T>(load: () => Promise<T>): Promise<T> {
  vi.resetModules();
  return load();
}

describe('an AppError made by another copy of lib/errors.ts', () => {
  it('is not an instance of this copy’s class, yet is known by its name and code and answered with its status', async () => {
    const copy = await secondCopy(() => import('@/lib/errors'));
    const error = new copy.AppError('not_found', 'No such note in your vocabulary.');
    expect(error instanceof AppError).toBe(false);
    expect(isAppError(error)).toBe(true);
    const res = errorResponse(error);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'No such note in your vocabulary.' });
  });

  it('an Error that merely calls itself AppError, or has an unknown code, is answered as a generic 500', async () => {
    const impostor = Object.assign(new Error('SQLITE_CONSTRAINT: raw details'), { name: 'AppError', code: 'teapot' });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(isAppError(impostor)).toBe(false);
    const res = errorResponse(impostor);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: string }).error).not.toContain('SQLITE');
    expect(spy).toHaveBeenCalledWith(impostor);
    spy.mockRestore();
  });
});

describe('a TranslationError made by another copy of lib/translation/types.ts', () => {
  it('is known by its name and code, and every code has a 5xx status for the learner', async () => {
    const copy = await secondCopy(() => import('@/lib/translation/types'));
    const error = new copy.TranslationError('unreachable', 'DeepL could not be reached.');
    expect(error instanceof TranslationError).toBe(false);
    expect(isTranslationError(error)).toBe(true);
    expect(isTranslationError(new AppError('bad_input', 'x'))).toBe(false);
    expect(isTranslationError(Object.assign(new Error('x'), { name: 'TranslationError', code: 'nope' }))).toBe(false);
    for (const status of Object.values(TRANSLATION_ERROR_STATUS)) expect([502, 503]).toContain(status);
    expect(TRANSLATION_ERROR_STATUS.unreachable).toBe(503);
  });
});
