// Reader-mode extraction of a web page's article (Mozilla's Readability over linkedom's DOM, server only),
// mapped to our blocks: h1 the title, h2–h6 headings, figure captions with their credit, blockquotes
// quotes, list items and paragraphs paragraphs. Images, scripts, forms and the page's chrome are dropped.
import { parseHTML } from 'linkedom';
import { AppError } from '../errors';
import { MAX_ARTICLE_BLOCKS, MAX_ARTICLE_CHARS, MAX_TITLE_CHARS } from '../articles/limits';
import { INVISIBLE, removeControls, replaceLoneSurrogates } from '../text/invisible';
import { splitCaptionCredit, type DraftBlock } from '../text/segment';
import { runWorkerOrThrow } from './worker-run';

export interface ExtractedArticle {
  /** The page's h1 (else its <title> as Readability reads it); undefined when it has neither. */
  title?: string;
  /** "Byline · Site · address" (whichever are known), or null. */
  source: string | null;
  blocks: DraftBlock[];
}

/** Elements a page may have before Readability is asked: a long news page has 3,000–10,000. */
export const MAX_PAGE_ELEMENTS = 30_000;
/** Nesting a page may have (real pages: 20–60 levels); Readability is quadratic in it. */
export const MAX_PAGE_DEPTH = 150;
/** How long Readability may read one page (on its worker) before the import is refused. */
const READER_TIME_MS = 8_000;
/** Pages read at once on one server: each worker may use a few hundred MB on a hostile page. */
const MAX_READERS = 2;
/** Less paragraph text than this is a page without an article (a start page, a log-in form, an error page). */
export const MIN_ARTICLE_CHARS = 100;
/** Nesting deeper than this is read as text (no page's article is this deep; it bounds the walk's stack). */
const MAX_DEPTH = 100;
const MAX_SOURCE_PART_CHARS = 200;
const MAX_CREDIT_ELEMENTS = 8;

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'img', 'picture', 'video', 'audio', 'iframe', 'canvas', 'object', 'embed', 'source', 'track', 'map', 'button', 'input', 'select', 'textarea', 'form', 'nav', 'head']);
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'pre', 'address', 'hr', 'br', 'details', 'summary', 'center']);
/**
 * The credit of a figure is the text of an element inside it marked as one: a class or itemprop naming a
 * credit, copyright, photographer or source ("credit", "image-copyright", "bildnachweis", itemprop
 * "copyrightHolder"). Without one, the caption's trailing "Foto: …", "Bild: …", "© …" or "(c) …" is
 * (lib/text/segment.ts, splitCaptionCredit). Either way it is kept verbatim and never translated.
 */
const CREDIT_MARK = /credit|copyright|bildnachweis|bildquelle|urheber|fotograf|photographer/i;

/** Text as stored: invisible and control characters out, halves of characters replaced, white space single. */
function clean(text: string): string {
  return replaceLoneSurrogates(removeControls(text.replace(INVISIBLE, ''))).replace(/\s+/g, ' ').trim();
}

type El = Element;

/** The element's name in lower case (Readability makes its wrappers as "DIV", which linkedom keeps). */
function tagOf(el: El): string {
  return el.localName.toLowerCase();
}

/** A byline left in the content (Readability leaves it when the page's metadata named the author too): it is in the source line. */
function isByline(el: El): boolean {
  return /(?:^|\s)byline(?:\s|$)/i.test(el.getAttribute('class') ?? '') && (el.textContent ?? '').length <= 200;
}

function isCredit(el: El): boolean {
  return CREDIT_MARK.test(el.getAttribute('class') ?? '') || CREDIT_MARK.test(el.getAttribute('itemprop') ?? '');
}

/** An element's text with a space where a block element or line break separates words (textContent runs them together). */
function textOf(root: Node): string {
  const parts: string[] = [];
  const stack: Array<Node | ' '> = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === ' ') parts.push(' ');
    else if (node.nodeType === 3) parts.push(node.nodeValue ?? '');
    else if (node.nodeType === 1) {
      const tag = tagOf(node as El);
      if (SKIP.has(tag)) continue;
      const block = BLOCK.has(tag);
      if (block) stack.push(' ');
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]);
      if (block) stack.push(' ');
    }
  }
  return clean(parts.join(''));
}

/** How much a walk may collect before it stops with `tooLarge`'s error. */
export interface BlockLimits {
  maxChars: number;
  maxBlocks: number;
  tooLarge: (what: 'chars' | 'blocks') => AppError;
}

const PAGE_LIMITS: BlockLimits = {
  maxChars: MAX_ARTICLE_CHARS,
  maxBlocks: MAX_ARTICLE_BLOCKS,
  tooLarge: (what) =>
    new AppError(
      'too_large',
      what === 'chars'
        ? `The article on this page has more than ${MAX_ARTICLE_CHARS.toLocaleString('en')} characters: import it in parts (paste each part's text).`
        : `The article on this page has more than ${MAX_ARTICLE_BLOCKS.toLocaleString('en')} paragraphs: import it in parts (paste each part's text).`,
    ),
};

/** Collects blocks, refusing as soon as the page holds more than an article may (the walk stops there). */
class Collector {
  readonly blocks: DraftBlock[] = [];
  private chars = 0;

  constructor(readonly limits: BlockLimits = PAGE_LIMITS) {}

  add(kind: DraftBlock['kind'], text: string, credit?: string): void {
    if (!text) return;
    this.chars += text.length + (credit?.length ?? 0);
    if (this.chars > this.limits.maxChars) throw this.limits.tooLarge('chars');
    if (this.blocks.length >= this.limits.maxBlocks) throw this.limits.tooLarge('blocks');
    this.blocks.push(credit ? { kind, text, credit } : { kind, text });
  }
}

/** The blocks of an element's content (an EPUB chapter's body), the same mapping as a web page's article. */
export function collectBlocks(root: Element, limits: BlockLimits): DraftBlock[] {
  const out = new Collector(limits);
  walk(root, out, 0);
  return out.blocks;
}

function addFigure(figure: El, out: Collector): void {
  // A few at most: a figure is one picture (this also bounds the pairwise check below).
  const credits = [...figure.querySelectorAll('[class], [itemprop]')].filter(isCredit).slice(0, MAX_CREDIT_ELEMENTS);
  // An outer credit element holds the inner one's text already.
  const outer = credits.filter((c) => !credits.some((other) => other !== c && other.contains(c)));
  const credit = clean(outer.map((c) => textOf(c)).join(' '));
  for (const c of outer) c.remove();
  const caption = tagOf(figure) === 'figcaption' ? figure : figure.querySelector('figcaption') ?? figure;
  const text = textOf(caption);
  // A credit whose picture is dropped and that has no caption is left out with the picture.
  if (credit) out.add('caption', text, text ? credit : undefined);
  else {
    const split = splitCaptionCredit(text);
    out.add('caption', split.text, split.text ? split.credit : undefined);
  }
}

/** Walks `el`'s children in order: block elements become blocks, runs of loose inline text paragraphs. */
function walk(el: El, out: Collector, depth: number): void {
  let loose = '';
  const flush = () => {
    out.add('paragraph', clean(loose));
    loose = '';
  };
  for (const child of el.childNodes) {
    if (child.nodeType === 3) loose += child.nodeValue ?? '';
    if (child.nodeType !== 1) continue;
    const tag = tagOf(child as El);
    if (SKIP.has(tag) || isByline(child as El)) continue;
    if (tag === 'br') loose += ' ';
    else if (!BLOCK.has(tag)) loose += ` ${textOf(child)} `;
    else {
      flush();
      addBlock(child as El, out, depth + 1);
    }
  }
  flush();
}

function addBlock(el: El, out: Collector, depth: number): void {
  const tag = tagOf(el);
  if (depth > MAX_DEPTH) return out.add('paragraph', textOf(el));
  if (/^h[1-6]$/.test(tag)) return out.add('heading', textOf(el));
  if (tag === 'figure' || tag === 'figcaption') return addFigure(el, out);
  if (tag === 'blockquote') {
    const inner = new Collector(out.limits);
    walk(el, inner, depth);
    for (const block of inner.blocks) out.add('quote', block.text);
    return;
  }
  if (tag === 'ul' || tag === 'ol') {
    const items = [...el.children].filter((c) => tagOf(c) === 'li');
    items.forEach((li, i) => out.add('paragraph', tag === 'ol' && textOf(li) ? `${i + 1}. ${textOf(li)}` : textOf(li)));
    return;
  }
  if (tag === 'table') {
    for (const row of el.querySelectorAll('tr')) out.add('paragraph', [...row.children].map((cell) => textOf(cell)).filter(Boolean).join(' · '));
    return;
  }
  if (tag === 'p' || tag === 'pre' || tag === 'li' || tag === 'dt' || tag === 'dd' || tag === 'address' || tag === 'summary') return out.add('paragraph', textOf(el));
  walk(el, out, depth);
}

/** What the worker answers (lib/import/readability-worker.cjs). */
type ReaderAnswer =
  | { ok: { refused: 'elements'; count: number } | { refused: 'depth' } | { h1Html: string | null; siteName: string | null; title: string | null; byline: string | null; contentHtml: string | null } }
  | { error: string };

/** Readability on a worker thread, terminated past READER_TIME_MS; at most MAX_READERS at once. */
async function readInWorkerOrThrow(html: string): Promise<Extract<ReaderAnswer, { ok: unknown }>['ok']> {
  const answer = await runWorkerOrThrow<ReaderAnswer>({
    file: 'readability-worker.cjs',
    workerData: { html, maxElements: MAX_PAGE_ELEMENTS, maxDepth: MAX_PAGE_DEPTH },
    max: MAX_READERS,
    busy: 'Other pages are being read for an import right now: try again in a few seconds.',
    timeMs: READER_TIME_MS,
    tooLong: () => new AppError('too_large', `The page took longer than ${READER_TIME_MS / 1000} seconds to read: it is too complex. Save the article's text and paste it instead.`),
    what: 'page',
  });
  if ('error' in answer) throw new Error(`Reading the page failed: ${answer.error}`);
  return answer.ok;
}

/**
 * The article of an HTML page. `pageUrl` is where it came from (null for an uploaded file): with the site
 * name and byline it makes the source line. Throws an AppError when the page has no article text, is too
 * complex to read, or holds more than an article may.
 */
export async function extractArticleOrThrow(html: string, pageUrl: URL | null): Promise<ExtractedArticle> {
  const read = await readInWorkerOrThrow(html);
  if ('refused' in read) {
    throw new AppError(
      'too_large',
      read.refused === 'elements'
        ? `The page has more than ${MAX_PAGE_ELEMENTS.toLocaleString('en')} HTML elements, more than any article: save the article's text and paste it instead.`
        : `The page's HTML is nested more than ${MAX_PAGE_DEPTH} levels deep, deeper than any article: save the article's text and paste it instead.`,
    );
  }
  const out = new Collector();
  if (read.contentHtml) walk(parseHTML(`<!doctype html><html><body>${read.contentHtml}</body></html>`).document.body as unknown as El, out, 0);
  const articleChars = out.blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'quote').reduce((sum, b) => sum + b.text.length, 0);
  if (articleChars < MIN_ARTICLE_CHARS) {
    throw new AppError('bad_input', `No article text was found on ${pageUrl ? pageUrl.host : 'this page'}: open the article itself (not a start or overview page), or paste its text.`);
  }
  const h1Text = read.h1Html ? textOf(parseHTML(`<!doctype html><html><body>${read.h1Html}</body></html>`).document.body as unknown as El) : '';
  const readabilityTitle = read.title ? clean(read.title) : '';
  const title = (h1Text && h1Text.length <= MAX_TITLE_CHARS ? h1Text : readabilityTitle.slice(0, MAX_TITLE_CHARS)) || undefined;
  const byline = read.byline ? clean(read.byline).slice(0, MAX_SOURCE_PART_CHARS) : '';
  const site = read.siteName ? clean(read.siteName).slice(0, MAX_SOURCE_PART_CHARS) : '';
  const address = pageUrl ? `${pageUrl.origin}${pageUrl.pathname}${pageUrl.search}` : '';
  const parts = [byline, site || (pageUrl ? pageUrl.hostname : ''), address].filter(Boolean);
  return { title, source: parts.length > 0 ? parts.join(' · ') : null, blocks: out.blocks };
}
