// Looking up a selection in the reader: it must be text of the article (this is no open translation
// proxy), is translated with its sentence as context, and comes with the dictionary's answer for a word
// (lib/german) and a base-form guess.
import { db } from '../db';
import { AppError } from '../errors';
import { translatePhrase } from '../translation/translate-phrase';
import { logTranslationFailure } from '../translation/failures';
import { TRANSLATION_ERROR_LEARNER_MESSAGES, isTranslationError, type TranslationErrorCode } from '../translation/types';
import { germanWordIn, lookupGermanWord, type GermanWord } from '../german';
import { guessBaseForm, type BaseFormGuess } from './base-form';
import { findNoteForTerm } from './notes';
import { MAX_CONTEXT_CHARS, MAX_TERM_CHARS } from './limits';
import { normalizeLine } from './schemas';
import type { VocabularyNote } from './types';
import { wordAnswer, type WordAnswer } from './words';

export interface LookupRequest {
  slug: string;
  /** The paragraph (block number). */
  paragraph: number;
  /** Index of the sentence the selection starts in (a hint; the selection is searched around it). */
  sentence: number;
  text: string;
}

export interface LookupResult extends BaseFormGuess {
  term: string;
  /** The sentence(s) the selection comes from, sent to DeepL as context. */
  context: string;
  /** DeepL's translation, or null with `error` saying why there is none (in a learner's words) and `code`
   *  what kind of failure it is. */
  translation: string | null;
  error: string | null;
  code: TranslationErrorCode | null;
  /** The learner's note for this term, when they saved it already. */
  existing: VocabularyNote | null;
  /** The dictionary's answer for a one-word selection (as GET /api/words gives it); null for a phrase or a
   *  form the dictionary does not know. */
  word: WordAnswer | null;
}

/** The sentences (from the hinted one) that contain the selection, joined; null when it is not there. */
export function contextOf(sentences: readonly string[], hint: number, text: string): string | null {
  const target = normalizeLine(text);
  const starts = [hint, ...sentences.keys()].filter((i, k, all) => i >= 0 && i < sentences.length && all.indexOf(i) === k);
  for (const start of starts) {
    let joined = '';
    for (let end = start; end < sentences.length && end < start + 4; end++) {
      joined = normalizeLine(`${joined} ${sentences[end]}`);
      if (joined.includes(target)) return joined;
    }
  }
  return null;
}

/** The dictionary's base form, part of speech and gender where it knows the word (or the noun of "dem
 *  Weltraumbahnhof"); otherwise the guess from capitals, endings and articles. */
export function dictionaryGuess(term: string, context: string, allText: string): BaseFormGuess & { entry: GermanWord | null } {
  const guess = guessBaseForm(term, context, allText);
  const single = germanWordIn(term);
  const entry = lookupGermanWord(single ?? (guess.isNoun ? guess.baseForm : ''), context);
  if (!entry) return { ...guess, entry: null };
  const isNoun = entry.partOfSpeech === 'noun';
  return { baseForm: entry.baseForm, isNoun, nounArticle: isNoun ? (entry.gender ?? guess.nounArticle) : null, entry: single ? entry : null };
}

export async function lookUpSelection(learnerId: string | null, request: LookupRequest): Promise<LookupResult> {
  const term = normalizeLine(request.text).replace(/^[\s,.;:!?„“"»«()–-]+|[\s,.;:!?„“"»«()–-]+$/g, '');
  if (!term) throw new AppError('bad_input', 'Select a German word or phrase first.');
  if (term.length > MAX_TERM_CHARS) {
    throw new AppError('bad_input', `That selection is ${term.length} characters long; look up at most ${MAX_TERM_CHARS} at a time (a word or a phrase).`);
  }
  const article = await db.article.findUnique({ where: { slug: request.slug }, select: { id: true } });
  const block = article
    ? await db.block.findUnique({ where: { articleId_n: { articleId: article.id, n: request.paragraph } }, select: { sentences: true } })
    : null;
  if (!block) throw new AppError('not_found', 'That paragraph is not in this article any more. Reload the page.');
  const sentences = JSON.parse(block.sentences) as string[];
  const context = contextOf(sentences, request.sentence, term);
  if (context === null) throw new AppError('bad_input', `"${term}" is not in paragraph ${request.paragraph}. Select words of the German text.`);
  const clipped = context.length <= MAX_CONTEXT_CHARS ? context : context.slice(0, MAX_CONTEXT_CHARS);
  const allText = sentences.join(' ');
  let translation: string | null = null;
  let error: string | null = null;
  let code: TranslationErrorCode | null = null;
  try {
    translation = (await translatePhrase(term, clipped)).translation;
  } catch (e) {
    if (!isTranslationError(e)) throw e;
    // The panel is the learner's: what it means for them. The operator's fix goes to the log and /status.
    logTranslationFailure(e);
    error = TRANSLATION_ERROR_LEARNER_MESSAGES[e.code];
    code = e.code;
  }
  const existing = await findNoteForTerm(learnerId, term);
  const { entry, ...guess } = dictionaryGuess(term, clipped, allText);
  const word = entry && (await wordAnswer(learnerId, entry));
  return { term, context: clipped, translation, error, code, existing, ...guess, word };
}
