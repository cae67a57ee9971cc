// Which cards a note has, and what each shows: pure, from the note's own fields. The dictionary form and
// gender are the note's, which lib/german fills on save and for older notes (lib/words/backfill.ts).
import { buildMatcher, findMarks } from '../vocabulary/marks';
import type { CardKind } from './types';

/** The fields of a note that decide its cards. */
export interface CardSource {
  term: string;
  baseForm: string;
  nounArticle: string | null;
  translation: string;
  context: string;
}

/** Where the term stands in the saved sentence (its first occurrence, whole words, any case), or null. */
export function clozeOf(note: Pick<CardSource, 'term' | 'context'>): { before: string; answer: string; after: string } | null {
  if (!note.context || !note.term.trim()) return null;
  const [mark] = findMarks(note.context, buildMatcher([{ id: 'term', term: note.term, baseForm: '' }]));
  if (!mark) return null;
  return { before: note.context.slice(0, mark.start), answer: note.context.slice(mark.start, mark.end), after: note.context.slice(mark.end) };
}

/**
 * The kinds of card a note has: a cloze when its sentence holds the term, meaning and reverse when it has
 * an English translation, gender when it is a noun (der/die/das). A note edited loses the cards that no
 * longer apply and gains the ones that now do.
 */
export function kindsForNote(note: CardSource): CardKind[] {
  const kinds: CardKind[] = [];
  if (clozeOf(note)) kinds.push('cloze');
  if (note.translation.trim()) kinds.push('meaning', 'reverse');
  if (note.nounArticle === 'der' || note.nounArticle === 'die' || note.nounArticle === 'das') kinds.push('gender');
  return kinds;
}

/** The German a card shows or asks for: the dictionary form (else the term), with the article of a noun. */
export function germanWithArticle(note: Pick<CardSource, 'term' | 'baseForm' | 'nounArticle'>): string {
  const german = note.baseForm || note.term;
  return note.nounArticle ? `${note.nounArticle} ${german}` : german;
}
