// Why a reader URL found nothing, worked out again from the path for the 404 page.
import { db } from '../db';
import { SLUG_PATTERN } from '../articles/slug';
import { describeProblem, parsePassage } from './passage';

export type NotFoundReason =
  | { kind: 'no-article' }
  | { kind: 'removed'; title: string; removedAt: Date }
  | { kind: 'bad-passage'; slug: string; title: string; message: string };

export async function explainNotFound(path: string | null): Promise<NotFoundReason> {
  const match = /^\/a\/([^/]+)(?:\/p\/([^/]*))?/.exec(path ?? '');
  const slug = match?.[1] ?? '';
  if (!SLUG_PATTERN.test(slug)) return { kind: 'no-article' };
  const article = await db.article.findUnique({ where: { slug }, select: { title: true, _count: { select: { blocks: true } } } });
  if (!article) {
    const removed = await db.removedArticle.findUnique({ where: { slug } });
    return removed ? { kind: 'removed', title: removed.title, removedAt: removed.removedAt } : { kind: 'no-article' };
  }
  const parsed = parsePassage(match?.[2] ?? '', article._count.blocks);
  const message = parsed.ok ? 'This page does not exist.' : describeProblem(parsed.problem);
  return { kind: 'bad-passage', slug, title: article.title, message };
}
