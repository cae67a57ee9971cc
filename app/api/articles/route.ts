import { NextResponse, after } from 'next/server';
import { requireEditorOrThrow } from '@/lib/auth/current-editor';
import { z } from 'zod';
import { importArticleOrThrow } from '@/lib/articles/import-article';
import { AppError } from '@/lib/errors';
import { errorResponse, publicOrigin, readJsonOrThrow } from '@/lib/http';
import { getEnvOrThrow } from '@/lib/env';

/** 200,000 characters of German are at most ~800 KB as UTF-8 JSON. */
const MAX_BODY_BYTES = 1_000_000;

const bodySchema = z.object({ title: z.unknown().optional(), text: z.unknown() }, { error: 'Send a JSON object: { "title"?: string, "text": string }.' });

/** POST /api/articles { title?, text } → 201 { slug, url }; translation starts before the answer, and goes on after it. */
export async function POST(request: Request) {
  try {
    await requireEditorOrThrow();
    const body = bodySchema.safeParse(await readJsonOrThrow(request, MAX_BODY_BYTES));
    if (!body.success || typeof body.data.text !== 'string') {
      throw new AppError('bad_input', 'Send a JSON object: { "title"?: string, "text": string } with the German text in "text".');
    }
    if (body.data.title !== undefined && body.data.title !== null && typeof body.data.title !== 'string') {
      throw new AppError('bad_input', '"title" must be a string (or left out to use the first sentence).');
    }
    const article = await importArticleOrThrow({ title: body.data.title ?? undefined, text: body.data.text }, { translate: true });
    after(() => article.translation);
    const base = publicOrigin(request.headers, request.url, getEnvOrThrow().PUBLIC_BASE_URL);
    return NextResponse.json({ slug: article.slug, url: new URL(`/a/${article.slug}`, base).toString() }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
