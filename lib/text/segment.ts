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

/** Blocks are separated by blank lines; single line breaks inside a block are spaces. */
export function segmentArticle(input: string): SegmentedBlock[] {
  return normalize(input)
    .split(/\n[ ]*\n/)
    .map((raw) => raw.trim())
    .filter((raw) => raw.length > 0)
    .map((raw, i) => {
      const block = classify(raw);
      const sentences = block.kind === 'heading' || block.kind === 'caption' ? [block.text] : splitSentences(block.text);
      return { n: i + 1, ...block, sentences };
    });
}
