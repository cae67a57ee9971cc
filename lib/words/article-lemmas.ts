// The lemmas of an article's words: per token for the reader (worked out per request, kept per process),
// and counted per lemma in ArticleLemma rows for coverage (written once per article, by whichever process
// gets there first; the only module that writes ArticleLemma and Article.runningWords).
import { setImmediate as nextTurn } from 'node:timers/promises';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import { lemmatizeSentence } from '../german/lemma';
import { SLUG_PATTERN } from '../articles/slug';
import { jsonRecords } from '../sql';

/** The reader's words of an article: `lemmas[blocks[k].sentences[i][j]]` is the key of token j of sentence i
 *  (the reader's tokens, lib/vocabulary/marks.ts), -1 for a token without a letter. */
export interface ArticleWords {
  lemmas: string[];
  blocks: Array<{ n: number; sentences: number[][] }>;
}

/** Lemmatizing holds the event loop at most about this long before letting other requests in. */
const TURN_MS = 8;
/** Articles kept per process: the demo article's words are ~20 KB. */
const KEPT = 32;

const globalForWords = globalThis as unknown as { nebeneinanderArticleWords?: Map<number, ArticleWords> };
const kept = (globalForWords.nebeneinanderArticleWords ??= new Map());

export async function articleForWords(slug: string): Promise<{ id: number; blocks: Array<{ n: number; sentences: string[] }> } | null> {
  if (!SLUG_PATTERN.test(slug)) return null;
  const article = await db.article.findUnique({ where: { slug }, select: { id: true } });
  if (!article) return null;
  const rows = await db.$queryRaw<Array<{ n: number; sentences: string }>>`
    SELECT n, sentences FROM "Block" WHERE "articleId" = ${article.id} ORDER BY n`;
  return { id: article.id, blocks: rows.map((r) => ({ n: Number(r.n), sentences: JSON.parse(r.sentences) as string[] })) };
}

/** Each block's sentences lemmatized, in turns of TURN_MS (a 200,000-character article is ~150 ms of work). */
async function* lemmatizedBlocks(blocks: ReadonlyArray<{ n: number; sentences: readonly string[] }>) {
  let turn = performance.now();
  for (const block of blocks) {
    if (performance.now() - turn > TURN_MS) {
      await nextTurn();
      turn = performance.now();
    }
    yield { n: block.n, sentences: block.sentences.map(lemmatizeSentence) };
  }
}

/** The reader's words of an article (articles never change once imported: kept by id). */
export async function articleWords(article: { id: number; blocks: ReadonlyArray<{ n: number; sentences: readonly string[] }> }): Promise<ArticleWords> {
  const hit = kept.get(article.id);
  if (hit) {
    kept.delete(article.id);
    kept.set(article.id, hit);
    return hit;
  }
  const index = new Map<string, number>();
  const words: ArticleWords = { lemmas: [], blocks: [] };
  for await (const block of lemmatizedBlocks(article.blocks)) {
    words.blocks.push({
      n: block.n,
      sentences: block.sentences.map((tokens) =>
        tokens.map(({ lemma }) => {
          if (lemma === null) return -1;
          let i = index.get(lemma);
          if (i === undefined) index.set(lemma, (i = words.lemmas.push(lemma) - 1));
          return i;
        }),
      ),
    });
  }
  kept.set(article.id, words);
  if (kept.size > KEPT) kept.delete(kept.keys().next().value as number);
  return words;
}

/** Lemma key → running words, from the reader's words. */
export function lemmaCounts(words: ArticleWords): Map<string, number> {
  const counts = new Map<string, number>();
  for (const block of words.blocks) {
    for (const sentence of block.sentences) for (const i of sentence) if (i >= 0) counts.set(words.lemmas[i], (counts.get(words.lemmas[i]) ?? 0) + 1);
  }
  return counts;
}

/** Rows per insert: one JSON parameter each. */
const ROWS_PER_INSERT = 500;

function insertLemmas(articleId: number, rows: Array<{ lemma: string; count: number }>): Prisma.Sql {
  // WHERE true: SQLite reads ON CONFLICT after a SELECT's FROM as a join's ON without it.
  return Prisma.sql`INSERT INTO "ArticleLemma" ("articleId", lemma, count)
    SELECT CAST(${articleId} AS INTEGER), r.lemma, r.count FROM ${jsonRecords(rows, { lemma: 'TEXT', count: 'INTEGER' })} AS r WHERE true
    ON CONFLICT ("articleId", lemma) DO NOTHING`;
}

/**
 * Writes an article's ArticleLemma rows and then its running-word count, which says they are complete.
 * Idempotent and safe to race: the rows are the same whoever computes them (inserted with ON CONFLICT DO
 * NOTHING), and a process killed part way leaves the count null, so the next pass completes them.
 * Answers false when the article is gone.
 */
export async function indexArticleLemmas(articleId: number): Promise<boolean> {
  const article = await db.article.findUnique({ where: { id: articleId }, select: { slug: true, runningWords: true } });
  if (!article) return false;
  if (article.runningWords !== null) return true;
  const full = await articleForWords(article.slug);
  if (!full || full.id !== articleId) return false;
  const counts = lemmaCounts(await articleWords(full));
  const rows = [...counts].map(([lemma, count]) => ({ lemma, count }));
  try {
    for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
      await db.$executeRaw(insertLemmas(articleId, rows.slice(from, from + ROWS_PER_INSERT)));
    }
  } catch (error) {
    // Removed meanwhile: its rows went with it (or never had an article to point at).
    if (!(await db.article.findUnique({ where: { id: articleId }, select: { id: true } }))) return false;
    throw error;
  }
  const running = rows.reduce((sum, r) => sum + r.count, 0);
  await db.$executeRaw`UPDATE "Article" SET "runningWords" = ${running} WHERE id = ${articleId} AND "runningWords" IS NULL`;
  return true;
}

/** Ids of articles whose lemmas are not written yet, oldest first. */
export async function articlesWithoutLemmas(limit: number): Promise<number[]> {
  const rows = await db.article.findMany({ where: { runningWords: null }, orderBy: { id: 'asc' }, take: limit, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Forgets the kept words (tests that swap databases: ids are reused). */
export function forgetArticleWordsForTests(): void {
  kept.clear();
}
