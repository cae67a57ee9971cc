// Editor sign-in: signed sessions, constant-time password check, wrong passwords slowed down.
import { afterEach, describe, expect, it } from 'vitest';
import { checkPasswordOrThrow, createEditorToken, isEditor, requireEditorOrThrow, resetPasswordThrottleForTests } from '@/lib/auth/editor';
import { resetEnvForTests } from '@/lib/env';

function withPassword(password: string | undefined) {
  if (password === undefined) delete process.env.ADMIN_PASSWORD;
  else process.env.ADMIN_PASSWORD = password;
  resetEnvForTests();
}

afterEach(() => {
  withPassword(undefined);
  resetPasswordThrottleForTests();
});

describe('without ADMIN_PASSWORD', () => {
  it('everyone may edit', () => {
    withPassword(undefined);
    expect(isEditor(undefined)).toBe(true);
    expect(() => requireEditorOrThrow(undefined)).not.toThrow();
  });
});

describe('with ADMIN_PASSWORD', () => {
  it('only a valid, unexpired session token is an editor', () => {
    withPassword('correct horse battery');
    const now = Date.now();
    const token = createEditorToken(now);
    expect(isEditor(token, now + 1000)).toBe(true);
    expect(isEditor(undefined)).toBe(false);
    expect(isEditor('garbage')).toBe(false);
    expect(isEditor(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), now)).toBe(false);
    const [expires, signature] = token.split('.');
    expect(isEditor(`${Number(expires) + 1000}.${signature}`, now)).toBe(false);
    expect(isEditor(token, Number(expires) + 1)).toBe(false);
    expect(() => requireEditorOrThrow(undefined)).toThrow(/Sign in as an editor/);
  });

  it('changing the password signs every session out', () => {
    withPassword('correct horse battery');
    const token = createEditorToken();
    withPassword('another long password');
    expect(isEditor(token)).toBe(false);
  });

  it('accepts the password, refuses others, and makes each wrong try wait longer', () => {
    withPassword('correct horse battery');
    const t0 = 1_000_000;
    expect(() => checkPasswordOrThrow('correct horse battery', 'client-a', t0)).not.toThrow();
    expect(() => checkPasswordOrThrow('wrong', 'client-b', t0)).toThrow('That is not the editor password.');
    expect(() => checkPasswordOrThrow('correct horse battery', 'client-b', t0 + 500)).toThrow(/Too many wrong passwords. Try again in 2 s/);
    expect(() => checkPasswordOrThrow('wrong again', 'client-b', t0 + 2000)).toThrow('That is not the editor password.');
    expect(() => checkPasswordOrThrow('x', 'client-b', t0 + 5000)).toThrow(/Try again in 1 s/);
    expect(() => checkPasswordOrThrow('correct horse battery', 'client-b', t0 + 6000)).not.toThrow();
    // Another client is not slowed down by client-b's mistakes.
    expect(() => checkPasswordOrThrow('correct horse battery', 'client-c', t0)).not.toThrow();
  });

  it('slows everyone down when wrong passwords come from many made-up clients', () => {
    withPassword('correct horse battery');
    const t0 = 50_000_000;
    for (let i = 0; i < 20; i++) expect(() => checkPasswordOrThrow('guess', `forged-${i}`, t0 + i)).toThrow('That is not the editor password.');
    expect(() => checkPasswordOrThrow('guess', 'forged-new', t0 + 100)).toThrow(/Too many wrong passwords/);
    expect(() => checkPasswordOrThrow('correct horse battery', 'forged-new', t0 + 61_000)).not.toThrow();
  });
});
