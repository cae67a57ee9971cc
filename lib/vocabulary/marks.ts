// Finds a learner's saved terms in German text: whole words, case-insensitive, by surface or base
// form. Pure (no Node or DOM), so the reader runs it in the browser and the benchmark in Node.

/** A run of letters, combining marks and digits: "Weltraumbahnhof", "Nordkoreas", "2023". The reader's
 *  tokens: the server's lemmas (lib/german/lemma.ts) come one per such token, in this order. */
export const WORD_PATTERN = '[\\p{L}\\p{M}\\p{N}]+';
const WORD = new RegExp(WORD_PATTERN, 'gu');

export interface Token {
  word: string;
  start: number;
  end: number;
}

interface Phrase {
  id: string;
  /** Lower-cased words after the first. */
  rest: string[];
  /** What stands between consecutive words ("-", " "), whitespace collapsed to one space. */
  gaps: string[];
}

/** Saved terms indexed by their first word, longest phrases first. */
export type TermMatcher = Map<string, Phrase[]>;

export interface Mark {
  start: number;
  end: number;
  /** The note whose term this is. */
  id: string;
}

// toLowerCase, not toLocaleLowerCase('de-DE'): the same mapping for every code point (only Turkish,
// Azeri and Lithuanian have their own), at a tenth of the cost (ICU per call: ~5 ms of the reader's marks).
const fold = (word: string) => word.toLowerCase();
const gap = (text: string) => text.replace(/\s+/g, ' ');

export function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(WORD), (m) => ({ word: fold(m[0]), start: m.index, end: m.index + m[0].length }));
}

/** Where each word of `text` starts and ends: the words a tap or the arrow keys choose between. */
export function wordSpans(text: string): Array<{ start: number; end: number }> {
  return Array.from(text.matchAll(WORD), (m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** The word at `offset` in `text` (a caret just after a word's last letter is in it), or null. */
export function wordAt(text: string, offset: number): { start: number; end: number } | null {
  return wordSpans(text).find((w) => w.start <= offset && offset <= w.end) ?? null;
}

/** The distinct words of texts, lower-cased as marks compare them. */
export function wordsIn(texts: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const text of texts) for (const token of tokenize(text)) words.add(token.word);
  return words;
}

/** The first word of a term, lower-cased ("" when it has none): a term can only occur where it does. */
export function firstWord(term: string): string {
  return tokenize(term)[0]?.word ?? '';
}

/** Builds the index once per set of notes; each note is found by its term and its base form. */
export function buildMatcher(notes: Iterable<{ id: string; term: string; baseForm: string }>): TermMatcher {
  const matcher: TermMatcher = new Map();
  for (const note of notes) {
    const forms = new Set([note.term, note.baseForm].filter(Boolean).map((f) => f.trim()));
    for (const form of forms) {
      const tokens = tokenize(form);
      if (tokens.length === 0) continue;
      const phrase: Phrase = {
        id: note.id,
        rest: tokens.slice(1).map((t) => t.word),
        gaps: tokens.slice(1).map((t, i) => gap(form.slice(tokens[i].end, t.start))),
      };
      const list = matcher.get(tokens[0].word);
      if (list) list.push(phrase);
      else matcher.set(tokens[0].word, [phrase]);
    }
  }
  for (const list of matcher.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  return matcher;
}

/** Every occurrence of a saved term in `text`, left to right, the longest term winning where they overlap. */
export function findMarks(text: string, matcher: TermMatcher, tokens?: readonly Token[]): Mark[] {
  if (matcher.size === 0) return [];
  tokens ??= tokenize(text);
  const marks: Mark[] = [];
  for (let i = 0; i < tokens.length; ) {
    const phrase = matcher.get(tokens[i].word)?.find((p) =>
      p.rest.every((word, k) => {
        const next = tokens[i + k + 1];
        return next?.word === word && gap(text.slice(tokens[i + k].end, next.start)) === p.gaps[k];
      }),
    );
    if (!phrase) {
      i++;
      continue;
    }
    const last = tokens[i + phrase.rest.length];
    marks.push({ start: tokens[i].start, end: last.end, id: phrase.id });
    i += phrase.rest.length + 1;
  }
  return marks;
}

/** Splits text into plain and marked pieces, for rendering. */
export function splitByMarks(text: string, marks: readonly Mark[]): Array<{ text: string; id?: string }> {
  const pieces: Array<{ text: string; id?: string }> = [];
  let at = 0;
  for (const m of marks) {
    if (m.start > at) pieces.push({ text: text.slice(at, m.start) });
    pieces.push({ text: text.slice(m.start, m.end), id: m.id });
    at = m.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}
