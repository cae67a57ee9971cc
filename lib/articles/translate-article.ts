// Fills an article's missing translations through the cache and DeepL.
import { db } from '../db';
import { getCircuitBreaker } from '../translation/circuit-breaker';
import { isRetryDue } from '../translation/failures';
import { nextTryWords } from '../translation/status';
import { translateBlocks, type BlockSource, type TranslateOutcome } from '../translation/translate-blocks';

/**
 * Cached blocks are skipped by translateBlocks itself (one cache query, under single flight). A
 * failed block is tried again only when it is due (lib/translation/failures), unless `retryFailedNow`
 * ("Translate again"); either way every request still passes the circuit breaker.
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
  return translateBlocksInOrder(
    blocks.map((b) => ({ key: b.cacheKey, sentences: JSON.parse(b.sentences) as string[] })),
    { retryFailedNow },
  );
}

/** An article's blocks in reading order (an import's, even before they are stored), less failures not due yet. */
export async function translateBlocksInOrder(
  blocks: BlockSource[],
  { retryFailedNow = false }: { retryFailedNow?: boolean } = {},
): Promise<TranslateOutcome> {
  const failures = retryFailedNow
    ? []
    : await db.translationFailure.findMany({
        where: { key: { in: blocks.map((b) => b.key) } },
        select: { key: true, code: true, failedAt: true },
      });
  const skip = new Set(failures.filter((f) => !isRetryDue(f)).map((f) => f.key));
  const todo = blocks.filter((b) => !skip.has(b.key));
  if (todo.length === 0) return { sent: 0, error: null };
  return translateBlocks(todo);
}

/**
 * "Translate again" (an editor's button): the article's failed blocks are tried now, without waiting
 * until each is due, but never past the circuit breaker. While it holds requests back nothing is
 * sent or written, and the message says when the next try is; otherwise it is DeepL's answer, if it failed.
 */
export async function retryArticleNow(articleId: number): Promise<{ sent: number; message: string | null }> {
  const breaker = getCircuitBreaker();
  const held = breaker.blockingError();
  if (held) {
    const when = nextTryWords(breaker.status(), breaker.clock.now());
    return { sent: 0, message: `Nothing was sent: ${held.message}${when ? ` ${when}` : ''}` };
  }
  const outcome = await translateArticle(articleId, { retryFailedNow: true });
  return { sent: outcome.sent, message: outcome.error?.message ?? null };
}
