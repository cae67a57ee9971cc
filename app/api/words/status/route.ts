import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { errorResponse, readJsonOrThrow } from '@/lib/http';
import { learnerIdOrNew } from '@/lib/vocabulary/current-learner';
import { MAX_STATUS_LEMMAS } from '@/lib/vocabulary/limits';
import { setWordStatuses, wordStatusBodySchema } from '@/lib/vocabulary/word-status';

/** Room for MAX_STATUS_LEMMAS lemmas of the longest kind, JSON-quoted. */
const MAX_BODY_BYTES = MAX_STATUS_LEMMAS * 300 + 1024;

/** POST /api/words/status { lemmas: string[], status: "known" | "new" } → { updated }: the learner's known words. */
export async function POST(request: Request) {
  try {
    const parsed = wordStatusBodySchema.safeParse(await readJsonOrThrow(request, MAX_BODY_BYTES));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(issue.code === 'too_big' && issue.path.length === 1 ? 'too_large' : 'bad_input', issue.message);
    }
    const learnerId = await learnerIdOrNew();
    return NextResponse.json(await setWordStatuses(learnerId, parsed.data), { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
