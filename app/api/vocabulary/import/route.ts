import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { errorResponse, readBodyOrThrow } from '@/lib/http';
import { learnerIdOrNew } from '@/lib/vocabulary/current-learner';
import { importNotesCsv } from '@/lib/vocabulary/import-csv';
import { MAX_IMPORT_BYTES } from '@/lib/vocabulary/limits';

const TOO_LARGE = `The file is larger than ${MAX_IMPORT_BYTES / 1_000_000} MB. Split it, or import an export of this app.`;

/** The CSV text from a `text/csv` body or a multipart form's `file` field; a body over the limit is never read whole. */
async function csvText(request: Request): Promise<string> {
  const type = request.headers.get('content-type') ?? '';
  let bytes: Uint8Array;
  if (/^multipart\/form-data/i.test(type)) {
    const body = await readBodyOrThrow(request, MAX_IMPORT_BYTES + 10_000, TOO_LARGE);
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData().catch(() => {
      throw new AppError('bad_input', 'The upload is not a readable form: send the CSV in the field "file", or as "Content-Type: text/csv".');
    });
    const file = form.get('file');
    if (!(file instanceof Blob)) throw new AppError('bad_input', 'Choose a CSV file (the form field is "file").');
    if (file.size > MAX_IMPORT_BYTES) throw new AppError('too_large', TOO_LARGE);
    bytes = new Uint8Array(await file.arrayBuffer());
  } else if (/^text\/(csv|plain)/i.test(type)) {
    bytes = await readBodyOrThrow(request, MAX_IMPORT_BYTES, TOO_LARGE);
  } else {
    throw new AppError('unsupported_type', 'Send the CSV as "Content-Type: text/csv", or as a form upload with the field "file".');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('bad_input', 'The file is not UTF-8 text. Save it as "CSV UTF-8" and import it again.');
  }
}

/** POST /api/vocabulary/import (text/csv, or multipart "file") → { added, merged, errors: [{ line, message }] } */
export async function POST(request: Request) {
  try {
    const text = await csvText(request);
    if (text.includes('\u0000')) throw new AppError('bad_input', 'The file is not a CSV text file (it contains NUL bytes).');
    return NextResponse.json(await importNotesCsv(await learnerIdOrNew(), text));
  } catch (error) {
    return errorResponse(error);
  }
}
