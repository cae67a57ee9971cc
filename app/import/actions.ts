'use server';

import { after } from 'next/server';
import { requireEditorOrThrow } from '@/lib/auth/current-editor';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { importFromSourceOrThrow, previewImportOrThrow, type ImportSource } from '@/lib/import/sources';
import { AppError, publicMessage } from '@/lib/errors';

export interface ImportFormState {
  error?: string;
}

/** What the preview shows: the title, the source line, the counts and the first blocks. */
export interface ImportPreviewState {
  error?: string;
  preview?: {
    title: string;
    source: string | null;
    summary: string;
    blocks: Array<{ n: number; kind: string; text: string; credit?: string }>;
    more: number;
    /** A book's chapters (the first PREVIEW_CHAPTERS), its `blocks` the first chapter's. */
    chapters?: Array<{ n: number; title: string; blocks: number }>;
    moreChapters?: number;
  };
}

/** Blocks and chapters the preview lists; the counts cover all of them. */
const PREVIEW_BLOCKS = 8;
const PREVIEW_CHAPTERS = 12;

function stringField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** The one source the form names: a web address, a file or pasted text (more than one is refused). */
function sourceOfFormOrThrow(form: FormData): ImportSource {
  const file = form.get('file');
  const pasted = stringField(form, 'text');
  const url = stringField(form, 'url').trim();
  const title = stringField(form, 'title');
  const hasFile = file instanceof File && file.size > 0;
  const given = [url !== '', hasFile, pasted.trim() !== ''].filter(Boolean).length;
  if (given > 1) {
    throw new AppError(
      'bad_input',
      url ? 'Give one source: a web address, a file or pasted text. Clear the others.' : 'Paste the text or choose a file, not both: clear one of them.',
    );
  }
  if (url) return { kind: 'url', url, title };
  if (hasFile) return { kind: 'file', file, title };
  return { kind: 'text', text: pasted, title };
}

/** Shows what an import would store (nothing is stored): the web page is fetched, the file or text read. */
export async function previewArticleAction(_prev: ImportPreviewState, form: FormData): Promise<ImportPreviewState> {
  try {
    await requireEditorOrThrow();
    const preview = await previewImportOrThrow(sourceOfFormOrThrow(form));
    return {
      preview: {
        title: preview.title,
        source: preview.source,
        summary: preview.summary,
        blocks: preview.blocks.slice(0, PREVIEW_BLOCKS).map((b) => ({ n: b.n, kind: b.kind, text: b.text, ...(b.credit ? { credit: b.credit } : {}) })),
        more: Math.max(0, preview.blocks.length - PREVIEW_BLOCKS),
        ...(preview.chapters
          ? { chapters: preview.chapters.slice(0, PREVIEW_CHAPTERS), moreChapters: Math.max(0, preview.chapters.length - PREVIEW_CHAPTERS) }
          : {}),
      },
    };
  } catch (error) {
    return { error: publicMessage(error) };
  }
}

/** Imports the web page, uploaded file or pasted article and opens it; translation continues after the response. */
export async function importArticleAction(_prev: ImportFormState, form: FormData): Promise<ImportFormState> {
  let slug: string;
  try {
    await requireEditorOrThrow();
    const article = await importFromSourceOrThrow(sourceOfFormOrThrow(form));
    slug = article.slug;
    if (article.translation) after(() => article.translation);
  } catch (error) {
    return { error: publicMessage(error) };
  }
  revalidatePath('/');
  redirect(`/a/${slug}`);
}
