import { passageQrResponse } from '../passage';

/** A QR code of the passage's absolute link, to project in class. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; range: string }> }) {
  const { slug, range } = await params;
  return passageQrResponse(slug, range);
}
