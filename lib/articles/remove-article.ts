// Removing an article (or a book with its chapters): its blocks and assignments go, a tombstone keeps old links
// explaining why (a chapter's links ask its book's).
import { db } from '../db';
import { AppError } from '../errors';
import { pagesChanged } from '../cache/pages';

export async function removeArticleOrThrow(slug: string): Promise<void> {
  const article = await db.article.findUnique({ where: { slug }, select: { id: true, title: true, bookId: true } });
  if (!article) throw new AppError('not_found', 'No article has this slug.');
  // A chapter goes with its book (the cascade), never alone: the book's numbering would get a hole.
  if (article.bookId !== null) throw new AppError('conflict', 'This is a chapter of a book: remove the whole book (DELETE /api/articles/{book}).');
  await db.$transaction([
    db.removedArticle.upsert({ where: { slug }, create: { slug, title: article.title }, update: { title: article.title, removedAt: new Date() } }),
    db.article.delete({ where: { id: article.id } }),
  ]);
  await pagesChanged({ kind: 'article-removed', slug });
}
