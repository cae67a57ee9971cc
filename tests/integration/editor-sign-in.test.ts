// Editor sign-in against a real database: one-time links (single use, expiring on a clock the test
// sets, stored only hashed), sessions signed with the instance secret, and one throttle for every way
// of presenting a credential.
import { describe, expect, it } from 'vitest';
import { checkEditorOrThrow, checkPasswordOrThrow, createEditorToken, isEditor } from '@/lib/auth/editor';
import { SIGN_IN_LINK_MINUTES, createSignInLink, redeemSignInLinkOrThrow } from '@/lib/auth/sign-in-link';
import { db } from '@/lib/db';
import { resetEditorAfterEach, withPassword } from '../support/editor-password';

const MINUTE = 60_000;
const ORIGIN = 'http://localhost:3000';
let clients = 0;
const newClient = () => `192.0.2.${++clients}`;

resetEditorAfterEach();

const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

describe('sign-in links', () => {
  it('are /signin links with 32 random bytes, of which the database keeps only a hash', async () => {
    const link = await createSignInLink(`${ORIGIN}/`);
    expect(link).toMatch(/^http:\/\/localhost:3000\/signin\?token=[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(tokenOf(link), 'base64url')).toHaveLength(32);
    const rows = await db.appSecret.findMany();
    expect(rows.some((r) => r.name.includes(tokenOf(link)) || r.value.includes(tokenOf(link)))).toBe(false);
    expect(tokenOf(await createSignInLink(ORIGIN))).not.toBe(tokenOf(link));
  });

  it('work once: the second use is refused and says to make a new one', async () => {
    const token = tokenOf(await createSignInLink(ORIGIN));
    await expect(redeemSignInLinkOrThrow(token, newClient())).resolves.toBeUndefined();
    await expect(redeemSignInLinkOrThrow(token, newClient())).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/^This sign-in link has already been used; each link works once\. Run "npm run signin-link" on the server for a new one/),
    });
  });

  it(`expire after ${SIGN_IN_LINK_MINUTES} minutes`, async () => {
    const t0 = Date.now();
    const token = tokenOf(await createSignInLink(ORIGIN, t0));
    await expect(redeemSignInLinkOrThrow(token, newClient(), t0 + SIGN_IN_LINK_MINUTES * MINUTE)).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/^This sign-in link has expired \(links work for 30 minutes\)\. Run "npm run signin-link"/),
    });
    const fresh = tokenOf(await createSignInLink(ORIGIN, t0));
    await expect(redeemSignInLinkOrThrow(fresh, newClient(), t0 + SIGN_IN_LINK_MINUTES * MINUTE - 1)).resolves.toBeUndefined();
  });

  it('refuse a made-up or mangled token', async () => {
    const token = tokenOf(await createSignInLink(ORIGIN));
    for (const guess of [token.slice(0, -1), `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, '', 'x'.repeat(10_000)]) {
      await expect(redeemSignInLinkOrThrow(guess, newClient())).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/^This sign-in link is not valid/) });
    }
  });

  it('used by two browsers at the same moment, sign in one of them', async () => {
    const token = tokenOf(await createSignInLink(ORIGIN));
    const outcomes = await Promise.allSettled([redeemSignInLinkOrThrow(token, newClient()), redeemSignInLinkOrThrow(token, newClient())]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('ended a day ago are deleted when the next link is made', async () => {
    const t0 = Date.now() - 3 * 24 * 60 * MINUTE;
    await createSignInLink(ORIGIN, t0);
    const count = () => db.appSecret.count({ where: { name: { startsWith: 'editor-sign-in-link:' } } });
    const before = await count();
    await createSignInLink(ORIGIN);
    expect(await count()).toBe(before);
  });
});

describe('one throttle for the form, the Bearer header and the links', () => {
  // The throttle's clock is passed in: one second after the wrong try, however long the test took.
  it('wrong passwords make the same client wait before it may use a link; another client may', async () => {
    withPassword('correct horse battery');
    const client = newClient();
    const t0 = Date.now();
    await expect(checkPasswordOrThrow('wrong', client, t0)).rejects.toThrow('That is not the editor password.');
    const token = tokenOf(await createSignInLink(ORIGIN, t0));
    await expect(redeemSignInLinkOrThrow(token, client, t0 + 1000)).rejects.toMatchObject({ status: 429, message: 'Too many wrong passwords. Try again in 1 s.' });
    await expect(redeemSignInLinkOrThrow(token, newClient(), t0 + 1000)).resolves.toBeUndefined();
  });

  it('a made-up link makes the same client wait before its Bearer password is checked', async () => {
    withPassword('correct horse battery');
    const client = newClient();
    const t0 = Date.now();
    await expect(redeemSignInLinkOrThrow('A'.repeat(43), client, t0)).rejects.toMatchObject({ status: 401 });
    await expect(checkEditorOrThrow({ authorization: 'Bearer correct horse battery', client }, t0 + 1999)).rejects.toMatchObject({ status: 429 });
    await expect(checkEditorOrThrow({ authorization: 'Bearer correct horse battery', client: newClient() }, t0 + 1999)).resolves.toBeUndefined();
    await expect(checkEditorOrThrow({ authorization: 'Bearer correct horse battery', client }, t0 + 2000)).resolves.toBeUndefined();
  });
});

describe('sessions', () => {
  it('are signed with the instance secret without a password; setting ADMIN_PASSWORD signs them out', async () => {
    const token = await createEditorToken();
    expect(await isEditor(token)).toBe(true);
    await expect(checkEditorOrThrow({ cookie: token, client: newClient() })).resolves.toBeUndefined();
    withPassword('correct horse battery');
    expect(await isEditor(token)).toBe(false);
    const withPassword2 = await createEditorToken();
    expect(await isEditor(withPassword2)).toBe(true);
    withPassword('another long password');
    expect(await isEditor(withPassword2)).toBe(false);
  });

  it('a session cookie is not a guess: an invalid one never makes the client wait', async () => {
    const client = newClient();
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) await expect(checkEditorOrThrow({ cookie: `${t0 + MINUTE}.${'A'.repeat(43)}`, client }, t0)).rejects.toMatchObject({ status: 401 });
    const token = tokenOf(await createSignInLink(ORIGIN, t0));
    await expect(redeemSignInLinkOrThrow(token, client, t0)).resolves.toBeUndefined();
  });
});
