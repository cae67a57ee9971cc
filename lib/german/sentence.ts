// Where a word stands in its sentence, read in one pass: at the start or not, the word before it,
// and the last word of its clause, where a separable verb's prefix goes ("Der Zug kommt um acht an").
import { MAX_SENTENCE_CHARS } from './types';

export interface WordContext {
  /** The word was found in the sentence. */
  found: boolean;
  /** First word of the sentence, or of direct speech / after a colon: capitalised whatever it is. */
  atStart: boolean;
  /** The word before it, lower-cased, if in the same clause. */
  previous: string | null;
  /** The clause's last word, lower-cased, when it comes after the word. */
  clauseLast: string | null;
}

// One token per match, no nested quantifiers over the same characters: linear.
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*|[,;:.!?–—„“"«»()]/gu;
const CLAUSE_END = new Set([',', ';', ':', '.', '!', '?', '–', '—', '(', ')']);
const STARTS_SENTENCE = new Set(['.', '!', '?', ':', '„', '“', '"', '«', '»', '(']);
const isWord = (token: string) => !CLAUSE_END.has(token) && !STARTS_SENTENCE.has(token);

export function wordContext(sentence: string, word: string): WordContext {
  const context: WordContext = { found: false, atStart: false, previous: null, clauseLast: null };
  let before: string | null = null; // the token before the current one
  let previousWord: string | null = null; // the last word in the current clause
  for (const match of sentence.slice(0, MAX_SENTENCE_CHARS).matchAll(TOKEN)) {
    const token = match[0];
    if (context.found) {
      if (CLAUSE_END.has(token)) break;
      if (isWord(token)) context.clauseLast = token.toLocaleLowerCase('de-DE');
      continue;
    }
    if (token === word) {
      context.found = true;
      context.atStart = before === null || STARTS_SENTENCE.has(before);
      context.previous = previousWord;
    } else if (CLAUSE_END.has(token)) {
      previousWord = null;
    } else if (isWord(token)) {
      previousWord = token.toLocaleLowerCase('de-DE');
    }
    before = token;
  }
  return context;
}
