import { chapterSlug } from '@/lib/articles/slug';
import { passageCardResponse } from '../../../../p/[range]/og-card';

/** The link-preview card of a passage of a book's chapter. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; chapter: string; range: string }> }) {
  const { slug, chapter, range } = await params;
  const key = chapterSlug(slug, chapter);
  return key ? passageCardResponse(key, range) : new Response('No such passage.', { status: 404 });
}
