// Reads an import request's body (POST /api/articles and its preview) into an ImportSource: JSON with a
// web address or the text, or a multipart form with a file. Bodies are refused past their limit.
import { z } from 'zod';
import { MAX_BOOK_BYTES } from '../articles/limits';
import { AppError } from '../errors';
import { readBodyOrThrow, readJsonOrThrow } from '../http';
import type { ImportSource } from './sources';

/** 200,000 characters of German are at most ~800 KB as UTF-8 JSON. */
const MAX_JSON_BYTES = 1_000_000;
/** A form with a file of at most MAX_BOOK_BYTES (the largest file kind, an EPUB; each kind's own limit is
 *  checked after), a title and the form's own lines. */
const MAX_FORM_BYTES = MAX_BOOK_BYTES + 100_000;

const bodySchema = z.object(
  { title: z.unknown().optional(), text: z.unknown().optional(), url: z.unknown().optional() },
  { error: 'Send a JSON object: { "title"?: string, "text": string } or { "url": "https://..." }.' },
);

function titleOrThrow(title: unknown): string | undefined {
  if (title !== undefined && title !== null && typeof title !== 'string') {
    throw new AppError('bad_input', '"title" must be a string (or left out to use the first sentence).');
  }
  return title ?? undefined;
}

async function readFormOrThrow(request: Request, type: string): Promise<ImportSource> {
  const bytes = await readBodyOrThrow(request, MAX_FORM_BYTES, `The form is larger than ${MAX_BOOK_BYTES / 1_000_000} MB: upload a smaller file.`);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new AppError('bad_input', 'The body is not a valid multipart form: send the file in a form field named "file".');
  }
  const file = form.get('file');
  if (!(file instanceof File)) throw new AppError('bad_input', 'Send the file in a form field named "file" (a .txt, .md, .html or .epub file).');
  const title = form.get('title');
  return { kind: 'file', file, title: typeof title === 'string' ? title : undefined };
}

/** The import a request asks for, or an AppError saying how to send it. */
export async function readImportSourceOrThrow(request: Request): Promise<ImportSource> {
  const type = request.headers.get('content-type') ?? '';
  if (/^multipart\/form-data\b/i.test(type)) return readFormOrThrow(request, type);
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError(
      'unsupported_type',
      'Send the body as JSON with "Content-Type: application/json" ({ "title"?, "text" } or { "url" }), or a file as a multipart form (field "file").',
    );
  }
  const body = bodySchema.safeParse(await readJsonOrThrow(request, MAX_JSON_BYTES));
  if (!body.success) throw new AppError('bad_input', 'Send a JSON object: { "title"?: string, "text": string } with the German text in "text".');
  const title = titleOrThrow(body.data.title);
  if (body.data.url !== undefined && body.data.url !== null) {
    if (body.data.text !== undefined) throw new AppError('bad_input', 'Send either "url" or "text", not both.');
    if (typeof body.data.url !== 'string') throw new AppError('bad_input', '"url" must be a string: the web address of the article (https://...).');
    return { kind: 'url', url: body.data.url, title };
  }
  if (typeof body.data.text !== 'string') {
    throw new AppError('bad_input', 'Send a JSON object: { "title"?: string, "text": string } with the German text in "text".');
  }
  return { kind: 'text', text: body.data.text, title };
}
