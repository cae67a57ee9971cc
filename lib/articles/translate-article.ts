// Fills an article's missing translations through the cache and DeepL.
import { db } from '../db';
import { getCircuitBreaker } from '../translation/circuit-breaker';
import { isRetryDue } from '../translation/failures';
import { translateBlocks, type TranslateOutcome } from '../translation/translate-blocks';

/**
 * Cached blocks are skipped by translateBlocks itself (one cache query, under single flight). A
 * failed block is tried again only when it is due (lib/translation/failures); "Translate again"
 * (`retryFailedNow`) is the operator's retry: it tries every block now, past the circuit breaker's pause.
 */
export async function translateArticle(
  articleId: number,
  { retryFailedNow = false }: { retryFailedNow?: boolean } = {},
): Promise<TranslateOutcome> {
  const blocks = await db.block.findMany({
    where: { articleId },
    orderBy: { n: 'asc' },
    select: { cacheKey: true, sentences: true },
  });
  if (retryFailedNow) getCircuitBreaker().operatorRetry();
  const failures = retryFailedNow
    ? []
    : await db.translationFailure.findMany({
        where: { key: { in: blocks.map((b) => b.cacheKey) } },
        select: { key: true, code: true, failedAt: true },
      });
  const skip = new Set(failures.filter((f) => !isRetryDue(f)).map((f) => f.key));
  const todo = blocks.filter((b) => !skip.has(b.cacheKey));
  if (todo.length === 0) return { sent: 0, error: null };
  return translateBlocks(todo.map((b) => ({ key: b.cacheKey, sentences: JSON.parse(b.sentences) as string[] })));
}
