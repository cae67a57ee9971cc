// Translates blocks through the cache: hits cost nothing, misses are batched to DeepL once each,
// through the daily limit and the circuit breaker.
import { db } from '../db';
import { pagesChanged } from '../cache/pages';
import { cleanAnswer, refuseLongAnswer } from './answers';
import { findCachedKeys, insertCachedRows } from './cached-rows';
import { getDeepLTranslator } from './deepl';
import { createLimiter, packBatches } from './batches';
import { getCircuitBreaker, type BreakerClock } from './circuit-breaker';
import { reserveDailyChars } from './daily-limit';
import { claimKeys, claimedElsewhere, releaseClaims } from './claims';
import { clearFailures, findFailures, recordFailures } from './failures';
import { sendThroughBreaker } from './gate';
import { getTranslationSettings } from './settings';
import { countCacheLookups } from './status';
import { TranslationError, isTranslationError, type Translator } from './types';
import { parseTaggedTranslation, tagSentences } from './xml';

export interface BlockSource {
  /** Cache key of the block under the settings in force. */
  key: string;
  /** The German sentences of the block. */
  sentences: string[];
}

export interface TranslateOutcome {
  /** Blocks whose translation was sent to DeepL by this call. */
  sent: number;
  /** The first failure, if any block could not be translated (rate_limited: they wait for a retry). */
  error: TranslationError | null;
}

/** Four: a 300-block article (its first screenful alone, then full requests: 7) takes two rounds, not three. */
export const REQUESTS_IN_FLIGHT = 4;

/** Keys being translated right now, shared by every caller in this process (single flight). */
const globalForFlights = globalThis as unknown as {
  translationFlights?: Map<string, Promise<void>>;
  /** Blocks DeepL asked us to send later (429), and the clock their retry is scheduled on. */
  rateLimited?: { blocks: Map<string, { block: BlockSource; translator: Translator }>; scheduledOn: BreakerClock | null };
};
const flights = (globalForFlights.translationFlights ??= new Map<string, Promise<void>>());
const waiting = (globalForFlights.rateLimited ??= { blocks: new Map(), scheduledOn: null });

function toTranslationError(error: unknown): TranslationError {
  if (isTranslationError(error)) return error;
  console.error('Translation failed:', error);
  return new TranslationError('failed', 'The translation could not be saved. Try again later.');
}

/** DeepL bills the text without tags: the sentences. */
const billedCharsOf = (block: BlockSource) => block.sentences.reduce((n, s) => n + s.length, 0);

/**
 * Keeps rate-limited blocks pending and sends them again once the breaker's pause is over (it
 * doubles while DeepL keeps saying 429). One timer for all of them; single flight and the cache
 * make sure none is sent twice.
 */
function retryWhenRateLimitEnds(blocks: readonly BlockSource[], translator: Translator): void {
  const breaker = getCircuitBreaker();
  // A replaced breaker (tests) takes its timer along; what it held is still pending for the next view.
  if (waiting.scheduledOn && waiting.scheduledOn !== breaker.clock) waiting.blocks.clear();
  for (const block of blocks) waiting.blocks.set(block.key, { block, translator });
  const clock = breaker.clock;
  if (waiting.scheduledOn === clock) return;
  waiting.scheduledOn = clock;
  const delay = Math.max(0, (breaker.status().retryAt ?? clock.now()) - clock.now());
  clock.setTimeout(async () => {
    if (waiting.scheduledOn !== clock) return;
    waiting.scheduledOn = null;
    const due = [...waiting.blocks.values()];
    waiting.blocks.clear();
    try {
      for (const translator of new Set(due.map((d) => d.translator))) {
        await translateBlocks(due.filter((d) => d.translator === translator).map((d) => d.block), translator);
      }
    } catch (error) {
      console.error('Retrying rate-limited blocks failed:', error);
    }
  }, delay);
}

/** Stores the answers that may be stored; an answer far longer than its German is recorded as a failure instead. */
async function storeTranslations(batch: BlockSource[], texts: string[], answers: string[]): Promise<{ stored: number; error: TranslationError | null }> {
  const settings = getTranslationSettings();
  if (answers.length !== batch.length) throw new TranslationError('failed', 'DeepL answered a different number of texts.');
  const refused = batch.map((_, i) => refuseLongAnswer(texts[i], answers[i]));
  const rows = batch.flatMap((block, i) => {
    if (refused[i]) return [];
    const parsed = parseTaggedTranslation(answers[i], block.sentences.length);
    return {
      key: block.key,
      engine: 'deepl',
      targetLang: settings.targetLang,
      text: cleanAnswer(parsed.text),
      sentences: parsed.aligned ? JSON.stringify(parsed.sentences.map(cleanAnswer)) : null,
      aligned: parsed.aligned,
      billedChars: billedCharsOf(block),
    };
  });
  const error = refused.find((e) => e !== null) ?? null;
  if (error) await recordFailures(batch.filter((_, i) => refused[i]).map((b) => b.key), error);
  if (rows.length === 0) return { stored: 0, error };
  await db.$transaction([
    insertCachedRows(rows),
    db.translationFailure.deleteMany({ where: { key: { in: rows.map((r) => r.key) } } }),
  ]);
  await pagesChanged({ kind: 'translations-stored' });
  return { stored: rows.length, error };
}

/** Blocks that could not be translated now: rate-limited ones stay pending for a retry, the rest record why. */
async function holdBack(blocks: BlockSource[], error: TranslationError, translator: Translator): Promise<void> {
  const keys = blocks.map((b) => b.key);
  if (error.code !== 'rate_limited') return recordFailures(keys, error);
  await clearFailures(keys);
  retryWhenRateLimitEnds(blocks, translator);
}

/**
 * Sends one batch, or as much of it as today's limit allows; says how many blocks got their English,
 * and which blocks another process is sending (claims.ts): those are left to it.
 */
async function translateBatch(batch: BlockSource[], translator: Translator): Promise<{ sent: number; error: TranslationError | null; elsewhere: BlockSource[] }> {
  // Refused by the breaker before the daily limit is even read: its reason is the one to fix first.
  const blocked = getCircuitBreaker().blockingError();
  if (blocked) {
    await holdBack(batch, blocked, translator);
    return { sent: 0, error: blocked, elsewhere: [] };
  }
  const claimed = await claimKeys(batch.map((b) => ({ key: b.key, chars: billedCharsOf(b) })));
  const elsewhere = batch.filter((b) => !claimed.has(b.key));
  let mine = batch.filter((b) => claimed.has(b.key));
  let sendable: BlockSource[] = [];
  try {
    // Stored by another process between the cache look-up and the claim: not sent again.
    const storedMeanwhile = await findCachedKeys(mine.map((b) => b.key));
    if (storedMeanwhile.size > 0) {
      await releaseClaims([...storedMeanwhile]);
      mine = mine.filter((b) => !storedMeanwhile.has(b.key));
    }
    const allowance = await reserveDailyChars(mine.map((b) => ({ key: b.key, chars: billedCharsOf(b) })));
    sendable = mine.slice(0, allowance.fits);
    if (allowance.error) {
      const refused = mine.slice(allowance.fits).map((b) => b.key);
      await releaseClaims(refused);
      await recordFailures(refused, allowance.error);
    }
    if (sendable.length === 0) return { sent: 0, error: allowance.error, elsewhere };
    const texts = sendable.map((b) => tagSentences(b.sentences));
    const targetLang = getTranslationSettings().targetLang;
    const answers = await sendThroughBreaker(translator, () => translator.translateTagged({ texts, targetLang }));
    const stored = await storeTranslations(sendable, texts, answers);
    return { sent: stored.stored, error: allowance.error ?? stored.error, elsewhere };
  } catch (e) {
    const error = toTranslationError(e);
    await holdBack(sendable, error, translator);
    return { sent: 0, error, elsewhere };
  } finally {
    // After the rows are stored: the daily limit counts a text by its claim until then.
    await releaseClaims(mine.map((b) => b.key)).catch((error: unknown) => console.error('Releasing translation claims failed:', error));
  }
}

/** How often a process looks whether another process has finished the blocks it is sending. */
const ELSEWHERE_POLL_MS = 100;

/**
 * Waits for blocks another process claimed: until each is cached, or has a failure recorded since
 * (that process gave up, and said why), or its claim is gone or dead (that process was killed): those
 * this process translates itself. Says what this process sent.
 */
async function awaitOtherProcesses(blocks: readonly BlockSource[], translator: Translator, limit: ReturnType<typeof createLimiter>): Promise<TranslateOutcome> {
  const since = Date.now();
  let pending = [...blocks];
  let sent = 0;
  let error: TranslationError | null = null;
  while (pending.length > 0) {
    await new Promise((resolve) => setTimeout(resolve, ELSEWHERE_POLL_MS));
    const keys = pending.map((b) => b.key);
    const cached = await findCachedKeys(keys);
    const failed = new Set((await findFailures(keys)).filter((f) => new Date(f.failedAt).getTime() >= since).map((f) => f.key));
    pending = pending.filter((b) => !cached.has(b.key) && !failed.has(b.key));
    const held = await claimedElsewhere(pending.map((b) => b.key));
    const orphaned = pending.filter((b) => !held.has(b.key));
    pending = pending.filter((b) => held.has(b.key));
    // This call still holds their single flight: they go straight to the batches, not through translateBlocks.
    for (const batch of packBatches(orphaned, (b) => tagSentences(b.sentences))) {
      const outcome = await limit(() => translateBatch(batch, translator));
      sent += outcome.sent;
      error ??= outcome.error;
      pending.push(...outcome.elsewhere);
    }
  }
  return { sent, error };
}

/**
 * Makes sure every block has a cached translation. A key already cached or being translated by
 * another caller is never sent again. Failures are recorded per block, never thrown.
 */
export async function translateBlocks(
  blocks: readonly BlockSource[],
  translator: Translator = getDeepLTranslator(),
  /** Shared by the calls for one article's parts: REQUESTS_IN_FLIGHT between them. */
  limit = createLimiter(REQUESTS_IN_FLIGHT),
): Promise<TranslateOutcome> {
  const unique = [...new Map(blocks.map((b) => [b.key, b])).values()];
  const waitFor: Promise<void>[] = [];
  const mine: BlockSource[] = [];
  const settle = new Map<string, () => void>();
  // Claim keys synchronously, before any await, so concurrent callers see each other's claims.
  for (const block of unique) {
    const flight = flights.get(block.key);
    if (flight) {
      waitFor.push(flight);
      continue;
    }
    flights.set(block.key, new Promise<void>((resolve) => settle.set(block.key, resolve)));
    mine.push(block);
  }
  let error: TranslationError | null = null;
  let sent = 0;
  // Blocks another process is sending, waited for as soon as a batch finds them (not after every batch:
  // one of ours may be held at DeepL meanwhile): this call, and this process's single flight, waits too.
  const others: Promise<TranslateOutcome>[] = [];
  try {
    const hit = await findCachedKeys(mine.map((b) => b.key));
    countCacheLookups(mine.length, hit.size);
    const misses = mine.filter((b) => !hit.has(b.key));
    const batches = packBatches(misses, (b) => tagSentences(b.sentences));
    await Promise.all(
      batches.map((batch) =>
        limit(async () => {
          const outcome = await translateBatch(batch, translator);
          sent += outcome.sent;
          error ??= outcome.error;
          if (outcome.elsewhere.length > 0) others.push(awaitOtherProcesses(outcome.elsewhere, translator, limit));
        }),
      ),
    );
    for (const outcome of await Promise.all(others)) {
      sent += outcome.sent;
      error ??= outcome.error;
    }
  } catch (e) {
    error ??= toTranslationError(e);
  } finally {
    for (const [key, resolve] of settle) {
      flights.delete(key);
      resolve();
    }
  }
  await Promise.all(waitFor);
  return { sent, error };
}
