import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { errorResponse, readJsonOrThrow } from '@/lib/http';
import { findLearnerId, learnerIdOrNew } from '@/lib/vocabulary/current-learner';
import { listNotes, saveNote, type NoteSort } from '@/lib/vocabulary/notes';
import { parseNoteInput } from '@/lib/vocabulary/schemas';

const MAX_BODY_BYTES = 64 * 1024;

/** GET /api/vocabulary[?q=&sort=newest|az&article=slug] → { notes } of the calling learner. */
export async function GET(request: Request) {
  try {
    const params = new URL(request.url).searchParams;
    const sort = params.get('sort') ?? 'newest';
    if (sort !== 'newest' && sort !== 'az') throw new AppError('bad_input', '"sort" must be "newest" or "az".');
    // A caller without a learner cookie gets one (and, having saved nothing, no notes).
    const learnerId = (await findLearnerId()) ?? (await learnerIdOrNew());
    const notes = await listNotes(learnerId, {
      search: params.get('q') ?? undefined,
      sort: sort as NoteSort,
      articleSlug: params.get('article') ?? undefined,
    });
    return NextResponse.json({ notes });
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/vocabulary { term, translation?, baseForm?, nounArticle?, note?, context?, articleSlug?, paragraph? }
 *  → 201 { note }, or 200 { note } when it merged into the learner's note with the same term and translation. */
export async function POST(request: Request) {
  try {
    const parsed = parseNoteInput(await readJsonOrThrow(request, MAX_BODY_BYTES));
    if (!parsed.ok) throw new AppError('bad_input', parsed.message);
    const learnerId = await learnerIdOrNew();
    const { note, created } = await saveNote(learnerId, parsed.input);
    return NextResponse.json({ note, merged: !created }, { status: created ? 201 : 200 });
  } catch (error) {
    return errorResponse(error);
  }
}
