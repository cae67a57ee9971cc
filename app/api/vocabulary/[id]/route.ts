import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { errorResponse, readJsonOrThrow } from '@/lib/http';
import { findLearnerId } from '@/lib/vocabulary/current-learner';
import { deleteNote, getNote, updateNote } from '@/lib/vocabulary/notes';
import { firstIssue, updateNoteSchema } from '@/lib/vocabulary/schemas';

type Context = { params: Promise<{ id: string }> };

/** Without a learner cookie there are no notes: every id is "not found", as for another learner's. */
async function learnerOrThrow(): Promise<string> {
  const learnerId = await findLearnerId();
  if (!learnerId) throw new AppError('not_found', 'No such note in your vocabulary. It may have been deleted; reload /vocabulary.');
  return learnerId;
}

export async function GET(_request: Request, { params }: Context) {
  try {
    return NextResponse.json({ note: await getNote(await learnerOrThrow(), (await params).id) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** PATCH /api/vocabulary/{id} { term?, translation?, baseForm?, nounArticle?, note? } → { note } */
export async function PATCH(request: Request, { params }: Context) {
  try {
    const learnerId = await learnerOrThrow();
    const parsed = updateNoteSchema.safeParse(await readJsonOrThrow(request, 64 * 1024));
    if (!parsed.success) throw new AppError('bad_input', firstIssue(parsed.error));
    return NextResponse.json({ note: await updateNote(learnerId, (await params).id, parsed.data) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** DELETE /api/vocabulary/{id} → { note } (the deleted note, so that it can be restored with POST). */
export async function DELETE(_request: Request, { params }: Context) {
  try {
    return NextResponse.json({ note: await deleteNote(await learnerOrThrow(), (await params).id) });
  } catch (error) {
    return errorResponse(error);
  }
}
