// Translates a learner's selection in the light of its sentence, through the same cache as blocks:
// a word in a sentence is sent to DeepL once, whoever looks it up afterwards. It counts against the
// daily limit and goes through the circuit breaker like a block.
import { db } from '../db';
import { cleanAnswer, refuseLongAnswer } from './answers';
import { cacheKeyFor } from './cache-key';
import { insertCachedRows } from './cached-rows';
import { getCircuitBreaker } from './circuit-breaker';
import { reserveDailyChars } from './daily-limit';
import { getDeepLTranslator } from './deepl';
import { sendThroughBreaker } from './gate';
import { getTranslationSettings } from './settings';
import { countCacheLookups } from './status';
import { TranslationError, isTranslationError, type Translator } from './types';

export interface PhraseTranslation {
  translation: string;
  /** False when this call asked DeepL. */
  cached: boolean;
}

/** Phrases being translated right now, so that two learners' same look-up is one request. */
const globalForPhrases = globalThis as unknown as { phraseFlights?: Map<string, Promise<PhraseTranslation>> };
const flights = (globalForPhrases.phraseFlights ??= new Map<string, Promise<PhraseTranslation>>());

/** The cache key of a phrase: the sentence is part of it ("Bank" by a river is not "Bank" in a loan). */
export function phraseCacheKey(text: string, context: string): string {
  // A phrase's context is always a string (maybe ""), a block's is absent: the two never share a key.
  return cacheKeyFor(text, getTranslationSettings(), context);
}

/** A look-up is not retried for the learner: say what to do instead of "tried again automatically". */
function forLookUp(error: unknown): unknown {
  if (!isTranslationError(error)) return error;
  if (error.code === 'rate_limited') return new TranslationError('rate_limited', 'DeepL is busy (too many requests). Look this up again in a minute.');
  if (error.code === 'unreachable' || error.code === 'unavailable') {
    return new TranslationError(error.code, error.message.replace(/the app tries again after a pause\.$/, 'look this up again later.'));
  }
  return error;
}

async function translateUncached(key: string, text: string, context: string, translator: Translator): Promise<PhraseTranslation> {
  const cached = await db.translationCache.findUnique({ where: { key }, select: { text: true } });
  countCacheLookups(1, cached ? 1 : 0);
  if (cached) return { translation: cached.text, cached: true };
  const blocked = getCircuitBreaker().blockingError();
  if (blocked) throw blocked;
  const allowance = await reserveDailyChars([text.length]);
  try {
    if (allowance.error) throw allowance.error;
    const settings = getTranslationSettings();
    const answer = await sendThroughBreaker(translator, () =>
      translator.translatePhrase({ text, context, targetLang: settings.targetLang }),
    );
    const refused = refuseLongAnswer(text, answer);
    if (refused) throw refused;
    const translation = cleanAnswer(answer);
    await insertCachedRows([
      { key, engine: 'deepl', targetLang: settings.targetLang, sentences: null, text: translation, aligned: true, billedChars: text.length },
    ]);
    return { translation, cached: false };
  } finally {
    allowance.release();
  }
}

/** Throws a TranslationError when DeepL cannot translate it (no key, quota, daily limit, unreachable, ...). */
export async function translatePhrase(
  text: string,
  context: string,
  translator: Translator = getDeepLTranslator(),
): Promise<PhraseTranslation> {
  const key = phraseCacheKey(text, context);
  const running = flights.get(key);
  if (running) return { ...(await running), cached: true };
  const flight = translateUncached(key, text, context, translator)
    .catch((error: unknown) => Promise.reject(forLookUp(error)))
    .finally(() => flights.delete(key));
  flights.set(key, flight);
  return flight;
}
