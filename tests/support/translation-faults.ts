// Helpers for the DeepL fault tests: fresh articles, what the reader shows of them, and a breaker on a hand-moved clock.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach } from 'vitest';
import { EditorContext } from '@/app/_components/reader/editor-session';
import { TranslationBanner } from '@/app/_components/reader/translation-banner';
import { importArticleOrThrow } from '@/lib/articles/import-article';
import { getArticleBySlug } from '@/lib/articles/queries';
import { replaceCircuitBreaker, type BreakerOptions } from '@/lib/translation/circuit-breaker';
import { manualClock, type ManualClock } from './manual-clock';

let counter = 0;

/** A small article (heading + 2 paragraphs, 3 blocks) no other test has translated. Its title is
 *  not the heading, so the heading stays block 1. */
export async function importFresh(label = 'Artikel') {
  counter++;
  const text = `${label} Nummer ${counter}\n\nDer erste Satz ${counter}. Der zweite Satz ${counter}.\n\nNoch ein Absatz ${counter}.`;
  return importArticleOrThrow({ title: `${label} ${counter}`, text });
}

/** An article of `n` one-sentence paragraphs (over 50 of them make several DeepL requests). */
export async function importLong(n: number) {
  counter++;
  const text = Array.from({ length: n }, (_, i) => `Absatz ${i + 1} im langen Text ${counter}.`).join('\n\n');
  return importArticleOrThrow({ text });
}

export async function readerArticle(slug: string) {
  const article = await getArticleBySlug(slug);
  if (!article) throw new Error(`no article ${slug}`);
  return article;
}

/** Each block's state as the reader shows it: done, pending ("Translating…") or failed. */
export async function states(slug: string) {
  return (await readerArticle(slug)).blocks.map((b) => b.translation.status);
}

/** The banner above the article as an editor's browser shows it (or a learner's, the server's HTML): its role and its text ('' when there is none). */
export async function banner(slug: string, { canEdit = true } = {}): Promise<{ role: string | null; text: string }> {
  const article = await readerArticle(slug);
  // An editor's browser fetches each failed block's message (GET /api/articles/{slug}); a learner's has none.
  const failures = new Map(canEdit ? article.blocks.flatMap((b) => (b.translation.status === 'failed' ? [[b.n, b.translation.error]] : [])) : []);
  const session = { editor: canEdit, failures };
  const html = renderToStaticMarkup(createElement(EditorContext.Provider, { value: session }, createElement(TranslationBanner, { slug, blocks: article.blocks })));
  const text = html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return { role: /role="(\w+)"/.exec(html)?.[1] ?? null, text };
}

/** Before each test: a fresh circuit breaker on a clock the test moves. */
export function useManualBreaker(options: Omit<BreakerOptions, 'clock'> = {}): { readonly clock: ManualClock } {
  let clock = manualClock();
  beforeEach(() => {
    clock = manualClock();
    replaceCircuitBreaker({ clock, ...options });
  });
  return {
    get clock() {
      return clock;
    },
  };
}
