// What an import starts from (pasted text, a file, a web address) turned into an article to check and store:
// each source maps to the same blocks, then the one segmentation path (lib/articles/import-article.ts).
import { importArticleOrThrow, prepareArticleOrThrow, type ImportedArticle, type PreparedArticle, type StructuredArticleInput } from '../articles/import-article';
import { MAX_PAGE_BYTES } from '../articles/limits';
import type { ImportArticleInput } from '../articles/schemas';
import { readTextFileOrThrow } from '../articles/upload';
import { AppError } from '../errors';
import { parseImportUrlOrThrow } from '../net/address-check';
import { fetchPageOrThrow } from '../net/safe-fetch';
import { decodeHtml } from './html-charset';
import { extractArticleOrThrow } from './web-page';

/** An import as the API and the form receive it. A book (EPUB) will be a source of its own. */
export type ImportSource =
  | { kind: 'text'; title?: string; text: unknown }
  | { kind: 'url'; title?: string; url: string }
  | { kind: 'file'; title?: string; file: File };

interface Draft {
  input: ImportArticleInput | StructuredArticleInput;
  source?: string;
}

const TEXT_FILE = /\.(txt|md|markdown)$/i;
const HTML_FILE = /\.(html?|xhtml)$/i;

async function readHtmlFileOrThrow(file: File, title: string | undefined): Promise<Draft> {
  if (file.size > MAX_PAGE_BYTES) {
    throw new AppError('too_large', `"${file.name}" is ${(file.size / 1_000_000).toFixed(1)} MB: web pages can be at most ${MAX_PAGE_BYTES / 1_000_000} MB. Save only the article, or paste its text.`);
  }
  const page = await extractArticleOrThrow(decodeHtml(new Uint8Array(await file.arrayBuffer()), null), null);
  return { input: { title: title || page.title, blocks: page.blocks }, source: page.source ?? undefined };
}

async function draftOrThrow(source: ImportSource): Promise<Draft> {
  const title = source.title?.trim() ? source.title : undefined;
  if (source.kind === 'text') return { input: { title: source.title, text: source.text as string } };
  if (source.kind === 'url') {
    const page = await fetchPageOrThrow(parseImportUrlOrThrow(source.url));
    const article = await extractArticleOrThrow(decodeHtml(page.bytes, page.charset), page.url);
    return { input: { title: title ?? article.title, blocks: article.blocks }, source: article.source ?? undefined };
  }
  const { file } = source;
  if (/\.epub$/i.test(file.name)) {
    throw new AppError('unsupported_type', `EPUB import is not available yet: "${file.name}" was not imported. Paste a chapter's text, or upload it as .txt, .md or .html.`);
  }
  if (HTML_FILE.test(file.name)) return readHtmlFileOrThrow(file, title);
  if (!TEXT_FILE.test(file.name)) {
    throw new AppError('unsupported_type', `"${file.name}" is not a .txt or .md file: save the article as plain text first (or as a web page, .html).`);
  }
  return { input: { title: source.title, text: await readTextFileOrThrow(file) } };
}

export interface ImportPreview extends PreparedArticle {
  source: string | null;
}

/** What the import would store, stored nowhere: for the import form's preview and POST /api/articles/preview. */
export async function previewImportOrThrow(source: ImportSource): Promise<ImportPreview> {
  const draft = await draftOrThrow(source);
  return { ...(await prepareArticleOrThrow(draft.input)), source: draft.source ?? null };
}

/** Imports from any source; translation starts before the article is written (hand `translation` to after()). */
export async function importFromSourceOrThrow(source: ImportSource): Promise<ImportedArticle> {
  const draft = await draftOrThrow(source);
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
