import type { Metadata } from 'next';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { after } from 'next/server';
import { getArticleBySlug } from '@/lib/articles/queries';
import { translateArticle } from '@/lib/articles/translate-article';
import { ReaderView } from '@/app/_components/reader/reader-view';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

/** One query per request, shared by the metadata and the page. */
const getArticle = cache(getArticleBySlug);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await getArticle((await params).slug);
  return { title: article?.title ?? 'Article not found' };
}

export default async function ReaderPage({ params }: Props) {
  const article = await getArticle((await params).slug);
  if (!article) notFound();
  // The German shows at once; missing English is fetched after the response and polled for.
  if (article.blocks.some((b) => b.translation.status === 'pending')) {
    after(() => translateArticle(article.id));
  }
  return <ReaderView article={article} />;
}
