// The editor password and session checks compare in constant time: every comparison is one
// crypto.timingSafeEqual over two 32-byte digests (or equal-length signatures), whatever was sent,
// so neither the time taken nor an early exit tells an attacker the password's length or a prefix.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const comparisons = vi.hoisted(() => [] as Array<[number, number]>);
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    comparisons.push([a.byteLength, b.byteLength]);
    return crypto.timingSafeEqual(a, b);
  };
  return { ...crypto, default: { ...crypto, timingSafeEqual }, timingSafeEqual };
});

const { checkEditorOrThrow, checkPasswordOrThrow, editorToken, isValidEditorToken, sessionKey } = await import('@/lib/auth/editor');
const { resetPasswordThrottleForTests } = await import('@/lib/auth/throttle');
const { resetEnvForTests } = await import('@/lib/env');

const PASSWORD = 'correct horse battery staple';

beforeEach(() => {
  process.env.ADMIN_PASSWORD = PASSWORD;
  resetEnvForTests();
  comparisons.length = 0;
});

afterEach(async () => {
  delete process.env.ADMIN_PASSWORD;
  resetEnvForTests();
  await resetPasswordThrottleForTests();
});

describe('constant-time checks', () => {
  it.each([
    ['the password', PASSWORD],
    ['an empty password', ''],
    ['one character', 'c'],
    ['the right prefix', PASSWORD.slice(0, -1)],
    ['the password and more', `${PASSWORD}!`],
    ['10,000 characters', 'x'.repeat(10_000)],
  ])('signing in with %s is one digest comparison (32 against 32 bytes)', async (_, given) => {
    try {
      await checkPasswordOrThrow(given, `client-${given.length}`);
    } catch {
      // A wrong password throws; what matters here is how it was compared.
    }
    expect(comparisons).toEqual([[32, 32]]);
  });

  it.each([
    ['the password', PASSWORD, true],
    ['a wrong password of another length', 'nope', false],
    ['the right prefix', PASSWORD.slice(0, 5), false],
  ])('a script’s "Authorization: Bearer" with %s is one digest comparison', async (_, given, accepted) => {
    const attempt = checkEditorOrThrow({ authorization: `Bearer ${given}`, client: `script-${given.length}` });
    if (accepted) await expect(attempt).resolves.toBeUndefined();
    else await expect(attempt).rejects.toThrow('That is not the editor password.');
    expect(comparisons).toEqual([[32, 32]]);
  });

  it('a session signature is compared in full, over equal lengths', () => {
    const key = sessionKey(Buffer.alloc(32, 1), PASSWORD);
    const token = editorToken(key);
    const [expires, signature] = token.split('.');
    expect(isValidEditorToken(token, key)).toBe(true);
    const almost = `${expires}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    expect(isValidEditorToken(almost, key)).toBe(false);
    expect(comparisons).toEqual([
      [signature.length, signature.length],
      [signature.length, signature.length],
    ]);
  });
});
