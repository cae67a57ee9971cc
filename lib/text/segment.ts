// Splits an article's text into numbered blocks (heading, paragraph, caption, quote) and sentences.
import { splitSentences } from './sentences';

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

/** A caption's trailing credit: "... Wostotschny Bild: Mikhail Metzel, Sputnik/picture alliance". */
const CREDIT = /\s((?:Bild|Foto|Fotos|Grafik|Karte|Video|Quelle|Titelbild|Image|Photo)\s*:\s*[^.!?]*?)\s*$/;
const HEADING_MAX_CHARS = 120;
/** Longer paragraphs are cut at sentence ends into several blocks: easier to read beside the
 *  English, and each stays one small DeepL text (a request must stay under 128 KiB). */
export const MAX_BLOCK_CHARS = 5000;

function normalize(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\t]/g, ' ')
    .normalize('NFC');
}

/** True for a short line with no sentence-final punctuation (closing quotes aside). */
function looksLikeHeading(text: string): boolean {
  if (text.length > HEADING_MAX_CHARS || text.includes('\n')) return false;
  const end = text.replace(/["'“”„«»‹›)\]]+$/, '');
  return !/[.!?:;,…]$/.test(end);
}

function classify(raw: string): Omit<SegmentedBlock, 'n' | 'sentences'> {
  const heading = /^#{1,6}\s+(.+)$/s.exec(raw);
  if (heading) return { kind: 'heading', text: heading[1].replace(/\s*#+$/, '').trim() };
  if (/^>/.test(raw)) {
    return { kind: 'quote', text: raw.replace(/^>\s?/gm, '').replace(/\s*\n\s*/g, ' ').trim() };
  }
  const text = raw.replace(/\s*\n\s*/g, ' ').trim();
  const credit = CREDIT.exec(text);
  if (credit && text.length <= 400) {
    const caption = text.slice(0, credit.index).trim();
    if (caption && looksLikeHeading(caption)) return { kind: 'caption', text: caption, credit: credit[1].trim() };
  }
  if (looksLikeHeading(text)) return { kind: 'heading', text };
  return { kind: 'paragraph', text };
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
  const blocks = normalize(input)
    .split(/\n[ ]*\n/)
    .map((raw) => raw.trim())
    .filter((raw) => raw.length > 0)
    .flatMap((raw) => {
      const block = classify(raw);
      if (block.kind === 'heading' || block.kind === 'caption') return [{ ...block, sentences: [block.text] }];
      return chunkSentences(splitSentences(block.text)).map((sentences) => ({ ...block, text: sentences.join(' '), sentences }));
    });
  return blocks.map((block, i) => ({ n: i + 1, ...block }));
}
