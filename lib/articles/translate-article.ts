// Fills an article's missing translations through the cache and DeepL.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { db } from '../db';
import { getCircuitBreaker } from '../translation/circuit-breaker';
import { findFailures, isRetryDue } from '../translation/failures';
import { nextTryWords } from '../translation/status';
import { createLimiter, splitTop, type Limiter } from '../translation/batches';
import { REQUESTS_IN_FLIGHT, translateBlocks, type BlockSource, type TranslateOutcome } from '../translation/translate-blocks';
import { tagSentences } from '../translation/xml';

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

/**
 * An article's blocks in reading order (an import's, even before they are stored), less failures not due
 * yet. The top of a long article goes first: its few look-ups run and its request leaves before the
 * rest's hundreds of keys are read; all parts share REQUESTS_IN_FLIGHT.
 */
export async function translateBlocksInOrder(
  blocks: BlockSource[],
  { retryFailedNow = false }: { retryFailedNow?: boolean } = {},
): Promise<TranslateOutcome> {
  const limit = createLimiter(REQUESTS_IN_FLIGHT);
  const outcomes: Promise<TranslateOutcome>[] = [];
  for (const part of splitTop(blocks, (b) => tagSentences(b.sentences))) {
    if (outcomes.length > 0) await nextTurn(); // every callback the top's request waits for runs first
    const outcome = translatePart(part, retryFailedNow, limit);
    outcome.catch(() => undefined); // awaited below: not an unhandled rejection while the next part starts
    outcomes.push(outcome);
  }
  const all = await Promise.all(outcomes);
  return { sent: all.reduce((n, o) => n + o.sent, 0), error: all.find((o) => o.error)?.error ?? null };
}

async function translatePart(blocks: BlockSource[], retryFailedNow: boolean, limit: Limiter): Promise<TranslateOutcome> {
  const failures = retryFailedNow ? [] : await findFailures(blocks.map((b) => b.key));
  const skip = new Set(failures.filter((f) => !isRetryDue(f)).map((f) => f.key));
  const todo = blocks.filter((b) => !skip.has(b.key));
  if (todo.length === 0) return { sent: 0, error: null };
  return translateBlocks(todo, undefined, limit);
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
