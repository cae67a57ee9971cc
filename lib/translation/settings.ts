// The translation settings in force, from the environment: they are part of every cache key.
import { getEnvOrThrow } from '../env';
import { cacheKeyFor, type TranslationSettings } from './cache-key';
import { tagSentences } from './xml';

export function getTranslationSettings(): TranslationSettings {
  return {
    sourceLang: 'DE',
    targetLang: getEnvOrThrow().DEEPL_TARGET_LANG,
    formality: 'default',
    glossaryId: null,
    modelType: null,
  };
}

/** The cache key of a block's sentences under the settings in force. */
export function blockCacheKey(sentences: readonly string[], settings = getTranslationSettings()): string {
  return cacheKeyFor(tagSentences(sentences), settings);
}
