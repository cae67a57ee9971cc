import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReaderPage } from '@/app/_components/reader/reader-page';
import { getArticle } from './article';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await getArticle((await params).slug);
  return { title: article?.title ?? 'Article not found' };
}

export default async function ArticlePage({ params, searchParams }: Props) {
  const article = await getArticle((await params).slug);
  if (!article) notFound();
  return <ReaderPage article={article} modeFromUrl={(await searchParams).mode} />;
}
