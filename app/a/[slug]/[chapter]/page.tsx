import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReaderPage } from '@/app/_components/reader/reader-page';
import { chapterSlug } from '@/lib/articles/slug';
import { isFinal, tagPage } from '@/lib/cache/pages';
import { getArticle } from '../article';

/** A book's chapter, /a/{book}/{n}: the reader, as for an article (its slug is "{book}/{n}"); translated when first opened. */
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string; chapter: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, chapter } = await params;
  const key = chapterSlug(slug, chapter);
  const article = key ? await getArticle(key) : null;
  return { title: article?.book ? `${article.title} · ${article.book.title}` : 'Chapter not found' };
}

export default async function ChapterPage({ params }: Props) {
  const { slug, chapter } = await params;
  const key = chapterSlug(slug, chapter);
  const article = key ? await getArticle(key) : null;
  if (!key || !article?.book) notFound();
  await tagPage({ article: key }, { final: isFinal(article) });
  return <ReaderPage article={article} />;
}
