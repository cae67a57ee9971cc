'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { EDITOR_COOKIE, EDITOR_SESSION_SECONDS, checkPasswordOrThrow, createEditorToken, requireEditorOrThrow } from '@/lib/auth/editor';
import { removeArticleOrThrow } from '@/lib/articles/remove-article';
import { deleteAssignmentOrThrow } from '@/lib/sharing/assignments';
import { publicMessage } from '@/lib/errors';
import { pageOrigin } from '@/lib/sharing/origin';
import { clientAddress } from '@/lib/http';

export interface FormState {
  error?: string;
}

/** Only local paths, so a crafted ?next= cannot send an editor to another site. */
function safeNext(next: FormDataEntryValue | null): string {
  return typeof next === 'string' && /^\/(?!\/)[\w\-./?=&%#]*$/.test(next) ? next : '/assignments';
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const h = await headers();
  const client = clientAddress(h);
  try {
    checkPasswordOrThrow(String(form.get('password') ?? ''), client);
  } catch (error) {
    return { error: publicMessage(error) };
  }
  (await cookies()).set(EDITOR_COOKIE, createEditorToken(), {
    httpOnly: true,
    sameSite: 'lax',
    secure: (await pageOrigin()).startsWith('https:'),
    path: '/',
    maxAge: EDITOR_SESSION_SECONDS,
  });
  redirect(safeNext(form.get('next')));
}

export async function signOutAction(): Promise<void> {
  (await cookies()).delete(EDITOR_COOKIE);
  redirect('/');
}

export async function deleteAssignmentAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    requireEditorOrThrow((await cookies()).get(EDITOR_COOKIE)?.value);
    await deleteAssignmentOrThrow(String(form.get('code') ?? ''));
  } catch (error) {
    return { error: publicMessage(error) };
  }
  revalidatePath('/assignments');
  return {};
}

export async function removeArticleAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    requireEditorOrThrow((await cookies()).get(EDITOR_COOKIE)?.value);
    await removeArticleOrThrow(String(form.get('slug') ?? ''));
  } catch (error) {
    return { error: publicMessage(error) };
  }
  redirect('/');
}
