// A word's lemma key (its dictionary form, lower-cased: what marks, word statuses and coverage
// compare), and the lemma of every word of a sentence read in one pass, separable verbs joined.
import { WORD_PATTERN } from '@/lib/vocabulary/marks';
import { germanDictionary } from './dictionary';
import { guessGermanBaseForm, lookupGermanWordInContext } from './lookup';
import type { WordContext } from './sentence';

const fold = (word: string) => word.toLocaleLowerCase('de-DE');

/** The lemma key of one form: the dictionary's form, or today's guess for a form it does not know, folded. */
export function lemmaKey(form: string, sentence?: string): string {
  return fold(guessGermanBaseForm(form, sentence));
}

export interface WordLemma {
  /** Offsets in the sentence: exactly the reader's tokens (lib/vocabulary/marks.ts, WORD_PATTERN). */
  start: number;
  end: number;
  /** The lemma key; null for a token without a letter ("2023"), which is no running word. */
  lemma: string | null;
}

// Words as the reader splits them, and the punctuation that ends a clause or starts a sentence. One
// token per match, alternatives over disjoint characters: linear.
const TOKEN = new RegExp(`${WORD_PATTERN}|[,;:.!?–—„“"«»()]`, 'gu');
const CLAUSE_END = new Set([',', ';', ':', '.', '!', '?', '–', '—', '(', ')']);
const STARTS_SENTENCE = new Set(['.', '!', '?', ':', '„', '“', '"', '«', '»', '(']);
const LETTER = /\p{L}/u;

interface Token {
  text: string;
  start: number;
  word: boolean;
}

/**
 * Every word of a sentence with its lemma key, in one pass forward (the word before, a sentence start)
 * and one back (the clause's last word, where a separable verb leaves its prefix): "Der Zug kommt um
 * acht an" gives both "kommt" and "an" the key "ankommen". Time linear in the sentence.
 */
export function lemmatizeSentence(sentence: string): WordLemma[] {
  const tokens: Token[] = [];
  for (const m of sentence.matchAll(TOKEN)) {
    const text = m[0];
    tokens.push({ text, start: m.index, word: !CLAUSE_END.has(text) && !STARTS_SENTENCE.has(text) });
  }
  // Backwards: the index of the last word of each token's clause, when it comes after the token.
  const clauseLast = new Array<number>(tokens.length).fill(-1);
  let last = -1;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (!tokens[i].word) {
      if (CLAUSE_END.has(tokens[i].text)) last = -1;
      continue;
    }
    clauseLast[i] = last;
    if (last === -1) last = i;
  }
  const dict = germanDictionary();
  const lemmas: Array<string | null> = new Array<string | null>(tokens.length).fill(null);
  const joined = new Map<number, string>(); // prefix token → the separable verb's key
  let before: string | null = null;
  let previousWord: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const { text, word } = tokens[i];
    if (word && LETTER.test(text)) {
      const lastWord = clauseLast[i] === -1 ? null : fold(tokens[clauseLast[i]].text);
      const context: WordContext = { found: true, atStart: before === null || STARTS_SENTENCE.has(before), previous: previousWord, clauseLast: lastWord };
      const found = lookupGermanWordInContext(text, context);
      const key = fold(found?.baseForm ?? text);
      lemmas[i] = key;
      // "kommt ... an" → ankommen: the prefix at the clause's end is part of the same word.
      if (found?.partOfSpeech === 'verb' && lastWord !== null && !joined.has(clauseLast[i])) {
        const plain = dict.verbForms.get(fold(text));
        if (plain !== undefined && key === lastWord + fold(plain)) joined.set(clauseLast[i], key);
      }
    }
    if (CLAUSE_END.has(text)) previousWord = null;
    else if (word) previousWord = fold(text);
    before = text;
  }
  for (const [i, key] of joined) lemmas[i] = key;
  const words: WordLemma[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].word) words.push({ start: tokens[i].start, end: tokens[i].start + tokens[i].text.length, lemma: lemmas[i] });
  }
  return words;
}

/** Each sentence of a block, lemmatized (the reader shows a block as its sentences). */
export function lemmatizeBlock(sentences: readonly string[]): WordLemma[][] {
  return sentences.map(lemmatizeSentence);
}

/** Running words by lemma key, for coverage: how often each lemma occurs in these sentences. */
export function countLemmas(blocks: ReadonlyArray<readonly string[]>, into = new Map<string, number>()): Map<string, number> {
  for (const sentences of blocks) {
    for (const sentence of sentences) for (const w of lemmatizeSentence(sentence)) if (w.lemma !== null) into.set(w.lemma, (into.get(w.lemma) ?? 0) + 1);
  }
  return into;
}
