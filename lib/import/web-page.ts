// Reader-mode extraction of a web page's article (Mozilla's Readability over linkedom's DOM, server only),
// mapped to our blocks: h1 the title, h2–h6 headings, figure captions with their credit, blockquotes
// quotes, list items and paragraphs paragraphs. Images, scripts, forms and the page's chrome are dropped.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { AppError } from '../errors';
import { MAX_ARTICLE_BLOCKS, MAX_ARTICLE_CHARS, MAX_TITLE_CHARS } from '../articles/limits';
import { INVISIBLE, removeControls, replaceLoneSurrogates } from '../text/invisible';
import { splitCaptionCredit, type DraftBlock } from '../text/segment';

export interface ExtractedArticle {
  /** The page's h1 (else its <title> as Readability reads it); undefined when it has neither. */
  title?: string;
  /** "Byline · Site · address" (whichever are known), or null. */
  source: string | null;
  blocks: DraftBlock[];
}

/** Elements a page may have before Readability is asked: a long news page has 3,000–10,000. */
export const MAX_PAGE_ELEMENTS = 40_000;
/** Less paragraph text than this is a page without an article (a start page, a log-in form, an error page). */
export const MIN_ARTICLE_CHARS = 100;
/** Nesting deeper than this is read as text (no page's article is this deep; it bounds the walk's stack). */
const MAX_DEPTH = 100;
const MAX_SOURCE_PART_CHARS = 200;

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

/** Collects blocks, refusing as soon as the page holds more than an article may (the walk stops there). */
class Collector {
  readonly blocks: DraftBlock[] = [];
  private chars = 0;

  add(kind: DraftBlock['kind'], text: string, credit?: string): void {
    if (!text) return;
    this.chars += text.length + (credit?.length ?? 0);
    if (this.chars > MAX_ARTICLE_CHARS) {
      throw new AppError('too_large', `The article on this page has more than ${MAX_ARTICLE_CHARS.toLocaleString('en')} characters: import it in parts (paste each part's text).`);
    }
    if (this.blocks.length >= MAX_ARTICLE_BLOCKS) {
      throw new AppError('too_large', `The article on this page has more than ${MAX_ARTICLE_BLOCKS.toLocaleString('en')} paragraphs: import it in parts (paste each part's text).`);
    }
    this.blocks.push(credit ? { kind, text, credit } : { kind, text });
  }
}

function addFigure(figure: El, out: Collector): void {
  const credits = [...figure.querySelectorAll('[class], [itemprop]')].filter(isCredit);
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
    const inner = new Collector();
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

function metaContent(document: Document, selector: string): string | null {
  const value = document.querySelector(selector)?.getAttribute('content');
  return value ? clean(value).slice(0, MAX_SOURCE_PART_CHARS) || null : null;
}

/**
 * The article of an HTML page. `pageUrl` is where it came from (null for an uploaded file): with the site
 * name and byline it makes the source line. Throws an AppError when the page has no article text or more
 * than an article may hold.
 */
export function extractArticleOrThrow(html: string, pageUrl: URL | null): ExtractedArticle {
  const { document } = parseHTML(html);
  // Read before Readability, which rewrites the document (its h1s become h2s).
  const h1 = document.querySelector('article h1, main h1') ?? document.querySelector('h1');
  const h1Text = h1 ? textOf(h1) : '';
  const siteName = metaContent(document, 'meta[property="og:site_name"], meta[name="og:site_name"]');
  let article: ReturnType<Readability<El>['parse']>;
  try {
    article = new Readability<El>(document, { maxElemsToParse: MAX_PAGE_ELEMENTS, keepClasses: true, serializer: (el) => el as El }).parse();
  } catch (error) {
    if (error instanceof Error && error.message.includes('elements found')) {
      throw new AppError('too_large', `The page has more than ${MAX_PAGE_ELEMENTS.toLocaleString('en')} HTML elements, more than any article: save the article's text and paste it instead.`);
    }
    throw error;
  }
  const out = new Collector();
  if (article?.content) walk(article.content, out, 0);
  const articleChars = out.blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'quote').reduce((sum, b) => sum + b.text.length, 0);
  if (articleChars < MIN_ARTICLE_CHARS) {
    throw new AppError('bad_input', `No article text was found on ${pageUrl ? pageUrl.host : 'this page'}: open the article itself (not a start or overview page), or paste its text.`);
  }
  const readabilityTitle = article?.title ? clean(article.title) : '';
  const title = (h1Text && h1Text.length <= MAX_TITLE_CHARS ? h1Text : readabilityTitle.slice(0, MAX_TITLE_CHARS)) || undefined;
  const byline = article?.byline ? clean(article.byline).slice(0, MAX_SOURCE_PART_CHARS) : '';
  const site = siteName ?? (article?.siteName ? clean(article.siteName).slice(0, MAX_SOURCE_PART_CHARS) : '') ?? '';
  const address = pageUrl ? `${pageUrl.origin}${pageUrl.pathname}${pageUrl.search}` : '';
  const parts = [byline, site || (pageUrl ? pageUrl.hostname : ''), address].filter(Boolean);
  return { title, source: parts.length > 0 ? parts.join(' · ') : null, blocks: out.blocks };
}
