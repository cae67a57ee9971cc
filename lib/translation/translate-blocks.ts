// Translates blocks through the cache: hits cost nothing, misses are batched to DeepL once each.
import { db } from '../db';
import { forgetLibraryPages } from '../page-cache';
import { Prisma } from '../generated/prisma/client';
import { getDeepLTranslator } from './deepl';
import { packBatches, runWithConcurrency } from './batches';
import { getTranslationSettings } from './settings';
import { TranslationError, type Translator } from './types';
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
  /** The first failure, if any block could not be translated. */
  error: TranslationError | null;
}

const REQUESTS_IN_FLIGHT = 3;

/** Keys being translated right now, shared by every caller in this process (single flight). */
const globalForFlights = globalThis as unknown as { translationFlights?: Map<string, Promise<void>> };
const flights = (globalForFlights.translationFlights ??= new Map<string, Promise<void>>());

function toTranslationError(error: unknown): TranslationError {
  if (error instanceof TranslationError) return error;
  console.error('Translation failed:', error);
  return new TranslationError('failed', 'The translation could not be saved. Try again later.');
}

async function recordFailure(keys: string[], error: TranslationError): Promise<void> {
  await db.$transaction(
    keys.map((key) =>
      db.translationFailure.upsert({
        where: { key },
        create: { key, code: error.code, message: error.message },
        update: { code: error.code, message: error.message, attempts: { increment: 1 }, failedAt: new Date() },
      }),
    ),
  );
}

async function translateBatch(batch: BlockSource[], translator: Translator): Promise<void> {
  const settings = getTranslationSettings();
  const tagged = batch.map((b) => tagSentences(b.sentences));
  const answers = await translator.translateTagged({ texts: tagged, targetLang: settings.targetLang });
  if (answers.length !== batch.length) throw new TranslationError('failed', 'DeepL answered a different number of texts.');
  const rows = batch.map((block, i) => {
    const parsed = parseTaggedTranslation(answers[i], block.sentences.length);
    return {
      key: block.key,
      engine: 'deepl',
      targetLang: settings.targetLang,
      text: parsed.text,
      sentences: parsed.aligned ? JSON.stringify(parsed.sentences) : null,
      aligned: parsed.aligned,
      billedChars: block.sentences.reduce((n, s) => n + s.length, 0),
    };
  });
  const now = new Date().toISOString();
  // One multi-row insert; a row another process stored meanwhile is kept (same key, same text).
  const values = rows.map(
    (r) => Prisma.sql`(${r.key}, ${r.engine}, ${r.targetLang}, ${r.sentences}, ${r.text}, ${r.aligned ? 1 : 0}, ${r.billedChars}, ${now})`,
  );
  await db.$transaction([
    db.$executeRaw`INSERT OR IGNORE INTO TranslationCache (key, engine, targetLang, sentences, text, aligned, billedChars, createdAt)
      VALUES ${Prisma.join(values)}`,
    db.translationFailure.deleteMany({ where: { key: { in: rows.map((r) => r.key) } } }),
  ]);
  forgetLibraryPages(); // its "N of M translated" changed
}

/**
 * Makes sure every block has a cached translation. A key already cached or being translated by
 * another caller is never sent again. Failures are recorded per block, never thrown.
 */
export async function translateBlocks(
  blocks: readonly BlockSource[],
  translator: Translator = getDeepLTranslator(),
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
  try {
    const cached = await db.translationCache.findMany({
      where: { key: { in: mine.map((b) => b.key) } },
      select: { key: true },
    });
    const hit = new Set(cached.map((c) => c.key));
    const misses = mine.filter((b) => !hit.has(b.key));
    const batches = packBatches(misses, (b) => tagSentences(b.sentences));
    await runWithConcurrency(
      batches.map((batch) => async () => {
        try {
          await translateBatch(batch, translator);
          sent += batch.length;
        } catch (e) {
          error ??= toTranslationError(e);
          await recordFailure(batch.map((b) => b.key), toTranslationError(e));
        }
      }),
      REQUESTS_IN_FLIGHT,
    );
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
