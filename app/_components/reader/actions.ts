'use server';

import { revalidatePath } from 'next/cache';
import { requireEditorOrThrow } from '@/lib/auth/current-editor';
import { getArticleIdBySlug } from '@/lib/articles/queries';
import { retryArticleNow } from '@/lib/articles/translate-article';
import { publicMessage } from '@/lib/errors';

export interface RetryState {
  error?: string;
}

/** "Translate again", for editors only: a learner's clicks must not reach DeepL, and the breaker decides even for an editor. */
export async function retryTranslationAction(_prev: RetryState, form: FormData): Promise<RetryState> {
  try {
    await requireEditorOrThrow();
  } catch (error) {
    return { error: publicMessage(error) };
  }
  const slug = form.get('slug');
  const id = typeof slug === 'string' ? await getArticleIdBySlug(slug) : null;
  if (id === null) return { error: 'This article no longer exists.' };
  const { message } = await retryArticleNow(id);
  revalidatePath(`/a/${slug}`);
  return message ? { error: message } : {};
}
