import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReaderPage } from '@/app/_components/reader/reader-page';
import { BookContents } from '@/app/_components/book-contents';
import { isFinal, tagPage } from '@/lib/cache/pages';
import { getArticle } from './article';

/** Rendered when first asked for and kept in Next's cache once final (lib/cache/pages.ts). */
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await getArticle((await params).slug);
  return { title: article?.title ?? 'Article not found' };
}

export default async function ArticlePage({ params }: Props) {
  const { slug } = await params;
  const article = await getArticle(slug);
  if (!article) notFound();
  await tagPage({ article: slug }, { final: isFinal(article) });
  // A book's page is its table of contents (no blocks, so final); its chapters are read at /a/{book}/{n}.
  if (article.chapters) return <BookContents book={article} />;
  return <ReaderPage article={article} />;
}
