// The pages Next keeps in its cache (lib/cache/page-cache-handler.cjs): which tags a page carries, and the
// one place the data layer says what changed. A page's render tags it (tagPage); a change invalidates
// the tags it touches (pagesChanged), and every page carrying one is rendered afresh on its next request.
import { unstable_cache } from 'next/cache';
import type { ReaderArticle } from '../articles/types';
import handler from './page-cache-handler.cjs';
import { recordPageChange } from './page-changes';

/** Every library page (lists titles and "N of M translated"). */
const LIBRARY = 'library';
/** Every page that shows an article: readers, passages, assignments. */
const ARTICLES = 'articles';
const articleTag = (slug: string) => `article:${slug}`;
const assignmentTag = (code: string) => `assignment:${code}`;

export type PageSubject = { library: true } | { article: string } | { assignment: string; article: string };

function tagsOf(subject: PageSubject): string[] {
  if ('library' in subject) return [LIBRARY];
  // A chapter's page ("{book}/{n}") carries its book's tag too: removing the book renders them afresh.
  const book = subject.article.includes('/') ? [articleTag(subject.article.slice(0, subject.article.indexOf('/')))] : [];
  if ('assignment' in subject) return [ARTICLES, articleTag(subject.article), ...book, assignmentTag(subject.assignment)];
  return [ARTICLES, articleTag(subject.article), ...book];
}

/**
 * Called by a page while it renders: gives the page its tags, and marks it not final when it shows
 * something that will change without a data change this module hears of (an article still waiting for
 * English, or one whose English failed): Next then serves it for a second at most and the handler never
 * keeps it. unstable_cache is how a page without Cache Components gets tags; the handler keeps no data.
 */
export async function tagPage(subject: PageSubject, { final }: { final: boolean }): Promise<void> {
  const tags = final ? tagsOf(subject) : [...tagsOf(subject), handler.NOT_FINAL];
  await unstable_cache(async () => true, ['nb-page', ...tags], { tags, revalidate: final ? false : 1 })();
}

/** Whether Next keeps a fresh page for this route path (proxy.ts: such a page exists). */
export const hasFreshPage: (route: string) => boolean = handler.hasFreshPage;

export type PageChange =
  | { kind: 'article-added'; slug: string }
  | { kind: 'article-removed'; slug: string }
  | { kind: 'translations-stored' }
  | { kind: 'assignment-changed'; code: string }
  | { kind: 'everything' };

function changedTags(change: PageChange): string[] {
  switch (change.kind) {
    case 'article-added':
    case 'article-removed':
      return [LIBRARY, articleTag(change.slug)];
    case 'translations-stored':
      return [LIBRARY];
    case 'assignment-changed':
      return [assignmentTag(change.code)];
    case 'everything':
      return [LIBRARY, ARTICLES];
  }
}

/**
 * The data layer calls this after a change is written: the pages showing it are rendered afresh on their
 * next request, in this process at once and in every other process on the database within a poll
 * (lib/cache/page-changes.ts). Translations only ever complete pages that were not final (and so were
 * never kept), so a stored translation touches just the library's counts.
 */
export async function pagesChanged(change: PageChange): Promise<void> {
  const tags = changedTags(change);
  handler.invalidateTags(tags);
  // What was written stays written: a database that refuses this row refuses the other processes' reads too.
  await recordPageChange(tags).catch((error: unknown) => console.error('Recording a page change for the other processes failed:', error));
}

/** An article page is final once every block has its English: nothing on it changes without a removal. */
export function isFinal(article: ReaderArticle): boolean {
  return article.blocks.every((b) => b.translation.status === 'done');
}
