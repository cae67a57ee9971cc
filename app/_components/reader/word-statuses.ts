// The reader's word statuses, worked out in the browser from what GET /api/vocabulary/marks answers: the
// lemma key of every word of the article (by paragraph and sentence), the learner's notes with their lemma
// keys, and the lemmas they marked known. Plain functions over arrays: a few milliseconds for an article.
import { tokenize } from '@/lib/vocabulary/marks';
import type { MarkNote } from '@/lib/vocabulary/types';

export const NEW = 0;
export const LEARNING = 1;
export const KNOWN = 2;

export interface ArticleWordsAnswer {
  words: { lemmas: string[]; blocks: Array<{ n: number; sentences: number[][] }> };
  known: string[];
}

export interface ReaderWords {
  lemmas: string[];
  index: Map<string, number>;
  blocks: ArticleWordsAnswer['words']['blocks'];
  /** "n:i" → lemma index of each token of sentence i of paragraph n (-1: no running word). */
  bySentence: Map<string, number[]>;
}

export function indexWords(words: ArticleWordsAnswer['words']): ReaderWords {
  const bySentence = new Map<string, number[]>();
  for (const block of words.blocks) block.sentences.forEach((ids, i) => bySentence.set(`${block.n}:${i}`, ids));
  return { lemmas: words.lemmas, index: new Map(words.lemmas.map((l, i) => [l, i])), blocks: words.blocks, bySentence };
}

/** Each lemma's status and the note (if any) whose lemma it is. */
export function wordStatuses(words: ReaderWords | null, notes: Iterable<MarkNote>, known: ReadonlySet<string>): { status: Uint8Array; noteOf: Array<string | undefined> } {
  const status = new Uint8Array(words?.lemmas.length ?? 0);
  const noteOf = new Array<string | undefined>(status.length);
  if (!words) return { status, noteOf };
  for (const note of notes) {
    const i = words.index.get(note.lemma);
    if (i === undefined || noteOf[i]) continue;
    noteOf[i] = note.id;
    status[i] = LEARNING;
  }
  for (const lemma of known) {
    const i = words.index.get(lemma);
    if (i !== undefined) status[i] = KNOWN;
  }
  return { status, noteOf };
}

/** Running words of the article (or of paragraphs from..to) and the share known or learning, in whole percent rounded down. */
export function coverageOf(words: ReaderWords, status: Uint8Array, range?: { from: number; to: number }): { words: number; percent: number } {
  let total = 0;
  let covered = 0;
  for (const block of words.blocks) {
    if (range && (block.n < range.from || block.n > range.to)) continue;
    for (const ids of block.sentences) {
      for (const i of ids) {
        if (i < 0) continue;
        total++;
        if (status[i] !== NEW) covered++;
      }
    }
  }
  return { words: total, percent: total === 0 ? 100 : Math.floor((100 * covered) / total) };
}

/** The lemma keys of paragraph n's words that are still new ("mark the rest of this paragraph known"). */
export function newLemmasOf(words: ReaderWords, status: Uint8Array, n: number): string[] {
  const found = new Set<string>();
  for (const block of words.blocks) {
    if (block.n !== n) continue;
    for (const ids of block.sentences) for (const i of ids) if (i >= 0 && status[i] === NEW) found.add(words.lemmas[i]);
  }
  return [...found];
}

/** The lemma key of a one-word selection in a sentence of the reader; null for a phrase or a word not found. */
export function lemmaAt(words: ReaderWords | null, source: { paragraph: number; sentence: number }, term: string): string | null {
  if (!words || typeof document === 'undefined') return null;
  const wanted = tokenize(term);
  if (wanted.length !== 1) return null;
  const ids = words.bySentence.get(`${source.paragraph}:${source.sentence}`);
  const text = document.querySelector(`section[data-row="${source.paragraph}"] .cell.de .s[data-s="${source.sentence}"]`)?.textContent ?? '';
  const tokens = tokenize(text);
  if (!ids || tokens.length !== ids.length) return null;
  const j = tokens.findIndex((t) => t.word === wanted[0].word);
  return j >= 0 && ids[j] >= 0 ? words.lemmas[ids[j]] : null;
}
