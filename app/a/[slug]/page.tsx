import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import { after } from 'next/server';
import { cache } from 'react';
import { getArticleBySlug } from '@/lib/articles/queries';
import { translateArticle } from '@/lib/articles/translate-article';
import { PREFERENCE_COOKIES, resolveMode, resolveTextSize } from '@/lib/reader/preferences';
import { ReaderView } from '@/app/_components/reader/reader-view';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One query per request, shared by the metadata and the page. */
const getArticle = cache(getArticleBySlug);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await getArticle((await params).slug);
  return { title: article?.title ?? 'Article not found' };
}

export default async function ReaderPage({ params, searchParams }: Props) {
  const article = await getArticle((await params).slug);
  if (!article) notFound();
  const jar = await cookies();
  const mode = resolveMode((await searchParams).mode, jar.get(PREFERENCE_COOKIES.mode)?.value);
  const size = resolveTextSize(jar.get(PREFERENCE_COOKIES.size)?.value);
  // The German shows at once; missing English is fetched after the response and polled for.
  if (mode !== 'german' && article.blocks.some((b) => b.translation.status === 'pending')) {
    after(() => translateArticle(article.id));
  }
  return <ReaderView article={article} mode={mode} size={size} />;
}
