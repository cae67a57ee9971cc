import { passageCardResponse } from '../og-card';

/** The link-preview card of a passage: its German beside its English, 1200×630 PNG. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; range: string }> }) {
  const { slug, range } = await params;
  return passageCardResponse(slug, range);
}
