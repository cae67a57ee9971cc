import { NextResponse, after } from 'next/server';
import { requireEditorOrThrow } from '@/lib/auth/current-editor';
import { readImportSourceOrThrow } from '@/lib/import/read-request';
import { importFromSourceOrThrow } from '@/lib/import/sources';
import { errorResponse, publicOrigin } from '@/lib/http';
import { getEnvOrThrow } from '@/lib/env';

/**
 * POST /api/articles { title?, text } | { title?, url } | multipart `file` → 201 { slug, url }, plus `chapters:
 * [{ n, title, url }]` for an EPUB book; an article's translation starts before the answer and goes on after
 * it, a book's chapters are translated when first opened.
 */
export async function POST(request: Request) {
  try {
    await requireEditorOrThrow();
    const article = await importFromSourceOrThrow(await readImportSourceOrThrow(request));
    if (article.translation) after(() => article.translation);
    const base = publicOrigin(request.headers, request.url, getEnvOrThrow().PUBLIC_BASE_URL);
    const url = (slug: string) => new URL(`/a/${slug}`, base).toString();
    return NextResponse.json(
      {
        slug: article.slug,
        url: url(article.slug),
        ...(article.chapters ? { chapters: article.chapters.map((c) => ({ n: c.n, title: c.title, url: url(c.slug) })) } : {}),
      },
      { status: 201 },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
