// An EPUB book read into chapters of blocks. The zip and the package (container, OPF, spine, table of contents,
// DRM, well-formedness) are read on a worker (epub-worker.cjs); here each chapter's XHTML is mapped to blocks
// as a web page's article is (web-page.ts), one chapter per turn of the event loop. Footnotes, note
// references, pictures and the book's CSS are dropped; chapter titles are kept.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DOMParser, parseHTML } from 'linkedom';
import { AppError } from '../errors';
import {
  MAX_ARTICLE_BLOCKS,
  MAX_ARTICLE_CHARS,
  MAX_BOOK_BLOCKS,
  MAX_BOOK_BYTES,
  MAX_BOOK_CHAPTERS,
  MAX_BOOK_CHARS,
  MAX_BOOK_ENTRIES,
  MAX_BOOK_ENTRY_BYTES,
  MAX_BOOK_INFLATED_BYTES,
  MAX_BOOK_RATIO,
  MAX_TITLE_CHARS,
} from '../articles/limits';
import type { DraftBlock } from '../text/segment';
import { collectBlocks } from './web-page';
import { runWorkerOrThrow } from './worker-run';

export interface BookChapter {
  title: string;
  blocks: DraftBlock[];
}

export interface ParsedBook {
  title: string;
  source: string | null;
  chapters: BookChapter[];
}

/** How long the worker may read one book, and how many books are read at once on one server. */
const BOOK_TIME_MS = 20_000;
const MAX_BOOK_READERS = 2;
/** epub:type and ARIA roles of notes and of the links to them: dropped with the element. */
const NOTE_TYPE = /\b(?:footnotes?|endnotes?|rearnotes?|noteref|notes?|annotation|backlink)\b/i;
const NOTE_ROLE = /\bdoc-(?:noteref|footnote|endnotes?|backlink)\b/i;

type WorkerAnswer =
  | { ok: { title: string | null; creator: string | null; chapters: Array<{ path: string; title: string | null; xhtml: string }> } }
  | { refused: 'not-zip' | 'corrupt' | 'not-epub' | 'drm' | 'bomb' | 'entries' | 'chapters' | 'broken'; detail: { name?: string; path?: string; title?: string | null; problem?: string; count?: number } }
  | { error: string };

function refusalOf(answer: Extract<WorkerAnswer, { refused: string }>, name: string): AppError {
  const { detail } = answer;
  switch (answer.refused) {
    case 'not-zip':
      return new AppError('unsupported_type', `"${name}" is not an EPUB book (it is not even a zip file): export the book as EPUB, or upload its text as .txt, .md or .html.`);
    case 'corrupt':
      return new AppError('bad_input', `"${name}" is damaged: ${detail.name ? `"${detail.name}" inside it` : 'its zip structure'} cannot be read. Download or export the book again.`);
    case 'not-epub':
      return new AppError('unsupported_type', `"${name}" is a zip file but not an EPUB book (it has no "mimetype" of application/epub+zip, no META-INF/container.xml or no package file): export the book as EPUB.`);
    case 'drm':
      return new AppError('unsupported_type', `"${name}" is protected by DRM (its META-INF/encryption.xml or rights.xml locks the text): only DRM-free books can be imported, such as public-domain ones.`);
    case 'bomb':
      return new AppError('too_large', `"${name}" unpacks to far more than a book (${detail.name ? `"${detail.name}" alone passes` : 'its contents pass'} ${MAX_BOOK_ENTRY_BYTES / 1_000_000} MB, or grows over ${MAX_BOOK_RATIO}× its packed size): it was not unpacked. Check where the file came from.`);
    case 'entries':
      return new AppError('too_large', `"${name}" has more than ${MAX_BOOK_ENTRIES.toLocaleString('en')} files inside: that is not a book this app can import.`);
    case 'chapters':
      return new AppError('too_large', `"${name}" has more than ${MAX_BOOK_CHAPTERS.toLocaleString('en')} chapters: split the book, or import the chapters you need as text.`);
    case 'broken':
      return new AppError(
        'bad_input',
        `Chapter ${detail.title ? `"${detail.title}" ` : ''}(${detail.path}) of "${name}" is not well-formed XHTML: ${detail.problem}. Repair the book (for example with Calibre's "Check book" or Sigil) and import it again.`,
      );
  }
}

/** The worker's reading of the book, terminated past BOOK_TIME_MS; at most MAX_BOOK_READERS at once. */
async function readInWorkerOrThrow(bytes: Uint8Array, name: string): Promise<Extract<WorkerAnswer, { ok: unknown }>['ok']> {
  const answer = await runWorkerOrThrow<WorkerAnswer>({
    file: 'epub-worker.cjs',
    workerData: {
      bytes,
      limits: { maxEntries: MAX_BOOK_ENTRIES, maxEntryBytes: MAX_BOOK_ENTRY_BYTES, maxInflatedBytes: MAX_BOOK_INFLATED_BYTES, maxRatio: MAX_BOOK_RATIO, maxChapters: MAX_BOOK_CHAPTERS },
    },
    max: MAX_BOOK_READERS,
    busy: 'Other books are being read for an import right now: try again in a few seconds.',
    timeMs: BOOK_TIME_MS,
    tooLong: () => new AppError('too_large', `"${name}" took longer than ${BOOK_TIME_MS / 1000} seconds to read: it is too large or too complex. Split the book, or import its chapters as text.`),
    what: 'book',
  });
  if ('refused' in answer) throw refusalOf(answer, name);
  if ('error' in answer) throw new Error(`Reading the book failed: ${answer.error}`);
  return answer.ok;
}

function isNote(el: Element): boolean {
  const name = el.localName.toLowerCase();
  if (name === 'aside') return true;
  for (const attribute of el.attributes) {
    const attr = attribute.name.toLowerCase();
    if ((attr === 'epub:type' || attr.endsWith(':type') || attr === 'type') && name !== 'ol' && name !== 'ul' && NOTE_TYPE.test(attribute.value)) return true;
    if (attr === 'role' && NOTE_ROLE.test(attribute.value)) return true;
  }
  // A reference written as a superscript link ("Text<sup><a href="#fn1">1</a></sup>").
  if (name === 'sup' && el.querySelector('a[href]') && (el.textContent ?? '').trim().length <= 4) return true;
  if (name === 'a' && (el.getAttribute('href') ?? '').includes('#')) {
    // The length first: the marker pattern backtracks quadratically over a long run of "*" (a link of
    // 20,000 took half a second on the request's thread), and a note's marker is a few characters.
    const text = (el.textContent ?? '').trim();
    return text.length <= MAX_MARKER_CHARS && NOTE_MARKER.test(text);
  }
  return false;
}

/** A note reference's text: "1", "[12]", "*", "†)". */
const NOTE_MARKER = /^\W*[\d*†‡§]{1,3}\W*$/;
const MAX_MARKER_CHARS = 8;

/** HTML's named entities (`&nbsp;`, `&mdash;`), which XHTML books often use though XML knows only five. */
const NAMED_ENTITY = /&([A-Za-z][A-Za-z0-9]{1,31});/g;
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const entityText = new Map<string, string>();

/** The entity's character(s) as an HTML parser reads them, or the entity kept as visible text when HTML has no such one. */
function htmlEntity(name: string): string {
  let text = entityText.get(name);
  if (text === undefined) {
    const decoded = parseHTML(`<p>&${name};</p>`).document.querySelector('p')?.textContent ?? '';
    text = decoded === `&${name};` ? `&amp;${name};` : decoded.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
    if (entityText.size < 2_000) entityText.set(name, text);
  }
  return text;
}

/** A chapter's body without its notes, note references, pictures (web-page.ts skips those) and styles. */
function chapterBody(xhtml: string): Element | null {
  const source = xhtml.replace(NAMED_ENTITY, (whole, name: string) => (XML_ENTITIES.has(name) ? whole : htmlEntity(name)));
  const doc = new DOMParser().parseFromString(source, 'text/xml');
  const body = [...doc.querySelectorAll('*')].find((el) => el.localName.toLowerCase().replace(/^.*:/, '') === 'body') as Element | undefined;
  if (!body) return null;
  for (const el of [...body.querySelectorAll('*')]) if (el.isConnected && isNote(el as Element)) el.remove();
  return body;
}

function headingText(blocks: DraftBlock[]): string | null {
  const heading = blocks.find((b) => b.kind === 'heading');
  return heading ? heading.text.slice(0, MAX_TITLE_CHARS) : null;
}

/** A chapter longer than an article may be is stored as parts "Title (2)", "Title (3)"… of at most the article limits. */
function splitChapter(title: string, blocks: DraftBlock[]): BookChapter[] {
  const parts: DraftBlock[][] = [[]];
  let chars = 0;
  for (const block of blocks) {
    const size = block.text.length + (block.credit?.length ?? 0);
    const current = parts[parts.length - 1];
    // Some room for a leading heading and the split of paragraphs over 5,000 characters (lib/text/segment).
    if (current.length > 0 && (current.length >= MAX_ARTICLE_BLOCKS / 2 || chars + size > MAX_ARTICLE_CHARS * 0.9)) {
      parts.push([]);
      chars = 0;
    }
    parts[parts.length - 1].push(block);
    chars += size;
  }
  if (parts.length === 1) return [{ title, blocks }];
  return parts.map((part, i) => ({ title: `${title.slice(0, MAX_TITLE_CHARS - 6)} (${i + 1})`, blocks: part }));
}

/** The one check of a book's size, for an upload before it is read and for the bytes read. */
export function checkBookSizeOrThrow(size: number, name: string): void {
  if (size > MAX_BOOK_BYTES) {
    throw new AppError('too_large', `"${name}" is ${(size / 1_000_000).toFixed(1)} MB: books can be at most ${MAX_BOOK_BYTES / 1_000_000} MB. Remove its pictures (Calibre can) or split it.`);
  }
}

/**
 * The book in an EPUB file: title, source line and chapters of blocks, or an AppError that says what is
 * wrong (not an EPUB, DRM, a zip bomb, too large, broken XHTML naming the chapter). `name` is the file's
 * name or address as the messages show it; `address` the page it was fetched from, for the source line.
 */
export async function readEpubOrThrow(bytes: Uint8Array, name: string, address: URL | null = null): Promise<ParsedBook> {
  checkBookSizeOrThrow(bytes.length, name);
  const read = await readInWorkerOrThrow(bytes, name);
  const chapters: BookChapter[] = [];
  let chars = 0;
  let blockCount = 0;
  for (const [i, chapter] of read.chapters.entries()) {
    if (i > 0) await nextTurn(); // one chapter per turn: readers are served between them
    const body = chapterBody(chapter.xhtml);
    if (!body) continue;
    const blocks = collectBlocks(body, {
      maxChars: MAX_BOOK_CHARS - chars,
      maxBlocks: MAX_BOOK_BLOCKS - blockCount,
      tooLarge: (what) =>
        new AppError(
          'too_large',
          `"${name}" has more than ${what === 'chars' ? `${MAX_BOOK_CHARS.toLocaleString('en')} characters` : `${MAX_BOOK_BLOCKS.toLocaleString('en')} paragraphs`} of text: split the book, or import the chapters you need as text.`,
        ),
    });
    // A page without running text (a cover, a title page of one heading) is no chapter.
    if (!blocks.some((b) => b.kind === 'paragraph' || b.kind === 'quote')) continue;
    chars += blocks.reduce((sum, b) => sum + b.text.length + (b.credit?.length ?? 0), 0);
    blockCount += blocks.length;
    const title = (chapter.title || headingText(blocks) || `Part ${chapters.length + 1}`).slice(0, MAX_TITLE_CHARS);
    chapters.push(...splitChapter(title, blocks));
  }
  if (chapters.length === 0) throw new AppError('bad_input', `"${name}" has no chapter with text: check that it is the book itself, not a sample of pictures.`);
  if (chapters.length > MAX_BOOK_CHAPTERS) {
    throw new AppError('too_large', `"${name}" has more than ${MAX_BOOK_CHAPTERS.toLocaleString('en')} chapters: split the book, or import the chapters you need as text.`);
  }
  const title = (read.title || name.replace(/\.epub$/i, '')).slice(0, MAX_TITLE_CHARS);
  const where = address ? `${address.origin}${address.pathname}${address.search}` : null;
  const parts = [read.creator, where].filter(Boolean);
  return { title, source: parts.length > 0 ? parts.join(' · ') : null, chapters };
}
