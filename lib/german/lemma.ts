// A word's lemma key: what marks, statuses and coverage compare words by (issue 16's shared definition).
import { guessGermanBaseForm } from './lookup';

/** The dictionary form of `form` (or today's guess for a form the dictionary lacks), lower-cased. */
export function lemmaKey(form: string, sentence?: string): string {
  return guessGermanBaseForm(form, sentence).toLocaleLowerCase('de-DE');
}
