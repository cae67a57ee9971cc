// Lemma keys, and a sentence's words lemmatized in one pass: the tokens the reader has, separable verbs
// joined on both parts, participles never joined, and time linear in the sentence.
import { beforeAll, describe, expect, it } from 'vitest';
import { germanDictionary } from '@/lib/german';
import { countLemmas, lemmaKey, lemmatizeSentence } from '@/lib/german/lemma';
import { tokenize } from '@/lib/vocabulary/marks';

const lemmas = (sentence: string) => lemmatizeSentence(sentence).map((w) => `${sentence.slice(w.start, w.end)}→${w.lemma}`);

describe('lemma keys', () => {
  beforeAll(() => void germanDictionary(), 60_000);

  it('folds every form of a word to its dictionary form', () => {
    for (const form of ['kam', 'kamen', 'kommt', 'gekommen', 'kommen', 'Kommt']) expect(lemmaKey(form)).toBe('kommen');
    expect(lemmaKey('Präsidenten')).toBe('präsident');
    expect(lemmaKey('kommt', 'Der Zug kommt um acht an.')).toBe('ankommen');
    // Unknown words and phrases keep their own (lower-cased) form.
    expect(lemmaKey('Wostotschny')).toBe('wostotschny');
    expect(lemmaKey('Auf der Suche')).toBe('auf der suche');
  });

  it('gives the reader’s tokens their lemmas, both parts of a separable verb the joined verb', () => {
    expect(lemmas('Der Zug kommt um acht Uhr an, weil er spät ankam.')).toEqual([
      'Der→der', 'Zug→zug', 'kommt→ankommen', 'um→um', 'acht→acht', 'Uhr→uhr', 'an→ankommen', 'weil→weil', 'er→er', 'spät→spät', 'ankam→ankommen',
    ]);
    expect(lemmas('Putin und Kim kamen zu Gesprächen zusammen.')).toContain('zusammen→zusammenkommen');
    // A participle is written joined ("angekommen"): a particle at the end of its clause is not its prefix.
    expect(lemmas('Sie sind gekommen und bleiben hier zusammen.')).toContain('gekommen→kommen');
    // Numbers are no running words; hyphens split words as the reader splits them.
    expect(lemmatizeSentence('Die UN-Beschlüsse von 2023.').map((w) => w.lemma)).toEqual(['die', 'un', 'beschluss', 'von', null]);
    const text = '„Wir kommen“, sagte sie – und kam: am 1. Mai, um 8.30 Uhr (pünktlich)!';
    expect(lemmatizeSentence(text).map((w) => text.slice(w.start, w.end))).toEqual(tokenize(text).map((t) => text.slice(t.start, t.end)));
  });

  it('counts running words by lemma', () => {
    expect(Object.fromEntries(countLemmas([['Der Hund bellt.', 'Die Hunde bellen 2023.']]))).toEqual({ der: 1, hund: 2, bellen: 2, die: 1 });
  });
});
