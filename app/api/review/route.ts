import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http';
import { readQueue } from '@/lib/review/queue';
import { parseLimitOrThrow } from '@/lib/review/schemas';
import { findLearnerId } from '@/lib/vocabulary/current-learner';

/** GET /api/review[?limit=N] → { due, cards, kinds } of the calling learner (none without a cookie: no
 *  learner is made by reading, so the header's count costs a visitor nothing). */
export async function GET(request: Request) {
  try {
    const limit = parseLimitOrThrow(new URL(request.url).searchParams.get('limit'));
    const queue = await readQueue(await findLearnerId(), { limit });
    return NextResponse.json(queue, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
