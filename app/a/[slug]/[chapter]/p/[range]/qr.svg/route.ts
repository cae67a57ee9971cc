import { chapterSlug } from '@/lib/articles/slug';
import { passageQrResponse } from '../../../../p/[range]/passage';

/** A QR code of a chapter passage's absolute link. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; chapter: string; range: string }> }) {
  const { slug, chapter, range } = await params;
  const key = chapterSlug(slug, chapter);
  return key ? passageQrResponse(key, range) : new Response('No such passage.', { status: 404 });
}
