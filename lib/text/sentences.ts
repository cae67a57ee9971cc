// Splits German text into sentences: Intl.Segmenter, corrected for abbreviations and ordinals.
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

function lastToken(segment: string): string {
  const tokens = segment.trimEnd().split(/\s+/);
  return tokens[tokens.length - 1] ?? '';
}

/** True when the period that ends `segment` does not end a sentence, given the text that follows. */
function continuesAfter(segment: string, next: string): boolean {
  const token = lastToken(segment).replace(/^[„"«»‚'(\[]+/, '');
  const nextStart = next.trimStart();
  const nextIsLower = /^[a-zäöüß]/.test(nextStart);
  // Compound street names: "Hauptstr. 5", "Marienpl. 1".
  if (/[a-zäöüß](?:str|pl)\.$/.test(token)) return /^\d/.test(nextStart) || nextIsLower;
  if (ABBREVIATIONS.has(token)) {
    return !SENTENCE_FINAL_ABBREVIATIONS.has(token) || nextIsLower;
  }
  // Ordinals: "am 1. September", "der 2. Weltkrieg", "zum 3. Mal". A year ("im Jahr 2023.") ends a sentence.
  if (/^\d{1,3}\.$/.test(token)) return nextIsLower || MONTHS.test(nextStart) || /^[A-ZÄÖÜ]/.test(nextStart);
  // Initials: "Kim J. Un", "Franz J. Strauß".
  if (/^[A-ZÄÖÜ]\.$/.test(token)) return true;
  return nextIsLower;
}

/** V8's segmenter gets quadratic on long strings, so long text is fed to it in chunks. */
const CHUNK_CHARS = 2000;
const SENTENCE_END = /[.!?…]["'“”»«’)]*\s+/g;

/** ICU's sentence segments; long text is cut first after a sentence-final mark (else at a space). */
function icuSegments(text: string): string[] {
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
  }
  return parts;
}

/** The sentences of one block of German text, in order, trimmed; joined back they give the text. */
export function splitSentences(text: string): string[] {
  const parts = icuSegments(text);
  const sentences: string[] = [];
  let current = '';
  for (let i = 0; i < parts.length; i++) {
    current += parts[i];
    const next = parts[i + 1];
    if (next !== undefined && /\.\s*$/.test(current) && continuesAfter(current, next)) continue;
    if (current.trim()) sentences.push(current.trim());
    current = '';
  }
  if (current.trim()) sentences.push(current.trim());
  return sentences;
}
