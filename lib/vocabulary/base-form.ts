// A first guess at a selection's dictionary form, for the learner to correct: nouns keep their
// capital and get der/die/das where the ending or the article tells; other words are lower-cased.
import type { NounArticle } from './types';

export interface BaseFormGuess {
  baseForm: string;
  isNoun: boolean;
  /** A guess from the noun's ending or the article before it; null when neither tells. */
  nounArticle: NounArticle | null;
}

/** Endings that almost always go with one gender. */
const ENDINGS: Array<[RegExp, NounArticle]> = [
  [/(ung|heit|keit|schaft|tion|sion|tät|ik|ei|ie|enz|anz)$/, 'die'],
  [/(chen|lein|ment|um)$/, 'das'],
  [/(ismus|ling|or|ist|ant)$/, 'der'],
];
/** Words before a noun that say its gender whatever the case; the rest ("dem", "des", "am") do not. */
const TELLING_ARTICLES: Record<string, NounArticle> = { das: 'das', zur: 'die', eine: 'die', einer: 'die' };
const DETERMINERS = /^(der|die|das|dem|den|des|ein|eine|einen|einem|einer|eines|am|im|zum|zur|vom|beim|ins)$/i;

const isCapitalized = (word: string) => /^\p{Lu}/u.test(word);

function genderFromEnding(noun: string): NounArticle | null {
  const lower = noun.toLocaleLowerCase('de-DE');
  return ENDINGS.find(([re]) => re.test(lower))?.[1] ?? null;
}

/** Whether `word` is written with a capital somewhere in `text` other than after a sentence end. */
function capitalizedMidSentence(word: string, text: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`[\\p{Ll},;:]\\s+${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

/**
 * @param term the selection, as selected
 * @param sentence the sentence it was selected from (to tell a noun from a sentence's first word)
 * @param text more text to look in (the article), for a capitalised first word
 */
export function guessBaseForm(term: string, sentence = '', text = ''): BaseFormGuess {
  const words = term.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { baseForm: '', isNoun: false, nounArticle: null };
  const atSentenceStart = sentence.trimStart().replace(/^[„"“‚'(«»\-–\s]+/, '').startsWith(words[0]);
  const nounLike = (word: string, first: boolean) =>
    isCapitalized(word) &&
    (!first || !atSentenceStart || genderFromEnding(word) !== null || capitalizedMidSentence(word, `${sentence} ${text}`));

  // "dem Weltraumbahnhof": the noun is the entry, the article a hint to its gender.
  if (words.length === 2 && DETERMINERS.test(words[0]) && nounLike(words[1], false)) {
    const noun = words[1].replace(/[^\p{L}\p{M}\p{N}-]/gu, '');
    return {
      baseForm: noun,
      isNoun: true,
      nounArticle: genderFromEnding(noun) ?? TELLING_ARTICLES[words[0].toLowerCase()] ?? null,
    };
  }
  const cleaned = words.map((w) => w.replace(/^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu, '')).filter(Boolean);
  if (cleaned.length === 1 && nounLike(cleaned[0], true)) {
    return { baseForm: cleaned[0], isNoun: true, nounArticle: genderFromEnding(cleaned[0]) };
  }
  const baseForm = cleaned.map((w, i) => (nounLike(w, i === 0) ? w : w.toLocaleLowerCase('de-DE'))).join(' ');
  return { baseForm, isNoun: false, nounArticle: null };
}
