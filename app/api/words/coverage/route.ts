import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { findLearnerId } from '@/lib/vocabulary/current-learner';
import { coverageOf, MAX_COVERAGE_ARTICLES } from '@/lib/words/coverage';

/**
 * GET /api/words/coverage?articles=slug1,slug2 → { coverage: { [slug]: { words, known, learning, percent } } }:
 * the learner's share of each article's running words they know or are learning (the library shows it).
 */
export async function GET(request: Request) {
  try {
    const list = new URL(request.url).searchParams.get('articles') ?? '';
    const slugs = [...new Set(list.split(',').map((s) => s.trim()).filter(Boolean))];
    if (slugs.length === 0) throw new AppError('bad_input', 'Name the articles: ?articles=slug1,slug2.');
    if (slugs.length > MAX_COVERAGE_ARTICLES) throw new AppError('bad_input', `At most ${MAX_COVERAGE_ARTICLES} articles a request: ask for them in parts.`);
    if (slugs.some((s) => s.length > 200)) throw new AppError('bad_input', 'An article slug is at most 200 characters.');
    const coverage = await coverageOf(await findLearnerId(), slugs);
    return NextResponse.json({ coverage }, { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
