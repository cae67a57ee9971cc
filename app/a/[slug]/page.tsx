import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { after } from 'next/server';
import { getArticleBySlug } from '@/lib/articles/queries';
import { translateArticle } from '@/lib/articles/translate-article';
import { ReaderView } from '@/app/_components/reader/reader-view';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await getArticleBySlug((await params).slug);
  return { title: article?.title ?? 'Article not found' };
}

export default async function ReaderPage({ params }: Props) {
  const article = await getArticleBySlug((await params).slug);
  if (!article) notFound();
  // The German shows at once; missing English is fetched after the response and polled for.
  if (article.blocks.some((b) => b.translation.status === 'pending')) {
    after(() => translateArticle(article.id));
  }
  return <ReaderView article={article} />;
}
