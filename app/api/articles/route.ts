import { NextResponse, after } from 'next/server';
import { requireEditorOrThrow } from '@/lib/auth/current-editor';
import { readImportSourceOrThrow } from '@/lib/import/read-request';
import { importFromSourceOrThrow } from '@/lib/import/sources';
import { errorResponse, publicOrigin } from '@/lib/http';
import { getEnvOrThrow } from '@/lib/env';

/**
 * POST /api/articles { title?, text } | { title?, url } | multipart `file` → 201 { slug, url }; translation
 * starts before the answer, and goes on after it.
 */
export async function POST(request: Request) {
  try {
    await requireEditorOrThrow();
    const article = await importFromSourceOrThrow(await readImportSourceOrThrow(request));
    after(() => article.translation);
    const base = publicOrigin(request.headers, request.url, getEnvOrThrow().PUBLIC_BASE_URL);
    return NextResponse.json({ slug: article.slug, url: new URL(`/a/${article.slug}`, base).toString() }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
