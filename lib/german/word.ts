// What counts as one German word form to look up. Pure (no data, no Node): the reader uses it in the
// browser to tell a word, which it asks GET /api/words about, from a phrase.
import { MAX_FORM_CHARS } from './types';

/** Letters, with inner hyphens ("UN-Beschlüsse"); checked only after the length. */
const WORD = /^[\p{L}\p{M}]+(?:-[\p{L}\p{M}\p{N}]+)*$/u;
const EDGE_PUNCTUATION = /^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu;

/** The word a form holds without its surrounding punctuation ("Präsidenten," → Präsidenten), or null when it
 *  is no single word: empty, over MAX_FORM_CHARS, or other than letters with inner hyphens. */
export function germanWordIn(form: string): string | null {
  if (form.length > MAX_FORM_CHARS * 2) return null;
  const word = form.replace(EDGE_PUNCTUATION, '');
  return word.length === 0 || word.length > MAX_FORM_CHARS || !WORD.test(word) ? null : word;
}
