// What a review card is, as the API and the /review page see it. Pure: the page imports it too.

/** The kinds of card a note can have, in the order the page lists them. */
export const CARD_KINDS = ['cloze', 'meaning', 'reverse', 'gender'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

export const KIND_LABELS: Record<CardKind, string> = {
  cloze: 'Sentence gaps (the word missing from the sentence you saved it from)',
  meaning: 'Meaning (German → English)',
  reverse: 'Reverse (English → German)',
  gender: 'Gender of nouns (der, die, das)',
};

/** The grades of ts-fsrs: 1 Again, 2 Hard, 3 Good, 4 Easy. */
export const GRADES = [1, 2, 3, 4] as const;
export type ReviewGrade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<ReviewGrade, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

/** ts-fsrs's card states by number. */
export type CardStateName = 'new' | 'learning' | 'review' | 'relearning';
export const STATE_NAMES: readonly CardStateName[] = ['new', 'learning', 'review', 'relearning'];

/** One card of the queue, with what the page shows on it. */
export interface ReviewCardView {
  id: string;
  noteId: string;
  kind: CardKind;
  /** ISO 8601. */
  due: string;
  state: CardStateName;
  /** The German as saved, its dictionary form, and der/die/das for a noun. */
  term: string;
  baseForm: string;
  nounArticle: 'der' | 'die' | 'das' | null;
  /** The dictionary form (else the term), with its article for a noun: "der Bahnhof". */
  german: string;
  translation: string;
  note: string;
  /** The saved sentence; for a cloze card also split around the term (`answer` is the term as written there). */
  sentence: string;
  cloze: { before: string; answer: string; after: string } | null;
  /** The English sentence aligned with the saved one, when the article's translation has it. */
  english: string | null;
  /** The paragraph the note was saved from (/a/{slug}/p/{n}), and the article's title. */
  link: string | null;
  articleTitle: string | null;
}

/** GET /api/review's answer. */
export interface ReviewQueue {
  due: number;
  cards: ReviewCardView[];
  kinds: CardKind[];
}

/** One day of the learner's history (their own calendar day, by the offset the page sends). */
export interface HistoryDay {
  /** YYYY-MM-DD. */
  day: string;
  reviews: number;
  /** Grades above Again among the reviews of cards that were in review (not new or learning). */
  recalled: number;
  /** Reviews of cards that were in review. */
  mature: number;
}
