import { passagePath } from '@/lib/sharing/passage';
import { pageOrigin } from '@/lib/sharing/origin';
import { qrSvgResponse } from '@/lib/sharing/qr';
import { getPassage } from '../passage';

/** A QR code of the passage's absolute link, to project in class. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; range: string }> }) {
  const { slug, range } = await params;
  const found = await getPassage(slug, range);
  if (!found) return new Response('No such passage.', { status: 404 });
  return qrSvgResponse(`${await pageOrigin()}${passagePath(slug, found.passage)}`);
}
