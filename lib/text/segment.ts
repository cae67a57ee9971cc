// Splits an article's text into numbered blocks (heading, paragraph, caption, quote) and sentences.
import { isSpace, splitSentencesInSteps } from './sentences';
import { runAtOnce, type Steps } from './turns';

export type BlockKind = 'heading' | 'paragraph' | 'caption' | 'quote';

export interface SegmentedBlock {
  /** 1-based position in the article; never changes once stored. */
  n: number;
  kind: BlockKind;
  /** German text of the block, without a caption's credit. */
  text: string;
  /** A photo credit such as "Bild: Name/Agency", kept verbatim and never translated. */
  credit?: string;
  sentences: string[];
}

/** Where a caption's trailing credit can start: "... Wostotschny Bild: Mikhail Metzel, Sputnik/picture alliance",
 *  "... am Hafen © Anna Beispiel", "... (c) Agentur". A credit runs from such a label to the end, with no
 *  sentence-final mark after it (see creditIn). */
const CREDIT_LABEL = /\s(?:(?:Bild|Foto|Fotos|Grafik|Karte|Video|Quelle|Titelbild|Image|Photo)\s*:|©|\([cC]\)\s)/g;
/** Only a short line can be a caption; longer text is not searched for a credit at all. */
const CAPTION_MAX_CHARS = 400;
const HEADING_MAX_CHARS = 120;
/** Longer paragraphs are cut at sentence ends into several blocks: easier to read beside the
 *  English, and each stays one small DeepL text (a request must stay under 128 KiB). */
export const MAX_BLOCK_CHARS = 5000;

/** Windows (CRLF) and old Mac (CR) line breaks as LF: what a browser's text field shows and counts. */
export function normalizeLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function normalize(text: string): string {
  return normalizeLineBreaks(text)
    .replace(/[\u00a0\t]/g, ' ')
    .normalize('NFC');
}

/** True for a short line with no sentence-final punctuation (closing quotes aside). */
function looksLikeHeading(text: string): boolean {
  if (text.length > HEADING_MAX_CHARS || text.includes('\n')) return false;
  const end = text.replace(/["'“”„«»‹›)\]]+$/, '');
  return !/[.!?:;,…]$/.test(end);
}

/** Line breaks inside a block as single spaces: each run of white space holding a line break
 *  becomes one space, in one pass (a pattern with white space on both sides of the line break was
 *  quadratic in a long run of spaces). */
function joinLines(text: string): string {
  return text.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run));
}

/** `text` without what `drop` says at its end (a loop: a regex like /#+$/ is quadratic in a long run). */
function trimEndWhile(text: string, drop: (code: number) => boolean): string {
  let end = text.length;
  while (end > 0 && drop(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}

/** A Markdown heading's text without closing hashes: "Titel ##" → "Titel". */
function headingText(raw: string): string {
  const withoutHashes = trimEndWhile(raw, (c) => c === 0x23 /* # */);
  return withoutHashes.length === raw.length ? raw.trim() : trimEndWhile(withoutHashes, isSpace).trim();
}

/** The credit that ends a short line, and where it starts: the first credit label after which no
 *  sentence ends (every character after its colon is looked at once). */
function creditIn(text: string): { index: number; credit: string } | null {
  if (text.length > CAPTION_MAX_CHARS) return null;
  const lastStop = Math.max(text.lastIndexOf('.'), text.lastIndexOf('!'), text.lastIndexOf('?'));
  for (const label of text.matchAll(CREDIT_LABEL)) {
    if (label.index + label[0].length - 1 > lastStop) return { index: label.index, credit: text.slice(label.index + 1).trim() };
  }
  return null;
}

/** A caption (a web page's figcaption) and the credit at its end, by the same rule as a pasted caption line:
 *  "Der Hafen am Morgen. Foto: Anna Beispiel/dpa" → text "Der Hafen am Morgen.", credit "Foto: Anna Beispiel/dpa".
 *  A caption that is only a credit has empty text. */
export function splitCaptionCredit(caption: string): { text: string; credit?: string } {
  const found = creditIn(` ${caption}`);
  if (!found) return { text: caption };
  return { text: caption.slice(0, Math.max(0, found.index - 1)).trim(), credit: found.credit };
}

function classify(raw: string): Omit<SegmentedBlock, 'n' | 'sentences'> {
  const heading = /^#{1,6}(?:\s+(.*))?$/s.exec(raw);
  if (heading) {
    const text = headingText(heading[1] ?? '');
    // A "heading" longer than a block is text a script marked up: it is read and cut as a paragraph.
    if (text.length <= MAX_BLOCK_CHARS) return { kind: 'heading', text };
    return { kind: 'paragraph', text: joinLines(text) };
  }
  if (/^>/.test(raw)) {
    return { kind: 'quote', text: joinLines(raw.replace(/^>\s?/gm, '')).trim() };
  }
  const text = joinLines(raw).trim();
  const credit = creditIn(text);
  if (credit) {
    const caption = text.slice(0, credit.index).trim();
    if (caption && looksLikeHeading(caption)) return { kind: 'caption', text: caption, credit: credit.credit };
  }
  if (looksLikeHeading(text)) return { kind: 'heading', text };
  return { kind: 'paragraph', text };
}

/** A Markdown heading line followed by more lines without a blank one: the heading, then the rest
 *  as a block of its own ("# Titel\nErster Absatz." is a heading and a paragraph). */
function splitHeadingLine(raw: string): string[] {
  const line = /^#{1,6}\s+\S[^\n]*/.exec(raw);
  if (!line || line[0].length === raw.length) return [raw];
  const rest = raw.slice(line[0].length).trim();
  return rest ? [line[0], rest] : [line[0]];
}

/** A sentence longer than MAX_BLOCK_CHARS in pieces: cut at the last space of each window, or,
 *  in a "word" without one, right at the limit (never inside a surrogate pair). Nothing is dropped. */
function cutLongSentence(sentence: string): string[] {
  const pieces: string[] = [];
  let rest = sentence;
  while (rest.length > MAX_BLOCK_CHARS) {
    const space = rest.lastIndexOf(' ', MAX_BLOCK_CHARS);
    let end = space > MAX_BLOCK_CHARS / 2 ? space : MAX_BLOCK_CHARS;
    if (end === MAX_BLOCK_CHARS && /[\ud800-\udbff]/.test(rest[end - 1])) end -= 1;
    pieces.push(rest.slice(0, end).trim());
    rest = rest.slice(end).trim();
  }
  return rest ? [...pieces, rest] : pieces;
}

/** Groups sentences into runs of at most MAX_BLOCK_CHARS (a longer sentence is cut, see cutLongSentence). */
function chunkSentences(sentences: string[]): string[][] {
  const pieces = sentences.flatMap((s) => (s.length <= MAX_BLOCK_CHARS ? [s] : cutLongSentence(s)));
  const chunks: string[][] = [[]];
  let size = 0;
  for (const piece of pieces) {
    if (size > 0 && size + piece.length + 1 > MAX_BLOCK_CHARS) {
      chunks.push([]);
      size = 0;
    }
    chunks[chunks.length - 1].push(piece);
    size += piece.length + 1;
  }
  return chunks;
}

/** Blocks are separated by blank lines; single line breaks inside a block are spaces. */
export function segmentArticle(input: string): SegmentedBlock[] {
  return runAtOnce(segmentArticleInSteps(input));
}

/** segmentArticle as steps (lib/text/turns.ts), so an import can run it in turns: a step after each
 *  block and inside long ones, none longer than a few milliseconds on any input. */
export function* segmentArticleInSteps(input: string): Steps<SegmentedBlock[]> {
  const raws = normalize(input)
    .split(/\n[ ]*\n/)
    .map((raw) => raw.trim())
    .filter((raw) => raw.length > 0)
    .flatMap(splitHeadingLine);
  yield;
  return yield* segmentBlocksInSteps(raws.map(classify));
}

/** A block whose kind is known already (a web page's structure), before it is split into sentences. */
export type DraftBlock = Omit<SegmentedBlock, 'n' | 'sentences'>;

/** Numbers the blocks and splits them into sentences, in steps: the one path every import's blocks take
 *  (pasted text after classify, web pages from lib/import/web-page.ts). A heading or caption is one
 *  sentence; one longer than a block is read as a paragraph. */
export function* segmentBlocksInSteps(drafts: DraftBlock[]): Steps<SegmentedBlock[]> {
  const blocks: Omit<SegmentedBlock, 'n'>[] = [];
  for (const draft of drafts) {
    if (!draft.text) continue; // only Markdown marks ("#", ">"): nothing to read or translate
    const oneSentence = (draft.kind === 'heading' || draft.kind === 'caption') && draft.text.length <= MAX_BLOCK_CHARS;
    if (oneSentence) blocks.push({ ...draft, sentences: [draft.text] });
    else {
      const block = draft.kind === 'quote' ? draft : { kind: 'paragraph' as const, text: draft.credit ? `${draft.text} ${draft.credit}` : draft.text };
      const sentences = yield* splitSentencesInSteps(block.text);
      for (const run of chunkSentences(sentences)) blocks.push({ ...block, text: run.join(' '), sentences: run });
    }
    yield;
  }
  return blocks.map((block, i) => ({ n: i + 1, ...block }));
}
