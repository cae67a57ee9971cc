// The fonts of link-preview images: Noto Serif's subsets from the installed @fontsource package, read
// once. Nothing is downloaded at build or run time: satori (next/og) fetches a font from Google for any
// character its fonts lack, and an image for any emoji, so text is first cut to what these fonts draw.
import fs from 'node:fs/promises';
import path from 'node:path';
import { coveredCodePoints } from './font-coverage';

/** Latin first: satori tries the fonts in this order and draws a character with the first that has it. */
const SUBSETS = ['latin', 'latin-ext', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext', 'vietnamese', 'math'] as const;
const WEIGHTS = [400, 700] as const;
/** Stands for every run of characters no shipped font has (CJK, Thai, Arabic, emoji, ...). */
export const PLACEHOLDER = '\ufffd';

export interface PreviewFont {
  name: string;
  data: ArrayBuffer;
  weight: 400 | 700;
  style: 'normal';
}

interface PreviewFonts {
  fonts: PreviewFont[];
  /** Per subset, in satori's order: the code points both weights have. */
  coverage: Set<number>[];
}

let loaded: Promise<PreviewFonts> | undefined;

async function read(subset: (typeof SUBSETS)[number], weight: 400 | 700) {
  const file = path.join(process.cwd(), 'node_modules', '@fontsource', 'noto-serif', 'files', `noto-serif-${subset}-${weight}-normal.woff`);
  return fs.readFile(file);
}

async function load(): Promise<PreviewFonts> {
  const fonts: PreviewFont[] = [];
  const coverage: Set<number>[] = [];
  for (const subset of SUBSETS) {
    const files = await Promise.all(WEIGHTS.map((weight) => read(subset, weight)));
    // The card's family is "Noto Serif" (the Latin subset); the others are satori's fallbacks.
    const name = subset === 'latin' ? 'Noto Serif' : `Noto Serif ${subset}`;
    files.forEach((buffer, i) => {
      const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
      fonts.push({ name, data, weight: WEIGHTS[i], style: 'normal' });
    });
    const [regular, bold] = files.map(coveredCodePoints);
    coverage.push(new Set([...regular].filter((c) => bold.has(c))));
  }
  return { fonts, coverage };
}

export async function previewFonts(): Promise<PreviewFont[]> {
  loaded ??= load();
  return (await loaded).fonts;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** As satori decides: the first font that has the grapheme's first character must have all of it. */
function drawable(grapheme: string, coverage: Set<number>[]): boolean {
  const points = [...grapheme].map((c) => c.codePointAt(0)!);
  const font = coverage.find((set) => set.has(points[0]));
  return font !== undefined && points.every((p) => font.has(p));
}

/**
 * The text as the card can draw it with the shipped fonts alone: white space as single spaces, and
 * each run of characters no font has (and every emoji) as one visible PLACEHOLDER. Satori then finds
 * nothing missing and never calls its loader, which would fetch fonts and emoji from the internet.
 * Callers pass short text (the card holds a few hundred characters).
 */
export async function drawableText(text: string): Promise<string> {
  loaded ??= load();
  const { coverage } = await loaded;
  let out = '';
  for (const { segment } of graphemes.segment(text.normalize('NFC').replace(/\s+/g, ' '))) {
    if (drawable(segment, coverage)) out += segment;
    else if (!out.endsWith(PLACEHOLDER)) out += PLACEHOLDER;
  }
  return out;
}
