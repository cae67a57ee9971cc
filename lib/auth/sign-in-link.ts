// One-time sign-in links for editors (`npm start` prints one; `npm run signin-link` and a signed-in
// editor make more): 32 random bytes, kept only as their SHA-256 in AppSecret so any process on the
// database accepts them, good for one use within SIGN_IN_LINK_MINUTES. Using one is a try in ./throttle.
import { createHash, randomBytes } from 'node:crypto';
import { db } from '../db';
import { AppError } from '../errors';
import { throttledCheckAsyncOrThrow } from './throttle';

export const SIGN_IN_LINK_MINUTES = 30;
const NAME_PREFIX = 'editor-sign-in-link:';
/** Used and expired links are kept this long, so a second use can be told "already used". */
const KEEP_MS = 24 * 60 * 60_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A link's state, stored as the row's value: when it expires, and when it was used (null: not yet). */
interface LinkState {
  expiresAt: number;
  usedAt: number | null;
}

const rowName = (token: string) => NAME_PREFIX + createHash('sha256').update(token).digest('hex');

const NEW_LINK = 'Run "npm run signin-link" on the server for a new one, or ask an editor who is signed in to make one on /signin.';
const REFUSALS = {
  invalid: `This sign-in link is not valid: check that the whole link was copied. ${NEW_LINK}`,
  used: `This sign-in link has already been used; each link works once. ${NEW_LINK}`,
  expired: `This sign-in link has expired (links work for ${SIGN_IN_LINK_MINUTES} minutes). ${NEW_LINK}`,
} as const;

/** Makes a link to `origin`/signin that signs one browser in; older links that ended a day ago are deleted. */
export async function createSignInLink(origin: string, now = Date.now()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const state: LinkState = { expiresAt: now + SIGN_IN_LINK_MINUTES * 60_000, usedAt: null };
  await db.$transaction([
    db.appSecret.deleteMany({ where: { name: { startsWith: NAME_PREFIX }, createdAt: { lt: new Date(now - KEEP_MS) } } }),
    db.appSecret.create({ data: { name: rowName(token), value: JSON.stringify(state), createdAt: new Date(now) } }),
  ]);
  return `${origin.replace(/\/+$/, '')}/signin?token=${token}`;
}

/** Marks the link used if it is valid now; says why not otherwise. Two racing uses: one wins. */
async function redeemLink(token: string, now: number): Promise<'ok' | keyof typeof REFUSALS> {
  if (!TOKEN.test(token)) return 'invalid';
  const name = rowName(token);
  const row = await db.appSecret.findUnique({ where: { name } });
  if (!row) return 'invalid';
  const state = JSON.parse(row.value) as LinkState;
  if (state.usedAt !== null) return 'used';
  if (state.expiresAt <= now) return 'expired';
  const used: LinkState = { ...state, usedAt: now };
  const { count } = await db.appSecret.updateMany({ where: { name, value: row.value }, data: { value: JSON.stringify(used) } });
  return count === 1 ? 'ok' : 'used';
}

/** Uses the link's token for `client`: resolves when it signs in, else 401 saying why (429 while the client waits). */
export async function redeemSignInLinkOrThrow(token: string, client: string, now = Date.now()): Promise<void> {
  let outcome: Awaited<ReturnType<typeof redeemLink>> = 'invalid';
  const right = await throttledCheckAsyncOrThrow(client, async () => (outcome = await redeemLink(token, now)) === 'ok', now);
  if (!right) throw new AppError('unauthorized', REFUSALS[outcome as keyof typeof REFUSALS]);
}
