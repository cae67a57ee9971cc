// What an import starts from (pasted text, a file, a web address) turned into an article to check and store:
// each source maps to the same blocks, then the one segmentation path (lib/articles/import-article.ts).
import { importArticleOrThrow, prepareArticleOrThrow, type ImportedArticle, type PreparedArticle, type StructuredArticleInput } from '../articles/import-article';
import { importBookOrThrow, prepareBookOrThrow, type BookInput, type ImportedBook } from '../articles/import-book';
import { MAX_PAGE_BYTES } from '../articles/limits';
import type { ImportArticleInput } from '../articles/schemas';
import { readTextFileOrThrow } from '../articles/upload';
import { AppError } from '../errors';
import { parseImportUrlOrThrow } from '../net/address-check';
import { fetchPageOrThrow } from '../net/safe-fetch';
import { checkBookSizeOrThrow, readEpubOrThrow } from './epub';
import { decodeHtml } from './html-charset';
import { extractArticleOrThrow } from './web-page';

/** An import as the API and the form receive it: a file or an address may hold an EPUB book. */
export type ImportSource =
  | { kind: 'text'; title?: string; text: unknown }
  | { kind: 'url'; title?: string; url: string }
  | { kind: 'file'; title?: string; file: File };

type Draft =
  | { kind: 'article'; input: ImportArticleInput | StructuredArticleInput; source?: string }
  | { kind: 'book'; book: BookInput; title?: string };

const TEXT_FILE = /\.(txt|md|markdown)$/i;
const HTML_FILE = /\.(html?|xhtml)$/i;
const EPUB_FILE = /\.epub$/i;

async function readHtmlFileOrThrow(file: File, title: string | undefined): Promise<Draft> {
  if (file.size > MAX_PAGE_BYTES) {
    throw new AppError('too_large', `"${file.name}" is ${(file.size / 1_000_000).toFixed(1)} MB: web pages can be at most ${MAX_PAGE_BYTES / 1_000_000} MB. Save only the article, or paste its text.`);
  }
  const page = await extractArticleOrThrow(decodeHtml(new Uint8Array(await file.arrayBuffer()), null), null);
  return { kind: 'article', input: { title: title || page.title, blocks: page.blocks }, source: page.source ?? undefined };
}

async function draftOrThrow(source: ImportSource): Promise<Draft> {
  const title = source.title?.trim() ? source.title : undefined;
  if (source.kind === 'text') return { kind: 'article', input: { title: source.title, text: source.text as string } };
  if (source.kind === 'url') {
    const page = await fetchPageOrThrow(parseImportUrlOrThrow(source.url));
    if (page.isBook) return { kind: 'book', book: await readEpubOrThrow(new Uint8Array(page.bytes), page.url.pathname.split('/').pop() || page.url.host, page.url), title };
    const article = await extractArticleOrThrow(decodeHtml(page.bytes, page.charset), page.url);
    return { kind: 'article', input: { title: title ?? article.title, blocks: article.blocks }, source: article.source ?? undefined };
  }
  const { file } = source;
  if (EPUB_FILE.test(file.name)) {
    checkBookSizeOrThrow(file.size, file.name); // before a byte is read
    return { kind: 'book', book: await readEpubOrThrow(new Uint8Array(await file.arrayBuffer()), file.name), title };
  }
  if (HTML_FILE.test(file.name)) return readHtmlFileOrThrow(file, title);
  if (!TEXT_FILE.test(file.name)) {
    throw new AppError('unsupported_type', `"${file.name}" is not a .txt or .md file: save the article as plain text first (or as a web page, .html; a book as .epub).`);
  }
  return { kind: 'article', input: { title: source.title, text: await readTextFileOrThrow(file) } };
}

export interface ImportPreview extends PreparedArticle {
  source: string | null;
  /** "7 paragraphs, 2 headings", or for a book "12 chapters, 2,340 paragraphs, 30 headings". */
  summary: string;
  /** A book's chapters (its `blocks` are then the first chapter's). */
  chapters?: Array<{ n: number; title: string; blocks: number }>;
}

/** What the import would store, stored nowhere: for the import form's preview and POST /api/articles/preview. */
export async function previewImportOrThrow(source: ImportSource): Promise<ImportPreview> {
  const draft = await draftOrThrow(source);
  if (draft.kind === 'book') {
    const book = await prepareBookOrThrow(draft.book, draft.title);
    const all = book.chapters.flatMap((c) => c.blocks);
    return {
      title: book.title,
      source: book.source,
      blocks: book.chapters[0].blocks,
      summary: `${book.chapters.length.toLocaleString('en')} ${book.chapters.length === 1 ? 'chapter' : 'chapters'}, ${describeBlocks(all)}`,
      chapters: book.chapters.map((c, i) => ({ n: i + 1, title: c.title, blocks: c.blocks.length })),
    };
  }
  const prepared = await prepareArticleOrThrow(draft.input);
  return { ...prepared, source: draft.source ?? null, summary: describeBlocks(prepared.blocks) };
}

/** What an import made: an article (its translation started; hand it to after()), or a book and its chapters (nothing sent to DeepL). */
export type ImportedSource = ImportedArticle & { chapters?: ImportedBook['chapters'] };

/** Imports from any source; an article's translation starts before it is written, a book's chapters wait to be opened. */
export async function importFromSourceOrThrow(source: ImportSource): Promise<ImportedSource> {
  const draft = await draftOrThrow(source);
  if (draft.kind === 'book') return importBookOrThrow(await prepareBookOrThrow(draft.book, draft.title));
  return importArticleOrThrow(draft.input, { translate: true, source: draft.source });
}

/** Counts for a preview: "14 paragraphs, 2 headings, 1 caption". */
export function describeBlocks(blocks: PreparedArticle['blocks']): string {
  const count = (kind: string) => blocks.filter((b) => b.kind === kind).length;
  const parts = [
    [count('paragraph'), 'paragraph', 'paragraphs'],
    [count('heading'), 'heading', 'headings'],
    [count('caption'), 'caption', 'captions'],
    [count('quote'), 'quote', 'quotes'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`)
    .join(', ');
}
