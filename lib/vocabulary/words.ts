// One word of a German text as the reader's one-tap panel shows it: the dictionary's answer (lib/german)
// with the learner's status for it. Answered from memory and one indexed query: no DeepL, no writes.
import { AppError } from '../errors';
import { germanWordIn, lookupGermanWord, MAX_FORM_CHARS, type Gender, type GermanWord, type PartOfSpeech } from '../german';
import { guessBaseForm } from './base-form';
import { wordStatusOf, type WordStatusValue } from './word-status';

export interface WordAnswer {
  form: string;
  baseForm: string;
  partOfSpeech: PartOfSpeech;
  gender: Gender | null;
  plural: string | null;
  /** status === 'known'. */
  known: boolean;
  status: WordStatusValue;
}

export type WordLookup = { found: true; word: WordAnswer } | { found: false; form: string; guess: string };

/** The learner's answer for a word the dictionary knows. */
export async function wordAnswer(learnerId: string | null, word: GermanWord): Promise<WordAnswer> {
  const status = await wordStatusOf(learnerId, word.baseForm); // folded to its lemma key there
  const { form, baseForm, partOfSpeech, gender, plural } = word;
  return { form, baseForm, partOfSpeech, gender, plural, known: status === 'known', status };
}

/**
 * One word form, in its sentence (which tells a sentence start from a noun and gives a separable verb
 * its prefix; only its first 2,000 characters are read). Not one word (empty, too long, spaces, digits
 * only) → a bad_input AppError that says what to send; a word the dictionary lacks → found: false and
 * today's guess at its base form.
 */
export async function lookUpWordOrThrow(learnerId: string | null, form: string, sentence = ''): Promise<WordLookup> {
  if (form.trim() === '') throw new AppError('bad_input', 'Send one German word: /api/words/Präsidenten?sentence=…');
  if (form.length > MAX_FORM_CHARS) {
    throw new AppError('bad_input', `That is ${form.length} characters long; send one German word of at most ${MAX_FORM_CHARS} characters.`);
  }
  const word = germanWordIn(form);
  if (word === null) throw new AppError('bad_input', `"${form}" is not one German word: send letters only (inner hyphens allowed), without spaces.`);
  const found = lookupGermanWord(word, sentence);
  if (found) return { found: true, word: await wordAnswer(learnerId, found) };
  return { found: false, form: word, guess: guessBaseForm(word, sentence).baseForm };
}
