// Translates a learner's selection in the light of its sentence, through the same cache as blocks:
// a word in a sentence is sent to DeepL once, whoever looks it up afterwards.
import { db } from '../db';
import { cacheKeyFor } from './cache-key';
import { getDeepLTranslator } from './deepl';
import { getTranslationSettings } from './settings';
import { TranslationError, type Translator } from './types';

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

async function translateUncached(key: string, text: string, context: string, translator: Translator): Promise<PhraseTranslation> {
  const cached = await db.translationCache.findUnique({ where: { key }, select: { text: true } });
  if (cached) return { translation: cached.text, cached: true };
  const settings = getTranslationSettings();
  const translation = await translator.translatePhrase({ text, context, targetLang: settings.targetLang });
  await db.translationCache.upsert({
    where: { key },
    create: {
      key,
      engine: 'deepl',
      targetLang: settings.targetLang,
      sentences: null,
      text: translation,
      aligned: true,
      billedChars: text.length,
    },
    update: {},
  });
  return { translation, cached: false };
}

/** Throws a TranslationError when DeepL cannot translate it (no key, quota, unreachable, ...). */
export async function translatePhrase(
  text: string,
  context: string,
  translator: Translator = getDeepLTranslator(),
): Promise<PhraseTranslation> {
  const key = phraseCacheKey(text, context);
  const running = flights.get(key);
  if (running) return { ...(await running), cached: true };
  const flight = translateUncached(key, text, context, translator).finally(() => flights.delete(key));
  flights.set(key, flight);
  return flight;
}
