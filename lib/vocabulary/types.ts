// What a vocabulary note is, as the API, the pages and the exports see it.

export const NOUN_ARTICLES = ['der', 'die', 'das'] as const;
export type NounArticle = (typeof NOUN_ARTICLES)[number];

export interface VocabularyNote {
  id: string;
  /** The German as selected. */
  term: string;
  /** Dictionary form; "" when not given. */
  baseForm: string;
  /** Lemma key of the dictionary form (or of the term without one): the reader marks every form of it. */
  lemma: string;
  /** der/die/das for a noun, else null. */
  nounArticle: NounArticle | null;
  translation: string;
  note: string;
  /** The sentence the term was saved from; "" when unknown. */
  context: string;
  articleSlug: string | null;
  articleTitle: string | null;
  /** The paragraph (block number) it was saved from, for links back (/a/{slug}/p/{n}). */
  paragraph: number | null;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
}

/** The fields a learner (or a CSV row) supplies; everything but `term` is optional. */
export interface NoteInput {
  term: string;
  translation?: string;
  baseForm?: string;
  nounArticle?: NounArticle | null;
  note?: string;
  context?: string;
  articleSlug?: string | null;
  articleTitle?: string | null;
  paragraph?: number | null;
  /** Kept when a note comes back from an export or an undo. */
  createdAt?: string;
}

/** The few fields the reader needs to mark a saved term and show it on pointing. */
export type MarkNote = Pick<VocabularyNote, 'id' | 'term' | 'baseForm' | 'lemma' | 'nounArticle' | 'translation' | 'note'>;
