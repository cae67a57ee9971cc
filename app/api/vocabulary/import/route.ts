import { isUtf8 } from 'node:buffer';
import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { errorResponse, readBodyOrThrow } from '@/lib/http';
import { learnerIdOrNew } from '@/lib/vocabulary/current-learner';
import { importNotesCsv, withImportSlotOrThrow } from '@/lib/vocabulary/import-csv';
import { MAX_IMPORT_BYTES } from '@/lib/vocabulary/limits';

const TOO_LARGE = `The file is larger than ${MAX_IMPORT_BYTES / 1_000_000} MB. Split it, or import an export of this app.`;

/** The CSV bytes from a `text/csv` body or a multipart form's `file` field; a body over the limit is never read whole. */
async function csvBytes(request: Request): Promise<Uint8Array> {
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
  if (!isUtf8(bytes)) throw new AppError('bad_input', 'The file is not UTF-8 text. Save it as "CSV UTF-8" and import it again.');
  if (bytes.includes(0)) throw new AppError('bad_input', 'The file is not a CSV text file (it contains NUL bytes).');
  return bytes;
}

/**
 * POST /api/vocabulary/import (text/csv, or multipart "file") → { added, merged, errors: [{ line, message }] }:
 * the good rows saved in one transaction, the bad ones listed. More than MAX_IMPORT_ROWS rows, or more
 * notes than a learner may keep, → 413 and nothing saved; MAX_CONCURRENT_IMPORTS running already → 503.
 */
export async function POST(request: Request) {
  try {
    const learnerId = await learnerIdOrNew();
    return NextResponse.json(await withImportSlotOrThrow(async () => importNotesCsv(learnerId, await csvBytes(request))));
  } catch (error) {
    return errorResponse(error);
  }
}
