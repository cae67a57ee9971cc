// Editor credentials: signed sessions, the password (form and Bearer) through the per-client throttle,
// and what a request without credentials is told.
import { describe, expect, it } from 'vitest';
import { checkEditorOrThrow, checkPasswordOrThrow, editorToken, isValidEditorToken, sessionKey } from '@/lib/auth/editor';
import { resetEditorAfterEach, withPassword } from '../../support/editor-password';

const SECRET = Buffer.alloc(32, 7);

resetEditorAfterEach();

describe('sessions', () => {
  it('only a valid, unexpired token signed with the instance key is an editor', () => {
    const key = sessionKey(SECRET, 'correct horse battery');
    const now = Date.UTC(2026, 10, 26, 9, 0, 0);
    const token = editorToken(key, now);
    expect(isValidEditorToken(token, key, now + 1000)).toBe(true);
    expect(isValidEditorToken(undefined, key)).toBe(false);
    expect(isValidEditorToken('garbage', key)).toBe(false);
    expect(isValidEditorToken(`${token}.more`, key, now)).toBe(false);
    expect(isValidEditorToken(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), key, now)).toBe(false);
    const [expires, signature] = token.split('.');
    expect(isValidEditorToken(`${Number(expires) + 1000}.${signature}`, key, now)).toBe(false);
    expect(isValidEditorToken(token, key, Number(expires) + 1)).toBe(false);
  });

  it('setting or changing the password signs every session out, and another instance’s sessions count for nothing', () => {
    const withoutPassword = editorToken(sessionKey(SECRET, undefined));
    const withPassword = editorToken(sessionKey(SECRET, 'correct horse battery'));
    expect(isValidEditorToken(withoutPassword, sessionKey(SECRET, 'correct horse battery'))).toBe(false);
    expect(isValidEditorToken(withPassword, sessionKey(SECRET, 'another long password'))).toBe(false);
    expect(isValidEditorToken(withPassword, sessionKey(Buffer.alloc(32, 8), 'correct horse battery'))).toBe(false);
  });
});

describe('the password', () => {
  it('accepts the password, refuses others, and makes each wrong try wait longer', async () => {
    withPassword('correct horse battery');
    const t0 = 1_000_000;
    await expect(checkPasswordOrThrow('correct horse battery', 'client-a', t0)).resolves.toBeUndefined();
    await expect(checkPasswordOrThrow('wrong', 'client-b', t0)).rejects.toThrow('That is not the editor password.');
    await expect(checkPasswordOrThrow('correct horse battery', 'client-b', t0 + 500)).rejects.toThrow(/Too many wrong passwords. Try again in 2 s/);
    await expect(checkPasswordOrThrow('wrong again', 'client-b', t0 + 2000)).rejects.toThrow('That is not the editor password.');
    await expect(checkPasswordOrThrow('x', 'client-b', t0 + 5000)).rejects.toThrow(/Try again in 1 s/);
    await expect(checkPasswordOrThrow('correct horse battery', 'client-b', t0 + 6000)).resolves.toBeUndefined();
    // Another client is not slowed down by client-b's mistakes.
    await expect(checkPasswordOrThrow('correct horse battery', 'client-c', t0)).resolves.toBeUndefined();
  });

  it('is never refused to a new client, however many wrong passwords came from other (made-up) clients', async () => {
    withPassword('correct horse battery');
    const t0 = 50_000_000;
    for (let i = 0; i < 300; i++) await expect(checkPasswordOrThrow('guess', `forged-${i}`, t0 + i)).rejects.toThrow('That is not the editor password.');
    await expect(checkPasswordOrThrow('correct horse battery', 'teacher', t0 + 300)).resolves.toBeUndefined();
  });

  it('a wrong one is refused with 429 and Retry-After while the client waits, the right one too', async () => {
    withPassword('correct horse battery');
    const t0 = 90_000_000;
    await expect(checkPasswordOrThrow('wrong', 'client-d', t0)).rejects.toMatchObject({ status: 401 });
    await expect(checkPasswordOrThrow('correct horse battery', 'client-d', t0 + 100)).rejects.toMatchObject({ status: 429, options: { retryAfterSeconds: 2 } });
  });
});

describe('a request’s credentials', () => {
  it('a Bearer password is checked first: a wrong one is 401 whatever cookie comes along, and counts as a wrong try', async () => {
    withPassword('correct horse battery');
    const t0 = 200_000_000;
    const wrong = { cookie: 'anything', authorization: 'Bearer correct horse batter', client: 'script' };
    await expect(checkEditorOrThrow(wrong, t0)).rejects.toMatchObject({ status: 401, message: 'That is not the editor password.' });
    await expect(checkEditorOrThrow({ authorization: 'Bearer correct horse battery', client: 'script' }, t0 + 100)).rejects.toMatchObject({ status: 429 });
    await expect(checkEditorOrThrow({ authorization: 'bearer correct horse battery', client: 'script' }, t0 + 2_000)).resolves.toBeUndefined();
  });

  it('without any, the answer says how to sign in: /signin with a password, the printed link without', async () => {
    withPassword('correct horse battery');
    await expect(checkEditorOrThrow({ client: 'c' })).rejects.toMatchObject({
      status: 401,
      message: 'Sign in as an editor first: at /signin, or send "Authorization: Bearer <ADMIN_PASSWORD>".',
    });
    withPassword(undefined);
    await expect(checkEditorOrThrow({ client: 'c', authorization: 'Basic dXNlcjpwdw==' })).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/^Sign in as an editor first: open the sign-in link that npm start printed \("npm run signin-link" on the server prints a new one\)\. Scripts need ADMIN_PASSWORD/),
    });
  });

  it('without ADMIN_PASSWORD a Bearer header is refused and says to set one', async () => {
    withPassword(undefined);
    await expect(checkEditorOrThrow({ authorization: 'Bearer whatever-it-is', client: 'c' })).rejects.toMatchObject({
      status: 401,
      message: 'This instance has no ADMIN_PASSWORD to send: set one (at least 8 characters) and restart the app.',
    });
  });
});
