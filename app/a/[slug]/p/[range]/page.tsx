import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReaderPage } from '@/app/_components/reader/reader-page';
import { passagePath } from '@/lib/sharing/passage';
import { passagePreview } from '@/lib/sharing/preview';
import { pageOrigin } from '@/lib/sharing/origin';
import { getPassage } from './passage';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ slug: string; range: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Each passage link has its own preview: title with ¶n–m, the German as description, an image card. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, range } = await params;
  const found = await getPassage(slug, range);
  if (!found) return { title: 'Paragraph not found' };
  const { title, description } = passagePreview(found.article, found.passage);
  const path = passagePath(slug, found.passage);
  const image = { url: `${path}/og.png`, width: 1200, height: 630, alt: `${title}: German beside English` };
  return {
    metadataBase: new URL(await pageOrigin()),
    title,
    description,
    alternates: { canonical: path },
    openGraph: { type: 'article', title, description, url: path, siteName: 'Nebeneinander', locale: 'de_DE', images: [image] },
    twitter: { card: 'summary_large_image', title, description, images: [image.url] },
  };
}

export default async function PassagePage({ params, searchParams }: Props) {
  const { slug, range } = await params;
  const found = await getPassage(slug, range);
  if (!found) notFound();
  return <ReaderPage article={found.article} passage={found.passage} modeFromUrl={(await searchParams).mode} />;
}
