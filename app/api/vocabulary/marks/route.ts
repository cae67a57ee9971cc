import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { findLearnerId } from '@/lib/vocabulary/current-learner';
import { notesInTexts } from '@/lib/vocabulary/notes';
import { knownAmong } from '@/lib/vocabulary/word-status';
import { articleForWords, articleWords } from '@/lib/words/article-lemmas';

/**
 * GET /api/vocabulary/marks?article=slug → { notes, words, known }: the learner's notes that occur in the
 * article (by surface form, phrase or lemma), the lemma key of each of its words, and which of those lemmas
 * the learner marked known (the reader marks notes and shows statuses from these).
 */
export async function GET(request: Request) {
  try {
    const slug = new URL(request.url).searchParams.get('article') ?? '';
    const article = await articleForWords(slug);
    if (!article) throw new AppError('not_found', `There is no article "${slug}".`);
    const words = await articleWords(article);
    const learnerId = await findLearnerId();
    const [notes, known] = await Promise.all([
      notesInTexts(learnerId, article.blocks.flatMap((b) => b.sentences), words.lemmas),
      knownAmong(learnerId, words.lemmas),
    ]);
    return NextResponse.json({ notes, words, known }, { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
