// Fills an article's missing translations through the cache and DeepL.
import { db } from '../db';
import { translateBlocks, type TranslateOutcome } from '../translation/translate-blocks';

/** A failed block is retried on a later view only after this pause (the "Translate again" button skips it). */
const RETRY_AFTER_MS = 30_000;

/** Cached blocks are skipped by translateBlocks itself (one cache query, under single flight). */
export async function translateArticle(
  articleId: number,
  { retryFailedNow = false }: { retryFailedNow?: boolean } = {},
): Promise<TranslateOutcome> {
  const blocks = await db.block.findMany({
    where: { articleId },
    orderBy: { n: 'asc' },
    select: { cacheKey: true, sentences: true },
  });
  const recentFailures = retryFailedNow
    ? []
    : await db.translationFailure.findMany({
        where: { key: { in: blocks.map((b) => b.cacheKey) }, failedAt: { gt: new Date(Date.now() - RETRY_AFTER_MS) } },
        select: { key: true },
      });
  const skip = new Set(recentFailures.map((r) => r.key));
  const todo = blocks.filter((b) => !skip.has(b.cacheKey));
  if (todo.length === 0) return { sent: 0, error: null };
  return translateBlocks(todo.map((b) => ({ key: b.cacheKey, sentences: JSON.parse(b.sentences) as string[] })));
}
