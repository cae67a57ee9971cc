// An EPUB file sent to the HTTP API with XMLHttpRequest, which (unlike a Server Action's fetch) reports the
// upload's progress: the import form shows "Uploading… 40 %", then "Reading the book…" while the server reads it.
import type { ImportPreviewState } from './actions';

export type UploadPhase = { kind: 'sending'; percent: number } | { kind: 'reading' };

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

function send(route: string, form: FormData, onPhase: (phase: UploadPhase) => void): Promise<Answer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', route);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => onPhase({ kind: 'sending', percent: e.lengthComputable ? Math.floor((100 * e.loaded) / e.total) : 0 });
    xhr.upload.onload = () => onPhase({ kind: 'reading' });
    xhr.onload = () => resolve({ status: xhr.status, body: (xhr.response as Record<string, unknown> | null) ?? {} });
    xhr.onerror = () => resolve({ status: 0, body: { error: 'The upload failed: check the connection and try again.' } });
    onPhase({ kind: 'sending', percent: 0 });
    xhr.send(form);
  });
}

const PREVIEW_BLOCKS = 8;
const PREVIEW_CHAPTERS = 12;

/** The preview of a book (POST /api/articles/preview), shaped as the form's preview state. */
export async function previewBook(form: FormData, onPhase: (phase: UploadPhase) => void): Promise<ImportPreviewState> {
  const { status, body } = await send('/api/articles/preview', form, onPhase);
  if (status !== 200) return { error: typeof body.error === 'string' ? body.error : `The preview failed (${status}).` };
  const blocks = (body.blocks as Array<{ n: number; kind: string; text: string; credit?: string }>) ?? [];
  const chapters = (body.chapters as Array<{ n: number; title: string; blocks: number }> | undefined) ?? [];
  return {
    preview: {
      title: String(body.title ?? ''),
      source: typeof body.source === 'string' ? body.source : null,
      summary: String(body.summary ?? ''),
      blocks: blocks.slice(0, PREVIEW_BLOCKS),
      more: Math.max(0, blocks.length - PREVIEW_BLOCKS),
      chapters: chapters.slice(0, PREVIEW_CHAPTERS),
      moreChapters: Math.max(0, chapters.length - PREVIEW_CHAPTERS),
    },
  };
}

/** Imports the book (POST /api/articles): the path of its contents page, or the error to show. */
export async function importBook(form: FormData, onPhase: (phase: UploadPhase) => void): Promise<{ path: string } | { error: string }> {
  const { status, body } = await send('/api/articles', form, onPhase);
  if (status !== 201 || typeof body.url !== 'string') return { error: typeof body.error === 'string' ? body.error : `The import failed (${status}).` };
  return { path: new URL(body.url).pathname };
}
