// Editors: with ADMIN_PASSWORD set, a signed cookie marks a browser that gave the password.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { getEnvOrThrow } from '../env';
import { AppError } from '../errors';

export const EDITOR_COOKIE = 'nb-editor';
export const EDITOR_SESSION_SECONDS = 60 * 60 * 24 * 30;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** Sessions are signed with a key derived from the password: changing it signs everyone out. */
function sign(payload: string, password: string): string {
  return createHmac('sha256', sha256(`nebeneinander editor session\u0000${password}`)).update(payload).digest('base64url');
}

export function editingNeedsSignIn(): boolean {
  return getEnvOrThrow().ADMIN_PASSWORD !== undefined;
}

export function createEditorToken(now = Date.now()): string {
  const password = getEnvOrThrow().ADMIN_PASSWORD;
  if (!password) throw new Error('No ADMIN_PASSWORD is set: editing is open, there is nothing to sign in to.');
  const payload = String(now + EDITOR_SESSION_SECONDS * 1000);
  return `${payload}.${sign(payload, password)}`;
}

/** True when editing is open (no password), or the cookie holds a valid, unexpired session. */
export function isEditor(token: string | undefined, now = Date.now()): boolean {
  const password = getEnvOrThrow().ADMIN_PASSWORD;
  if (!password) return true;
  const [payload, signature] = (token ?? '').split('.');
  if (!payload || !signature || !(Number(payload) > now)) return false;
  const expected = Buffer.from(sign(payload, password));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Scripts may send `Authorization: Bearer <ADMIN_PASSWORD>` instead of a session cookie. */
function bearerMatches(authorization: string | null | undefined): boolean {
  const password = getEnvOrThrow().ADMIN_PASSWORD;
  const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  return Boolean(password && given && timingSafeEqual(sha256(given), sha256(password)));
}

export function requireEditorOrThrow(token: string | undefined, authorization?: string | null): void {
  if (!isEditor(token) && !bearerMatches(authorization)) {
    throw new AppError('unauthorized', 'Sign in as an editor first (this instance has an ADMIN_PASSWORD).');
  }
}

/** Wrong passwords per client: each one doubles the wait before that client's next try (2 s, 4 s,
 *  ... up to 5 minutes). A client key (an IP address) can be forged where no proxy sets it, so
 *  all clients together also get at most GLOBAL_TRIES_PER_MINUTE wrong tries a minute. */
const failures = new Map<string, { count: number; retryAt: number }>();
const GLOBAL_TRIES_PER_MINUTE = 20;
let globalWindow = { start: 0, count: 0 };

function tooManyOrThrow(retryAt: number, now: number): void {
  if (retryAt > now) {
    throw new AppError('too_many', `Too many wrong passwords. Try again in ${Math.ceil((retryAt - now) / 1000)} s.`);
  }
}

export function checkPasswordOrThrow(given: string, client: string, now = Date.now()): void {
  const password = getEnvOrThrow().ADMIN_PASSWORD;
  if (!password) return;
  tooManyOrThrow(failures.get(client)?.retryAt ?? 0, now);
  if (globalWindow.count >= GLOBAL_TRIES_PER_MINUTE) tooManyOrThrow(globalWindow.start + 60_000, now);
  // Compare digests, so the time taken says nothing about the password's length or prefix.
  if (timingSafeEqual(sha256(given), sha256(password))) {
    failures.delete(client);
    return;
  }
  const count = (failures.get(client)?.count ?? 0) + 1;
  failures.set(client, { count, retryAt: now + Math.min(1000 * 2 ** count, 5 * 60_000) });
  if (failures.size > 10_000) failures.delete(failures.keys().next().value as string);
  globalWindow = now - globalWindow.start > 60_000 ? { start: now, count: 1 } : { ...globalWindow, count: globalWindow.count + 1 };
  throw new AppError('unauthorized', 'That is not the editor password.');
}

/** Tests start from a clean slate. */
export function resetPasswordThrottleForTests(): void {
  failures.clear();
  globalWindow = { start: 0, count: 0 };
}
