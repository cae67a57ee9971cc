import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { notesToAnki } from '@/lib/vocabulary/anki';
import { notesToCsv } from '@/lib/vocabulary/csv';
import { findLearnerId } from '@/lib/vocabulary/current-learner';
import { listNotes } from '@/lib/vocabulary/notes';

/** GET /api/vocabulary/export?format=csv|anki → the learner's notes as a download. */
export async function GET(request: Request) {
  try {
    const format = new URL(request.url).searchParams.get('format') ?? 'csv';
    if (format !== 'csv' && format !== 'anki') throw new AppError('bad_input', '"format" must be "csv" or "anki".');
    const notes = (await listNotes(await findLearnerId())).reverse(); // oldest first, as they were saved
    const date = new Date().toISOString().slice(0, 10);
    const [body, type, name] =
      format === 'csv'
        ? [notesToCsv(notes), 'text/csv; charset=utf-8', `nebeneinander-vocabulary-${date}.csv`]
        : [notesToAnki(notes), 'text/plain; charset=utf-8', `nebeneinander-anki-${date}.txt`];
    return new Response(body, {
      headers: {
        'content-type': type,
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
