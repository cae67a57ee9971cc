'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { checkPasswordOrThrow } from '@/lib/auth/editor';
import { endEditorSession, requestClient, requireEditorOrThrow, startEditorSession } from '@/lib/auth/current-editor';
import { SIGN_IN_LINK_MINUTES, createSignInLink, redeemSignInLinkOrThrow } from '@/lib/auth/sign-in-link';
import { removeArticleOrThrow } from '@/lib/articles/remove-article';
import { deleteAssignmentOrThrow } from '@/lib/sharing/assignments';
import { publicMessage } from '@/lib/errors';
import { pageOrigin } from '@/lib/sharing/origin';

export interface FormState {
  error?: string;
}

export type SignInLinkState = { ok: true; url: string; minutes: number } | { ok: false; error: string } | null;

/** Only local paths, so a crafted ?next= cannot send an editor to another site. */
function safeNext(next: FormDataEntryValue | null, fallback: string): string {
  return typeof next === 'string' && /^\/(?!\/)[\w\-./?=&%#]*$/.test(next) ? next : fallback;
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    await checkPasswordOrThrow(String(form.get('password') ?? ''), await requestClient());
    await startEditorSession();
  } catch (error) {
    return { error: publicMessage(error) };
  }
  redirect(safeNext(form.get('next'), '/assignments'));
}

/** The button on /signin?token=…: a GET only shows it, so a chat app's link preview cannot use the link up. */
export async function signInWithLinkAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    await redeemSignInLinkOrThrow(String(form.get('token') ?? ''), await requestClient());
    await startEditorSession();
  } catch (error) {
    return { error: publicMessage(error) };
  }
  redirect(safeNext(form.get('next'), '/import'));
}

/** A signed-in editor makes a one-time link for another browser (their phone, a colleague's laptop). */
export async function createSignInLinkAction(): Promise<SignInLinkState> {
  try {
    await requireEditorOrThrow();
    return { ok: true, url: await createSignInLink(await pageOrigin()), minutes: SIGN_IN_LINK_MINUTES };
  } catch (error) {
    return { ok: false, error: publicMessage(error) };
  }
}

export async function signOutAction(): Promise<void> {
  await endEditorSession();
  redirect('/');
}

export async function deleteAssignmentAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    await requireEditorOrThrow();
    await deleteAssignmentOrThrow(String(form.get('code') ?? ''));
  } catch (error) {
    return { error: publicMessage(error) };
  }
  revalidatePath('/assignments');
  return {};
}

export async function removeArticleAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    await requireEditorOrThrow();
    await removeArticleOrThrow(String(form.get('slug') ?? ''));
  } catch (error) {
    return { error: publicMessage(error) };
  }
  redirect('/');
}
