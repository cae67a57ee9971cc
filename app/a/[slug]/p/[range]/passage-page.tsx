// A passage's page and link preview, for an article's passage (/a/[slug]/p/[range]) and a book chapter's
// (/a/[slug]/[chapter]/p/[range], whose article slug is "{book}/{n}"): proxy.ts rewrites both to …/o/[origin].
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReaderPage } from '@/app/_components/reader/reader-page';
import { isFinal, tagPage } from '@/lib/cache/pages';
import { decodeOrigin } from '@/lib/cache/routes';
import { passagePath } from '@/lib/sharing/passage';
import { passagePreview } from '@/lib/sharing/preview';
import { getPassage } from './passage';

/** Each passage link has its own preview: title with ¶n–m, the German as description, an image card. */
export async function passageMetadata(slug: string, range: string, origin: string): Promise<Metadata> {
  const found = await getPassage(slug, range);
  const base = decodeOrigin(origin);
  if (!found || !base) return { title: 'Paragraph not found' };
  const { title, description } = passagePreview(found.article, found.passage);
  const path = passagePath(slug, found.passage);
  const image = { url: `${path}/og.png`, width: 1200, height: 630, alt: `${title}: German beside English` };
  return {
    metadataBase: new URL(base),
    title,
    description,
    alternates: { canonical: path },
    openGraph: { type: 'article', title, description, url: path, siteName: 'Nebeneinander', locale: 'de_DE', images: [image] },
    twitter: { card: 'summary_large_image', title, description, images: [image.url] },
  };
}

export async function PassagePageView({ slug, range, origin }: { slug: string; range: string; origin: string }) {
  const found = await getPassage(slug, range);
  if (!found || !decodeOrigin(origin)) notFound();
  await tagPage({ article: slug }, { final: isFinal(found.article) });
  return <ReaderPage article={found.article} passage={found.passage} />;
}
