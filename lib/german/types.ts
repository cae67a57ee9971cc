// What a look-up of one German word form answers, and the bounds on what it accepts.

export type PartOfSpeech = 'noun' | 'verb' | 'adjective' | 'adverb' | 'other';
export type Gender = 'der' | 'die' | 'das';

export interface GermanWord {
  /** The form as asked, without surrounding punctuation. */
  form: string;
  /** Dictionary form: nominative singular, infinitive (separable verbs joined), positive adjective. */
  baseForm: string;
  partOfSpeech: PartOfSpeech;
  /** Nouns only; null for other words and for nouns whose gender the data does not tell. */
  gender: Gender | null;
  /** Nominative plural of a noun; null for other words and nouns without a plural. */
  plural: string | null;
  /** How the answer was found: from the dictionary, from the last part of a compound the dictionary
   *  lacks ("Weltraumbahnhof" from "Bahnhof"), or from an adjective suffix ("nordkoreanische"). */
  source: 'dictionary' | 'compound' | 'suffix';
}

/** Longer forms are refused (null): no German word in the data is near this long. */
export const MAX_FORM_CHARS = 64;
/** Only this much of the sentence is read for a separable verb's prefix or the word before. */
export const MAX_SENTENCE_CHARS = 2000;
