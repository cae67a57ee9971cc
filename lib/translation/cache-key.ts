// The translation cache key: a SHA-256 over everything that changes DeepL's output.
import { createHash } from 'node:crypto';

/** Bump when the tagged format or the parsing of answers changes, so old rows are not reused. */
export const CACHE_FORMAT_VERSION = 1;

export interface TranslationSettings {
  sourceLang: 'DE';
  targetLang: 'EN-US' | 'EN-GB';
  formality: 'default';
  glossaryId: string | null;
  modelType: string | null;
}

export function cacheKeyFor(taggedSource: string, settings: TranslationSettings, context?: string): string {
  const material = JSON.stringify({
    v: CACHE_FORMAT_VERSION,
    engine: 'deepl',
    source: settings.sourceLang,
    target: settings.targetLang,
    formality: settings.formality,
    glossary: settings.glossaryId,
    model: settings.modelType,
    context: context ?? null,
    text: taggedSource,
  });
  return createHash('sha256').update(material).digest('hex');
}
