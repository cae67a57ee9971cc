import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http';
import { reviewHistory } from '@/lib/review/history';
import { parseOffsetOrThrow } from '@/lib/review/schemas';
import { findLearnerId } from '@/lib/vocabulary/current-learner';

/** GET /api/review/history[?offset=<Date.getTimezoneOffset()>] → { days: [{ day, reviews, recalled, mature }], retention }. */
export async function GET(request: Request) {
  try {
    const offsetMinutes = parseOffsetOrThrow(new URL(request.url).searchParams.get('offset'));
    const history = await reviewHistory(await findLearnerId(), { offsetMinutes });
    return NextResponse.json(history, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
