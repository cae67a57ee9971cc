import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { errorResponse, readJsonOrThrow } from '@/lib/http';
import { chooseKinds } from '@/lib/review/cards';
import { firstIssue, kindsBodySchema } from '@/lib/review/schemas';
import { learnerIdOrNew } from '@/lib/vocabulary/current-learner';

/** PUT /api/review/settings { kinds: ["cloze", "meaning", "reverse", "gender"] (one or more) } → { kinds }. */
export async function PUT(request: Request) {
  try {
    const parsed = kindsBodySchema.safeParse(await readJsonOrThrow(request, 1024));
    if (!parsed.success) throw new AppError('bad_input', firstIssue(parsed.error));
    return NextResponse.json({ kinds: await chooseKinds(await learnerIdOrNew(), parsed.data.kinds) });
  } catch (error) {
    return errorResponse(error);
  }
}
