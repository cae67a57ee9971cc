import type { Metadata } from 'next';
import { PassagePageView, passageMetadata } from '../../passage-page';

/**
 * A passage, /a/[slug]/p/[range]: proxy.ts rewrites it here with the request's public origin as
 * [origin], so the link preview can name absolute addresses and each origin has its own cached page.
 */
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string; range: string; origin: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, range, origin } = await params;
  return passageMetadata(slug, range, origin);
}

export default async function PassagePage({ params }: Props) {
  const { slug, range, origin } = await params;
  return <PassagePageView slug={slug} range={range} origin={origin} />;
}
