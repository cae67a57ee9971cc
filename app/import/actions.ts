'use server';

import { after } from 'next/server';
import { requireEditorOrThrow } from '@/lib/auth/current-editor';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { importArticleOrThrow } from '@/lib/articles/import-article';
import { readTextFileOrThrow } from '@/lib/articles/upload';
import { AppError, publicMessage } from '@/lib/errors';

export interface ImportFormState {
  error?: string;
}

function stringField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** Imports the pasted or uploaded article and opens it; translation continues after the response. */
export async function importArticleAction(_prev: ImportFormState, form: FormData): Promise<ImportFormState> {
  let slug: string;
  try {
    await requireEditorOrThrow();
    const file = form.get('file');
    const pasted = stringField(form, 'text');
    const hasFile = file instanceof File && file.size > 0;
    if (hasFile && pasted.trim()) {
      throw new AppError('bad_input', 'Paste the text or choose a file, not both: clear one of them.');
    }
    const text = hasFile ? await readTextFileOrThrow(file) : pasted;
    const article = await importArticleOrThrow({ title: stringField(form, 'title'), text }, { translate: true });
    slug = article.slug;
    after(() => article.translation);
  } catch (error) {
    return { error: publicMessage(error) };
  }
  revalidatePath('/');
  redirect(`/a/${slug}`);
}
