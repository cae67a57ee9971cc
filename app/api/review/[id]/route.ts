import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { errorResponse, readJsonOrThrow } from '@/lib/http';
import { gradeCardOrThrow } from '@/lib/review/queue';
import { firstIssue, gradeBodySchema } from '@/lib/review/schemas';
import { findLearnerId } from '@/lib/vocabulary/current-learner';

type Context = { params: Promise<{ id: string }> };

/**
 * POST /api/review/{id} { grade: 1|2|3|4, due? } → { card: { id, due, state } }; another learner's card → 404. With
 * `due` (the card's due date as GET /api/review gave it), a grade for a card graded since is refused with 409.
 */
export async function POST(request: Request, { params }: Context) {
  try {
    const parsed = gradeBodySchema.safeParse(await readJsonOrThrow(request, 1024));
    if (!parsed.success) throw new AppError('bad_input', firstIssue(parsed.error));
    return NextResponse.json(await gradeCardOrThrow(await findLearnerId(), (await params).id, parsed.data.grade, undefined, parsed.data.due));
  } catch (error) {
    return errorResponse(error);
  }
}
