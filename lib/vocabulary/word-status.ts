// A learner's status for a word (issue 16's shared definition): known, learning (a note whose dictionary
// form is the word) or new. This version looks at notes only; the known-words table replaces it.
import { lemmaKey } from '../german/lemma';
import { notesStartingWith } from './notes';

export type WordStatus = 'new' | 'learning' | 'known';

/** The learner's status for a lemma key (`lemmaKey`); 'new' for no learner. */
export async function wordStatusOf(learnerId: string | null, lemma: string): Promise<WordStatus> {
  if (!learnerId || !lemma) return 'new';
  const notes = await notesStartingWith(learnerId, lemma);
  const learning = notes.some((n) => lemmaKey(n.baseForm || n.term, n.context) === lemma);
  return learning ? 'learning' : 'new';
}
