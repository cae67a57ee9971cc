// Whether a reader or assignment URL names nothing (asked by proxy.ts before the render), and why, worked
// out again from the path for the 404 page.
import { db } from '../db';
import { SLUG_PATTERN } from '../articles/slug';
import { describeProblem, parsePassage } from './passage';
import { CODE_PATTERN } from './assignments';

export type NotFoundReason =
  | { kind: 'no-article' }
  | { kind: 'removed'; title: string; removedAt: Date }
  | { kind: 'bad-passage'; slug: string; title: string; message: string };

export async function explainNotFound(path: string | null): Promise<NotFoundReason> {
  const match = /^\/a\/([^/]+(?:\/\d{1,6})?)(?:\/p\/([^/]*))?/.exec(path ?? '');
  const slug = match?.[1] ?? '';
  if (!SLUG_PATTERN.test(slug)) return { kind: 'no-article' };
  const article = await db.article.findUnique({ where: { slug }, select: { title: true, _count: { select: { blocks: true } } } });
  if (!article) {
    // A removed book's chapters ("{book}/{n}") are explained by the book's tombstone.
    const removed = await db.removedArticle.findUnique({ where: { slug: slug.split('/')[0] } });
    return removed ? { kind: 'removed', title: removed.title, removedAt: removed.removedAt } : { kind: 'no-article' };
  }
  const parsed = parsePassage(match?.[2] ?? '', article._count.blocks);
  const message = parsed.ok ? 'This page does not exist.' : describeProblem(parsed.problem);
  return { kind: 'bad-passage', slug, title: article.title, message };
}

/** The page routes proxy.ts checks: the reader (a book's contents, a chapter), a passage, an assignment (not their og.png or qr.svg). */
const PAGE_PATH = /^\/(?:a\/([^/]+(?:\/\d{1,6})?)(?:\/p\/([^/]*))?|s\/([^/]+))\/?$/;

/**
 * True when `path` is a reader, passage or assignment page that would be a 404: no such article or
 * assignment, or a range the article does not have. One indexed lookup; other paths are false.
 */
export async function isMissingPage(path: string): Promise<boolean> {
  const match = PAGE_PATH.exec(path);
  if (!match) return false;
  const [, slug, range, code] = match;
  if (code !== undefined) {
    if (!CODE_PATTERN.test(code)) return true;
    return (await db.assignment.count({ where: { code } })) === 0;
  }
  if (!SLUG_PATTERN.test(slug)) return true;
  const article = await db.article.findUnique({ where: { slug }, select: { _count: { select: { blocks: true } } } });
  if (!article) return true;
  return range !== undefined && !parsePassage(range, article._count.blocks).ok;
}
