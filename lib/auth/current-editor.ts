// The editor of the request being served (route handlers, Server Actions and pages). Every editing
// route and action calls requireEditorOrThrow() first, so none can forget the Bearer check or the throttle.
import { cookies, headers } from 'next/headers';
import { clientAddress } from '../http';
import { pageOrigin } from '../sharing/origin';
import { EDITOR_COOKIE, EDITOR_SESSION_SECONDS, checkEditorOrThrow, createEditorToken, isEditor } from './editor';

/** Whether this browser has a valid editor session (pages: show or hide editing controls). */
export async function isEditorRequest(): Promise<boolean> {
  return isEditor((await cookies()).get(EDITOR_COOKIE)?.value);
}

/** 401 without editor credentials, 401 for a wrong Bearer password, 429 while this client must wait. */
export async function requireEditorOrThrow(): Promise<void> {
  const h = await headers();
  await checkEditorOrThrow({ cookie: (await cookies()).get(EDITOR_COOKIE)?.value, authorization: h.get('authorization'), client: clientAddress(h) });
}

/** The client address of this request, for the sign-in throttle. */
export async function requestClient(): Promise<string> {
  return clientAddress(await headers());
}

/** Signs this browser in: an httpOnly, SameSite=Lax session cookie, Secure behind HTTPS. */
export async function startEditorSession(): Promise<void> {
  (await cookies()).set(EDITOR_COOKIE, await createEditorToken(), {
    httpOnly: true,
    sameSite: 'lax',
    secure: (await pageOrigin()).startsWith('https:'),
    path: '/',
    maxAge: EDITOR_SESSION_SECONDS,
  });
}

export async function endEditorSession(): Promise<void> {
  (await cookies()).delete(EDITOR_COOKIE);
}
