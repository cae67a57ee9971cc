// Translates a learner's selection in the light of its sentence, through the same cache as blocks:
// a word in a sentence is sent to DeepL once, whoever looks it up afterwards. It counts against the
// daily limit and goes through the circuit breaker like a block.
import { db } from '../db';
import { cleanAnswer, refuseLongAnswer } from './answers';
import { cacheKeyFor } from './cache-key';
import { insertCachedRows } from './cached-rows';
import { getCircuitBreaker } from './circuit-breaker';
import { claimKeys, releaseClaims } from './claims';
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

const cachedText = async (key: string) => (await db.translationCache.findUnique({ where: { key }, select: { text: true } }))?.text;

/** How often a look-up looks whether another process sending the same phrase has its answer. */
const ELSEWHERE_POLL_MS = 100;

async function translateUncached(key: string, text: string, context: string, translator: Translator): Promise<PhraseTranslation> {
  const cached = await cachedText(key);
  countCacheLookups(1, cached !== undefined ? 1 : 0);
  if (cached !== undefined) return { translation: cached, cached: true };
  const blocked = getCircuitBreaker().blockingError();
  if (blocked) throw blocked;
  const claim = { key, chars: text.length };
  // Another process is asking DeepL for the same phrase: its answer, once stored (or this process's own
  // request, if that process gave up or died).
  while (!(await claimKeys([claim])).has(key)) {
    await new Promise((resolve) => setTimeout(resolve, ELSEWHERE_POLL_MS));
    const theirs = await cachedText(key);
    if (theirs !== undefined) return { translation: theirs, cached: true };
  }
  try {
    // Stored by another process between the look-up above and the claim: not asked again.
    const storedMeanwhile = await cachedText(key);
    if (storedMeanwhile !== undefined) return { translation: storedMeanwhile, cached: true };
    const allowance = await reserveDailyChars([claim]);
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
    await releaseClaims([key]).catch((error: unknown) => console.error('Releasing a translation claim failed:', error));
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
