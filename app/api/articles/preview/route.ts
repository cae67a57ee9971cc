import { NextResponse } from 'next/server';
import { requireEditorOrThrow } from '@/lib/auth/current-editor';
import { readImportSourceOrThrow } from '@/lib/import/read-request';
import { previewImportOrThrow } from '@/lib/import/sources';
import { errorResponse } from '@/lib/http';

/** POST /api/articles/preview, the same bodies as POST /api/articles → 200 what would be stored (a book: its
 *  chapters, `blocks` the first one's); nothing is stored. */
export async function POST(request: Request) {
  try {
    await requireEditorOrThrow();
    const preview = await previewImportOrThrow(await readImportSourceOrThrow(request));
    return NextResponse.json(
      {
        title: preview.title,
        source: preview.source,
        summary: preview.summary,
        blocks: preview.blocks.map((b) => ({ n: b.n, kind: b.kind, text: b.text, ...(b.credit ? { credit: b.credit } : {}) })),
        ...(preview.chapters ? { chapters: preview.chapters } : {}),
      },
      { headers: { 'cache-control': 'private, no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
