import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { findLearnerId } from '@/lib/vocabulary/current-learner';
import { exportNotesStream } from '@/lib/vocabulary/export';

/** GET /api/vocabulary/export?format=csv|anki|known → the learner's notes (or known words, one a line) as a download, streamed. */
export async function GET(request: Request) {
  try {
    const format = new URL(request.url).searchParams.get('format') ?? 'csv';
    if (format !== 'csv' && format !== 'anki' && format !== 'known') throw new AppError('bad_input', '"format" must be "csv", "anki" or "known".');
    const body = await exportNotesStream(await findLearnerId(), format);
    const date = new Date().toISOString().slice(0, 10);
    const [type, name] =
      format === 'csv'
        ? ['text/csv; charset=utf-8', `nebeneinander-vocabulary-${date}.csv`]
        : ['text/plain; charset=utf-8', `nebeneinander-${format === 'anki' ? 'anki' : 'known-words'}-${date}.txt`];
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
