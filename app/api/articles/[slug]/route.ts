import { NextResponse } from 'next/server';
import { getArticleBySlug } from '@/lib/articles/queries';
import { toArticleJson } from '@/lib/articles/json';

export const dynamic = 'force-dynamic';

/** GET /api/articles/{slug} → the article's blocks with their translation state. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const article = await getArticleBySlug((await params).slug);
  if (!article) return NextResponse.json({ error: 'No article has this slug. GET / lists the library.' }, { status: 404 });
  return NextResponse.json(toArticleJson(article), { headers: { 'Cache-Control': 'no-store' } });
}
