// Imports an article: validates, segments into numbered blocks and stores it in one transaction.
import fs from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import { getEnvOrThrow } from '../env';
import { AppError } from '../errors';
import { normalizeLineBreaks, segmentArticleInSteps, segmentBlocksInSteps, type DraftBlock, type SegmentedBlock } from '../text/segment';
import { runInTurns } from '../text/turns';
import { blockCacheKey } from '../translation/settings';
import { jsonRecords } from '../sql';
import { MAX_ARTICLE_BLOCKS, MAX_ARTICLE_CHARS, MAX_TITLE_CHARS } from './limits';
import { importArticleSchema, type ImportArticleInput } from './schemas';
import { uniqueSlug } from './slug';
import { pagesChanged } from '../cache/pages';
import { translateBlocksInOrder } from './translate-article';
import { indexArticleLemmas } from '../words/article-lemmas';

export interface ImportedArticle {
  id: number;
  slug: string;
  /** With `translate`: the translation, started before the article was written; hand it to after(). */
  translation?: Promise<void>;
}

/** A title from the first sentence, cut at a word boundary. */
export function deriveTitle(firstSentence: string, max = 90): string {
  const clean = firstSentence.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean.replace(/[.!?:;]+$/, '');
  const cut = clean.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 20))}…`;
}

/**
 * The title and the blocks to store. A leading heading that is the title (taken from the text, or
 * given and the same) is not stored again as block 1: paragraph numbers start at the first real
 * block. A given title that differs from the heading keeps the heading as block 1.
 */
export function titleAndBlocks(given: string | undefined, blocks: SegmentedBlock[]): { title: string; blocks: SegmentedBlock[] } {
  const [first, ...rest] = blocks;
  const heading = first.kind === 'heading' ? oneLine(first.text) : null;
  const isTitle = heading !== null && rest.length > 0 && heading.length <= MAX_TITLE_CHARS && (given === undefined || oneLine(given) === heading);
  if (isTitle) return { title: heading, blocks: rest.map((block, i) => ({ ...block, n: i + 1 })) };
  return { title: (given ?? deriveTitle(first.sentences[0] ?? first.text)).slice(0, MAX_TITLE_CHARS), blocks };
}

function oneLine(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** An article whose blocks are known already (a web page's), its title given or taken from a leading heading. */
export interface StructuredArticleInput {
  title?: string;
  blocks: DraftBlock[];
}

export interface PreparedArticle {
  title: string;
  blocks: SegmentedBlock[];
}

/**
 * Checks and splits an article without storing anything: what an import stores, and what the import
 * form's preview shows. Pasted text is classified here (lib/text/segment); structured blocks keep their kinds.
 */
export async function prepareArticleOrThrow(input: ImportArticleInput | StructuredArticleInput): Promise<PreparedArticle> {
  let title: string | undefined;
  let segmented: SegmentedBlock[];
  if ('blocks' in input) {
    const parsed = importArticleSchema.shape.title.safeParse(input.title);
    if (!parsed.success) throw new AppError('bad_input', parsed.error.issues[0].message);
    title = parsed.data;
    segmented = await runInTurns(segmentBlocksInSteps(input.blocks));
  } else {
    // Counted as the import form's counter counts: a browser sends the form's line breaks as CRLF.
    const text = typeof input.text === 'string' ? normalizeLineBreaks(input.text) : input.text;
    if (typeof text === 'string' && text.length > MAX_ARTICLE_CHARS) {
      throw new AppError(
        'too_large',
        `The text is too long (${text.length.toLocaleString('en')} characters): split it into parts of at most ${MAX_ARTICLE_CHARS.toLocaleString('en')} characters.`,
      );
    }
    const parsed = importArticleSchema.safeParse({ ...input, text });
    if (!parsed.success) throw new AppError('bad_input', parsed.error.issues[0].message);
    title = parsed.data.title;
    // Up to 200,000 characters: in turns of a few milliseconds, so readers are served meanwhile.
    segmented = await runInTurns(segmentArticleInSteps(parsed.data.text));
  }
  if (segmented.length === 0) throw new AppError('bad_input', 'The article is empty: paste or upload some German text.');
  // Counted as the text has them (a heading that becomes the title too), before anything is stored.
  if (segmented.length > MAX_ARTICLE_BLOCKS) {
    throw new AppError(
      'too_large',
      `The text has ${segmented.length.toLocaleString('en')} paragraphs (parts separated by a blank line); an article can have at most ${MAX_ARTICLE_BLOCKS.toLocaleString('en')}: split it into several articles.`,
    );
  }
  return titleAndBlocks(title, segmented);
}

export async function importArticleOrThrow(
  input: ImportArticleInput | StructuredArticleInput,
  options: { source?: string; isDemo?: boolean; slug?: string; translate?: boolean; indexWords?: boolean } = {},
): Promise<ImportedArticle> {
  const { title, blocks } = await prepareArticleOrThrow(input);
  // The text is valid: the top of the article goes to DeepL now, while the article is written.
  const translation = options.translate ? translateNewBlocks(blocks) : undefined;
  for (let attempt = 1; ; attempt++) {
    const slug =
      options.slug ??
      (await uniqueSlug(title, async (base) => (await db.article.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((a) => a.slug)));
    try {
      const article = await createArticle(slug, title, blocks, options);
      await pagesChanged({ kind: 'article-added', slug });
      // Its lemma counts, for coverage, once the top of its English is under way (in turns, so neither
      // DeepL's requests nor readers wait); a kill meanwhile leaves them to the start-up pass.
      if (options.indexWords !== false) {
        void Promise.resolve(translation)
          .then(() => indexArticleLemmas(article.id))
          .catch((error: unknown) => console.error(`Indexing the words of "${slug}" failed (the next start tries again):`, error));
      }
      return { ...article, translation };
    } catch (error) {
      // Two imports of the same title at once: the slug was free when checked. Pick the next one.
      if (options.slug || attempt >= 5 || !isUniqueViolation(error)) throw error;
    }
  }
}

/** Cached, then stored by key: the rows serve the article once written (and a retried import if the write fails). */
async function translateNewBlocks(blocks: SegmentedBlock[]): Promise<void> {
  try {
    await translateBlocksInOrder(blocks.map((b) => ({ key: blockCacheKey(b.sentences), sentences: b.sentences })));
  } catch (error) {
    console.error('Translating a new article failed:', error);
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** Blocks per multi-row insert: a few milliseconds each, so an import never holds the event loop for long. */
const BLOCKS_PER_INSERT = 50;

/** Article and blocks in one transaction, the blocks in multi-row inserts of BLOCKS_PER_INSERT. */
function createArticle(
  slug: string,
  title: string,
  blocks: SegmentedBlock[],
  options: { source?: string; isDemo?: boolean },
): Promise<ImportedArticle> {
  const hold = getEnvOrThrow().TEST_HOLD_ARTICLE_IMPORT;
  return db.$transaction(async (tx) => {
    const article = await tx.article.create({
      data: { slug, title, source: options.source ?? null, isDemo: options.isDemo ?? false },
      select: { id: true, slug: true },
    });
    for (let from = 0; from < blocks.length; from += BLOCKS_PER_INSERT) {
      // Between inserts the event loop runs: the first DeepL request leaves, readers are answered.
      await nextTurn();
      await tx.$executeRaw(insertBlocks(blockRows(article.id, blocks.slice(from, from + BLOCKS_PER_INSERT))));
    }
    if (hold) holdForTests(blocks.length);
    return article;
  });
}

/** An article's blocks as Block rows (an article's or a book chapter's). */
export function blockRows(articleId: number, blocks: readonly SegmentedBlock[]) {
  return blocks.map((b) => ({
    articleId,
    n: b.n,
    kind: b.kind,
    text: b.text,
    credit: b.credit ?? null,
    sentences: JSON.stringify(b.sentences),
    cacheKey: blockCacheKey(b.sentences),
  }));
}

/** Many Block rows (from blockRows) in one statement (lib/sql.ts, jsonRecords). */
export function insertBlocks(rows: ReturnType<typeof blockRows>): Prisma.Sql {
  return Prisma.sql`INSERT INTO "Block" ("articleId", n, kind, text, credit, sentences, "cacheKey")
    SELECT r."articleId", r.n, r.kind, r.text, r.credit, r.sentences, r."cacheKey"
    FROM ${jsonRecords(rows, { articleId: 'INTEGER', n: 'INTEGER', kind: 'TEXT', text: 'TEXT', credit: 'TEXT', sentences: 'TEXT', cacheKey: 'TEXT' })} AS r`;
}

/**
 * TEST_HOLD_ARTICLE_IMPORT (tests only): says so on stdout (synchronously, never lost to a kill) and
 * blocks the process here, inside the transaction, until it is killed, so a crash test kills the server
 * provably mid-import. The blocked event loop also stops the transaction's own timeout.
 */
function holdForTests(blocks: number): void {
  fs.writeSync(1, `article import: holding the write transaction open after ${blocks} blocks (TEST_HOLD_ARTICLE_IMPORT)\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
