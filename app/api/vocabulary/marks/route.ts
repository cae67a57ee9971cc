import { NextResponse } from 'next/server';
import { getArticleBySlug } from '@/lib/articles/queries';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { findLearnerId } from '@/lib/vocabulary/current-learner';
import { notesInTexts } from '@/lib/vocabulary/notes';

/** GET /api/vocabulary/marks?article=slug → { notes } of the learner that occur in the article (the reader marks them). */
export async function GET(request: Request) {
  try {
    const slug = new URL(request.url).searchParams.get('article') ?? '';
    const article = await getArticleBySlug(slug);
    if (!article) throw new AppError('not_found', `There is no article "${slug}".`);
    const notes = await notesInTexts(await findLearnerId(), article.blocks.map((b) => b.text));
    return NextResponse.json({ notes }, { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
