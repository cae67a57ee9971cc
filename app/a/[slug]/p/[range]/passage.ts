import { getArticle } from '../../article';
import { parsePassage, passagePath } from '@/lib/sharing/passage';
import { pageOrigin } from '@/lib/sharing/origin';
import { qrSvgResponse } from '@/lib/sharing/qr';

/** The article (or book chapter, slug "{book}/{n}") and the passage a /a/…/p/[range] URL names, or null for a 404. */
export async function getPassage(slug: string, range: string) {
  const article = await getArticle(slug);
  if (!article) return null;
  const parsed = parsePassage(range, article.blocks.length);
  return parsed.ok ? { article, passage: parsed.passage } : null;
}

/** A QR code of the passage's absolute link. */
export async function passageQrResponse(slug: string, range: string): Promise<Response> {
  const found = await getPassage(slug, range);
  if (!found) return new Response('No such passage.', { status: 404 });
  return qrSvgResponse(`${await pageOrigin()}${passagePath(slug, found.passage)}`);
}
