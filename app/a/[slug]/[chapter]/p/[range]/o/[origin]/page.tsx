import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { chapterSlug } from '@/lib/articles/slug';
import { PassagePageView, passageMetadata } from '../../../../../p/[range]/passage-page';

/** A passage of a book's chapter, /a/{book}/{n}/p/[range]: as an article's passage (proxy.ts rewrites it here). */
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string; chapter: string; range: string; origin: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, chapter, range, origin } = await params;
  const key = chapterSlug(slug, chapter);
  return key ? passageMetadata(key, range, origin) : { title: 'Paragraph not found' };
}

export default async function ChapterPassagePage({ params }: Props) {
  const { slug, chapter, range, origin } = await params;
  const key = chapterSlug(slug, chapter);
  if (!key) notFound();
  return <PassagePageView slug={key} range={range} origin={origin} />;
}
