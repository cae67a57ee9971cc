'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { getArticleIdBySlug } from '@/lib/articles/queries';
import { translateArticle } from '@/lib/articles/translate-article';
import { EDITOR_COOKIE, isEditor } from '@/lib/auth/editor';
import { translationErrorMessage } from '@/lib/translation/types';

export interface RetryState {
  error?: string;
}

/** Retries the article's untranslated blocks at once, failed ones included. */
export async function retryTranslationAction(_prev: RetryState, form: FormData): Promise<RetryState> {
  const slug = form.get('slug');
  const id = typeof slug === 'string' ? await getArticleIdBySlug(slug) : null;
  if (id === null) return { error: 'This article no longer exists.' };
  const outcome = await translateArticle(id, { retryFailedNow: true });
  revalidatePath(`/a/${slug}`);
  if (!outcome.error) return {};
  const editor = isEditor((await cookies()).get(EDITOR_COOKIE)?.value);
  return { error: translationErrorMessage(outcome.error.code, outcome.error.message, editor) };
}
