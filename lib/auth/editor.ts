// Editors: who may import and remove articles and manage assignments. A browser shows a signed session
// cookie (got with the password at /signin or with a one-time sign-in link); a script sends the password
// as `Authorization: Bearer <ADMIN_PASSWORD>`. Every password try goes through ./throttle.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { getEnvOrThrow } from '../env';
import { AppError } from '../errors';
import { instanceSecret } from '../instance-secret';
import { throttledCheckOrThrow } from './throttle';

export const EDITOR_COOKIE = 'nb-editor';
export const EDITOR_SESSION_SECONDS = 60 * 60 * 24 * 30;
export const EDITOR_SECRET_NAME = 'editor-session';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * The key sessions are signed with: the instance's own secret (kept in AppSecret, so it works without
 * a password) and the password when there is one, so setting or changing ADMIN_PASSWORD signs everyone out.
 */
export function sessionKey(secret: Buffer, password: string | undefined): Buffer {
  return createHmac('sha256', secret).update(`nebeneinander editor session\u0000${password ?? ''}`).digest();
}

const sign = (payload: string, key: Buffer) => createHmac('sha256', key).update(payload).digest('base64url');

/** A session token: its expiry and a signature over it. */
export function editorToken(key: Buffer, now = Date.now()): string {
  const payload = String(now + EDITOR_SESSION_SECONDS * 1000);
  return `${payload}.${sign(payload, key)}`;
}

/** True when `token` was signed with `key` and has not expired. */
export function isValidEditorToken(token: string | undefined, key: Buffer, now = Date.now()): boolean {
  const [payload, signature, ...rest] = (token ?? '').split('.');
  if (!payload || !signature || rest.length > 0 || !(Number(payload) > now)) return false;
  const expected = Buffer.from(sign(payload, key));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function currentSessionKey(): Promise<Buffer> {
  return sessionKey(await instanceSecret(EDITOR_SECRET_NAME), getEnvOrThrow().ADMIN_PASSWORD);
}

export async function createEditorToken(now = Date.now()): Promise<string> {
  return editorToken(await currentSessionKey(), now);
}

/** True when the cookie holds a valid, unexpired session of this instance. */
export async function isEditor(token: string | undefined, now = Date.now()): Promise<boolean> {
  if (!token) return false;
  return isValidEditorToken(token, await currentSessionKey(), now);
}

/** Whether editors may sign in with a password; without ADMIN_PASSWORD only sign-in links work. */
export function hasAdminPassword(): boolean {
  return getEnvOrThrow().ADMIN_PASSWORD !== undefined;
}

/** What a request without editor credentials is told. */
export function signInHint(): string {
  return hasAdminPassword()
    ? 'Sign in as an editor first: at /signin, or send "Authorization: Bearer <ADMIN_PASSWORD>".'
    : 'Sign in as an editor first: open the sign-in link that npm start printed ("npm run signin-link" on the server prints a new one). ' +
        'Scripts need ADMIN_PASSWORD set and "Authorization: Bearer <ADMIN_PASSWORD>".';
}

/** One try of the password from `client` (the form or a Bearer header): 401 when wrong, 429 while that client waits. */
export async function checkPasswordOrThrow(given: string, client: string, now = Date.now()): Promise<void> {
  const password = getEnvOrThrow().ADMIN_PASSWORD;
  // Compare digests, so the time taken says nothing about the password's length or prefix.
  const right = await throttledCheckOrThrow(client, () => password !== undefined && timingSafeEqual(sha256(given), sha256(password)), now);
  if (right) return;
  throw new AppError(
    'unauthorized',
    password ? 'That is not the editor password.' : 'This instance has no ADMIN_PASSWORD to send: set one (at least 8 characters) and restart the app.',
  );
}

/** The password in `Authorization: Bearer <password>`, or null when the header is not a Bearer one. */
export function bearerPassword(authorization: string | null | undefined): string | null {
  if (!authorization || authorization.slice(0, 7).toLowerCase() !== 'bearer ') return null;
  return authorization.slice(7).trim();
}

export interface EditorCredentials {
  /** The nb-editor cookie. */
  cookie?: string;
  /** The Authorization header. */
  authorization?: string | null;
  /** The client's address (lib/http's clientAddress), for the throttle. */
  client: string;
}

/**
 * A Bearer password is checked first and alone: a wrong one is 401 (429 while the client waits) before
 * anything else happens, whatever cookie comes with it. Otherwise the session cookie must be valid.
 */
export async function checkEditorOrThrow(credentials: EditorCredentials, now = Date.now()): Promise<void> {
  const given = bearerPassword(credentials.authorization);
  if (given !== null) return checkPasswordOrThrow(given, credentials.client, now);
  if (await isEditor(credentials.cookie, now)) return;
  throw new AppError('unauthorized', signInHint());
}
