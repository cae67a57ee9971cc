'use server';

import { revalidatePath } from 'next/cache';
import { getArticleIdBySlug } from '@/lib/articles/queries';
import { translateArticle } from '@/lib/articles/translate-article';

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
  return outcome.error ? { error: outcome.error.message } : {};
}
