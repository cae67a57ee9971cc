// Removing an article: its blocks and assignments go, a tombstone keeps old links explaining why.
import { db } from '../db';
import { AppError } from '../errors';
import { pagesChanged } from '../cache/pages';

export async function removeArticleOrThrow(slug: string): Promise<void> {
  const article = await db.article.findUnique({ where: { slug }, select: { id: true, title: true } });
  if (!article) throw new AppError('not_found', 'No article has this slug.');
  await db.$transaction([
    db.removedArticle.upsert({ where: { slug }, create: { slug, title: article.title }, update: { title: article.title, removedAt: new Date() } }),
    db.article.delete({ where: { id: article.id } }),
  ]);
  await pagesChanged({ kind: 'article-removed', slug });
}
