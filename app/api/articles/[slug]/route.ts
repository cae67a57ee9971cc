import { NextResponse } from 'next/server';
import { requireEditorOrThrow } from '@/lib/auth/current-editor';
import { removeArticleOrThrow } from '@/lib/articles/remove-article';
import { errorResponse } from '@/lib/http';
import { getArticleBySlug } from '@/lib/articles/queries';
import { toArticleJson } from '@/lib/articles/json';

export const dynamic = 'force-dynamic';

/** GET /api/articles/{slug} → the article's blocks with their translation state. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const article = await getArticleBySlug((await params).slug);
  if (!article) return NextResponse.json({ error: 'No article has this slug. GET / lists the library.' }, { status: 404 });
  return NextResponse.json(toArticleJson(article), { headers: { 'Cache-Control': 'no-store' } });
}

/** DELETE /api/articles/{slug} → 204; old links then say the article was removed. */
export async function DELETE(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    await requireEditorOrThrow();
    await removeArticleOrThrow((await params).slug);
    return new NextResponse(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
