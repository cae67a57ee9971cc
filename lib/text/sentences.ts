// Splits German text into sentences: Intl.Segmenter, corrected for abbreviations and ordinals.
import { runAtOnce, type Steps } from './turns';
const segmenter = new Intl.Segmenter('de', { granularity: 'sentence' });

/** Abbreviations after which a period does not end a sentence (compared case-sensitively). */
const ABBREVIATIONS = new Set([
  'z.', 'B.', 'z.B.', 'd.', 'h.', 'd.h.', 'u.', 'a.', 'u.a.', 'o.', 'ä.', 'o.ä.', 's.', 'S.', 'Dr.', 'Prof.', 'Nr.',
  'Str.', 'St.', 'bzw.', 'ca.', 'vgl.', 'ggf.', 'evtl.', 'inkl.', 'zzgl.', 'Mio.', 'Mrd.', 'Tsd.', 'Jh.', 'Jhd.',
  'Abs.', 'Art.', 'Bd.', 'Hrsg.', 'Fr.', 'Hr.', 'Hrn.', 'Mr.', 'Mrs.', 'Ms.', 'sog.', 'v.', 'Chr.', 'n.', 'Abb.',
  'Tel.', 'geb.', 'gest.', 'bspw.', 'insb.', 'max.', 'min.', 'Min.', 'Std.', 'Sek.', 'rd.', 'Kap.', 'Jan.', 'Feb.',
  'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.', 'usw.', 'etc.', 'bzgl.', 'gem.', 'lt.', 'zit.', 'Gen.', 'Lt.', 'Kpt.',
]);

/** Abbreviations that commonly end a sentence too: only joined when a lower-case word follows. */
const SENTENCE_FINAL_ABBREVIATIONS = new Set(['usw.', 'etc.', 'Chr.', 'Jan.', 'Feb.', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.']);

const MONTHS =
  /^(Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b/;

/** The last token's opening quotes and brackets, which the rules look past: „z. B. */
const OPENING = '„"«»‚\'([';
/** How much of the last token is kept: more than the longest abbreviation, ordinal or street suffix. */
const TOKEN_TAIL = 16;

/** The white space of JavaScript's `\s` and `trim()`. */
export function isSpace(code: number): boolean {
  return (
    code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/**
 * The last white-space-separated token of a growing sentence, fed one ICU segment at a time: each
 * character is looked at once, however long the sentence grows (re-splitting the whole sentence at
 * every abbreviation made "B. B. B. …" quadratic). Keeps the token without its opening quotes, or
 * only its end when that is longer than any abbreviation.
 */
class LastToken {
  /** The token after its opening quotes: all of it when `whole`, else its last TOKEN_TAIL characters. */
  text = '';
  whole = true;
  /** The last character that is not white space is a period. */
  endsWithPeriod = false;
  private length = 0;
  private afterSpace = true;

  feed(part: string): void {
    let end = part.length;
    while (end > 0 && isSpace(part.charCodeAt(end - 1))) end--;
    if (end === 0) {
      if (part.length > 0) this.afterSpace = true;
      return;
    }
    let start = end;
    while (start > 0 && !isSpace(part.charCodeAt(start - 1))) start--;
    if (start > 0 || this.afterSpace) this.reset();
    this.append(part, start, end);
    this.afterSpace = end < part.length;
    this.endsWithPeriod = part[end - 1] === '.';
  }

  reset(): void {
    this.text = '';
    this.whole = true;
    this.length = 0;
    this.afterSpace = true;
    this.endsWithPeriod = false;
  }

  private append(part: string, start: number, end: number): void {
    while (this.length === 0 && start < end && OPENING.includes(part[start])) start++;
    this.length += end - start;
    this.text = (this.text + part.slice(Math.max(start, end - TOKEN_TAIL), end)).slice(-TOKEN_TAIL);
    this.whole = this.length <= TOKEN_TAIL;
  }
}

/** True when the period that ends the sentence so far does not end a sentence, given the text that follows. */
function continuesAfter(last: LastToken, next: string): boolean {
  const token = last.text;
  const nextStart = next.trimStart();
  const nextIsLower = /^[a-zäöüß]/.test(nextStart);
  // Compound street names: "Hauptstr. 5", "Marienpl. 1".
  if (/[a-zäöüß](?:str|pl)\.$/.test(token)) return /^\d/.test(nextStart) || nextIsLower;
  if (last.whole && ABBREVIATIONS.has(token)) {
    return !SENTENCE_FINAL_ABBREVIATIONS.has(token) || nextIsLower;
  }
  // Ordinals: "am 1. September", "der 2. Weltkrieg", "zum 3. Mal". A year ("im Jahr 2023.") ends a sentence.
  if (last.whole && /^\d{1,3}\.$/.test(token)) return nextIsLower || MONTHS.test(nextStart) || /^[A-ZÄÖÜ]/.test(nextStart);
  // Initials: "Kim J. Un", "Franz J. Strauß".
  if (last.whole && /^[A-ZÄÖÜ]\.$/.test(token)) return true;
  return nextIsLower;
}

/** V8's segmenter gets quadratic on long strings, so long text is fed to it in chunks. */
const CHUNK_CHARS = 2000;
const SENTENCE_END = /[.!?…]["'“”»«’)]*\s+/g;

/** ICU's sentence segments; long text is cut first after a sentence-final mark (else at a space).
 *  A step after each chunk. */
function* icuSegments(text: string): Steps<string[]> {
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + CHUNK_CHARS, text.length);
    if (end < text.length) {
      const window = text.slice(start, end);
      let cut = -1;
      for (const m of window.matchAll(SENTENCE_END)) cut = m.index + m[0].length;
      if (cut < CHUNK_CHARS / 4) cut = window.lastIndexOf(' ') + 1;
      if (cut > 0) end = start + cut;
      // An emoji (or any character beyond U+FFFF) is two UTF-16 units: never cut between them.
      else if (/[\ud800-\udbff]/.test(text[end - 1])) end -= 1;
    }
    for (const s of segmenter.segment(text.slice(start, end))) parts.push(s.segment);
    start = end;
    yield;
  }
  return parts;
}

/** The sentences of one block of German text, in order, trimmed; joined back they give the text. */
export function splitSentences(text: string): string[] {
  return runAtOnce(splitSentencesInSteps(text));
}

/** splitSentences as steps (see lib/text/turns.ts): a step after each chunk ICU reads. */
export function* splitSentencesInSteps(text: string): Steps<string[]> {
  const parts = yield* icuSegments(text);
  const sentences: string[] = [];
  const last = new LastToken();
  let current = '';
  for (let i = 0; i < parts.length; i++) {
    if (i % 1000 === 999) yield;
    current += parts[i];
    last.feed(parts[i]);
    const next = parts[i + 1];
    if (next !== undefined && last.endsWithPeriod && continuesAfter(last, next)) continue;
    const sentence = current.trim();
    if (sentence) sentences.push(sentence);
    current = '';
    last.reset();
  }
  return sentences;
}
