import { NextResponse } from 'next/server';
import { getArticleBySlug } from '@/lib/articles/queries';
import { toArticleJson } from '@/lib/articles/json';
import { chapterSlug } from '@/lib/articles/slug';

export const dynamic = 'force-dynamic';

/** GET /api/articles/{book}/{n} → chapter n of a book, as GET /api/articles/{slug} answers an article (plus `book`). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; chapter: string }> }) {
  const { slug, chapter } = await params;
  const key = chapterSlug(slug, chapter);
  const article = key ? await getArticleBySlug(key) : null;
  if (!article) return NextResponse.json({ error: 'No chapter has this address. GET /api/articles/{book} lists its chapters.' }, { status: 404 });
  return NextResponse.json(toArticleJson(article), { headers: { 'Cache-Control': 'no-store' } });
}
