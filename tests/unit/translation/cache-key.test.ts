// Cache keys: stable for the same input, different whenever DeepL's output could differ.
import { describe, expect, it } from 'vitest';
import { cacheKeyFor, type TranslationSettings } from '@/lib/translation/cache-key';
import { tagSentences } from '@/lib/translation/xml';

const settings: TranslationSettings = { sourceLang: 'DE', targetLang: 'EN-US', formality: 'default', glossaryId: null, modelType: null };
const text = tagSentences(['Ein Satz.', 'Noch einer.']);

describe('cacheKeyFor', () => {
  it('is a stable SHA-256 hex digest', () => {
    const key = cacheKeyFor(text, settings);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKeyFor(tagSentences(['Ein Satz.', 'Noch einer.']), { ...settings })).toBe(key);
    // Pinned: if this changes, every cached translation would be paid for again. Bump
    // CACHE_FORMAT_VERSION on purpose, never by accident.
    expect(key).toBe('f02e476195c46b1a82110c2bc6394e46804d54dd6b0a59e55ec411a434ba1bca');
  });

  it.each([
    ['the text', () => cacheKeyFor(tagSentences(['Ein Satz.', 'Noch einer!']), settings)],
    ['the sentence split', () => cacheKeyFor(tagSentences(['Ein Satz. Noch einer.']), settings)],
    ['the target language', () => cacheKeyFor(text, { ...settings, targetLang: 'EN-GB' })],
    ['the glossary', () => cacheKeyFor(text, { ...settings, glossaryId: 'g1' })],
    ['the model type', () => cacheKeyFor(text, { ...settings, modelType: 'quality_optimized' })],
    ['the context', () => cacheKeyFor(text, settings, 'Die Bank am Fluss.')],
  ])('changes with %s', (_, other) => {
    expect(other()).not.toBe(cacheKeyFor(text, settings));
  });
});
