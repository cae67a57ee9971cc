// Reads articles for the library, the reader and the HTTP API, joined with cached translations.
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import { SLUG_PATTERN } from './slug';
import type { BlockTranslation, LibraryEntry, ReaderArticle, ReaderBlock } from './types';
import { findCachedRows } from '../translation/cached-rows';
import { findFailures, isRetryDue } from '../translation/failures';
import type { TranslationErrorCode } from '../translation/types';

const FIRST_WORDS_CHARS = 160;

function firstWords(text: string): string {
  if (text.length <= FIRST_WORDS_CHARS) return text;
  const cut = text.slice(0, FIRST_WORDS_CHARS);
  return `${cut.slice(0, cut.lastIndexOf(' '))} …`;
}

export const LIBRARY_PAGE_SIZE = 30;

/** One page of the library, newest first, with how many of each article's blocks are translated. */
export async function listArticles(page = 1): Promise<{ entries: LibraryEntry[]; total: number; pages: number }> {
  // A book is one entry; its chapters are not listed.
  const total = await db.article.count({ where: { bookId: null } });
  const pages = Math.max(1, Math.ceil(total / LIBRARY_PAGE_SIZE));
  const articles = await db.article.findMany({
    where: { bookId: null },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (Math.min(Math.max(page, 1), pages) - 1) * LIBRARY_PAGE_SIZE,
    take: LIBRARY_PAGE_SIZE,
    select: {
      id: true,
      slug: true,
      title: true,
      createdAt: true,
      isDemo: true,
      isBook: true,
      _count: { select: { blocks: true, chapters: true } },
      blocks: { where: { kind: { in: ['paragraph', 'quote'] } }, orderBy: { n: 'asc' }, take: 1, select: { text: true } },
    },
  });
  const ids = articles.map((a) => a.id);
  const translated = ids.length
    ? await db.$queryRaw<Array<{ articleId: number; translated: number | bigint }>>`
        SELECT b."articleId" AS "articleId", COUNT(*) AS translated
        FROM "Block" b JOIN "TranslationCache" c ON c."key" = b."cacheKey"
        WHERE b."articleId" IN (${Prisma.join(ids)})
        GROUP BY b."articleId"`
    : [];
  const counts = new Map(translated.map((t) => [Number(t.articleId), Number(t.translated)]));
  const books = await bookFigures(articles.filter((a) => a.isBook).map((a) => a.id));
  const entries = articles.map((a) => {
    const book = books.get(a.id);
    return {
      slug: a.slug,
      title: a.title,
      firstWords: firstWords((book ? book.firstWords : a.blocks[0]?.text) ?? ''),
      blockCount: book ? book.blocks : a._count.blocks,
      translatedCount: book ? book.translated : (counts.get(a.id) ?? 0),
      createdAt: a.createdAt,
      isDemo: a.isDemo,
      ...(a.isBook ? { chapterCount: a._count.chapters } : {}),
    };
  });
  return { entries, total, pages };
}

/** For the library's books: their chapters' blocks and translated blocks, and the first words of chapter 1. */
async function bookFigures(ids: number[]): Promise<Map<number, { blocks: number; translated: number; firstWords: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ bookId: number; blocks: number | bigint; translated: number | bigint }>>`
    SELECT a."bookId" AS "bookId", COUNT(*) AS blocks, COUNT(c."key") AS translated
    FROM "Article" a JOIN "Block" b ON b."articleId" = a.id LEFT JOIN "TranslationCache" c ON c."key" = b."cacheKey"
    WHERE a."bookId" IN (${Prisma.join(ids)})
    GROUP BY a."bookId"`;
  const first = await db.article.findMany({
    where: { bookId: { in: ids }, chapterN: 1 },
    select: { bookId: true, blocks: { where: { kind: { in: ['paragraph', 'quote'] } }, orderBy: { n: 'asc' }, take: 1, select: { text: true } } },
  });
  const words = new Map(first.map((c) => [c.bookId, c.blocks[0]?.text ?? '']));
  return new Map(rows.map((r) => [Number(r.bookId), { blocks: Number(r.blocks), translated: Number(r.translated), firstWords: words.get(Number(r.bookId)) ?? '' }]));
}

const CHAPTER_SELECT = { chapterN: true, title: true, slug: true, _count: { select: { blocks: true } } } as const;

function toChapterEntry(c: { chapterN: number | null; title: string; slug: string; _count: { blocks: number } }) {
  return { n: c.chapterN ?? 0, title: c.title, slug: c.slug, blockCount: c._count.blocks };
}

/** A book's chapters, or a chapter's book and neighbours (one or two indexed queries). */
async function bookParts(found: { id: number; isBook: boolean; bookId: number | null; chapterN: number | null }): Promise<Pick<ReaderArticle, 'chapters' | 'book'>> {
  if (found.isBook) {
    const chapters = await db.article.findMany({ where: { bookId: found.id }, orderBy: { chapterN: 'asc' }, select: CHAPTER_SELECT });
    return { chapters: chapters.map(toChapterEntry) };
  }
  if (found.bookId === null || found.chapterN === null) return {};
  const n = found.chapterN;
  const [book, neighbours] = await Promise.all([
    db.article.findUnique({ where: { id: found.bookId }, select: { slug: true, title: true, _count: { select: { chapters: true } } } }),
    db.article.findMany({ where: { bookId: found.bookId, chapterN: { in: [n - 1, n + 1] } }, select: CHAPTER_SELECT }),
  ]);
  if (!book) return {};
  const near = (m: number) => neighbours.find((c) => c.chapterN === m);
  const previous = near(n - 1);
  const next = near(n + 1);
  return {
    book: { slug: book.slug, title: book.title, n, chapterCount: book._count.chapters, previous: previous ? toChapterEntry(previous) : null, next: next ? toChapterEntry(next) : null },
  };
}

type CacheRow = { key: string; engine: string; text: string; sentences: string | null };
type FailureRow = { key: string; code: string; message: string; failedAt: Date };

function toTranslation(german: string[], cached?: CacheRow, failure?: FailureRow): BlockTranslation {
  if (cached) {
    const english: string[] | null = cached.sentences ? JSON.parse(cached.sentences) : null;
    return {
      status: 'done',
      source: cached.engine === 'bundled' ? 'bundled' : 'deepl',
      text: cached.text,
      ...(english && english.length === german.length
        ? { sentences: german.map((de, i) => ({ de, en: english[i] })) }
        : {}),
    };
  }
  // A failure that is due for another try is pending: the reader translates it after this view.
  if (failure && !isRetryDue(failure)) return { status: 'failed', code: failure.code as TranslationErrorCode, error: failure.message };
  return { status: 'pending' };
}

/** The article with each block's translation state, or null when there is no such article. Pages are
 *  kept whole in Next's cache (lib/cache/pages.ts), so this runs once per render, not per request. */
export async function getArticleBySlug(slug: string): Promise<ReaderArticle | null> {
  if (!SLUG_PATTERN.test(slug)) return null;
  return readArticle(slug);
}

async function readArticle(slug: string): Promise<ReaderArticle | null> {
  const found = await db.article.findUnique({ where: { slug } });
  if (!found) return null;
  // The blocks by raw SQL: Prisma's include maps each of a long article's rows at a cost the reader's
  // progress polls pay several times a second while English arrives.
  const article = {
    ...found,
    blocks: await db.$queryRaw<Array<{ n: number; kind: string; text: string; credit: string | null; sentences: string; cacheKey: string }>>`
      SELECT n, kind, text, credit, sentences, "cacheKey" FROM "Block" WHERE "articleId" = ${found.id} ORDER BY n`,
  };
  const keys = [...new Set(article.blocks.map((b) => b.cacheKey))];
  const cached = await findCachedRows(keys);
  const cachedByKey = new Map(cached.map((c) => [c.key, c]));
  const missing = keys.filter((k) => !cachedByKey.has(k));
  const failures = await findFailures(missing);
  const failureByKey = new Map(failures.map((f) => [f.key, f]));
  const blocks: ReaderBlock[] = article.blocks.map((b) => {
    const sentences: string[] = JSON.parse(b.sentences);
    return {
      n: b.n,
      kind: b.kind as ReaderBlock['kind'],
      text: b.text,
      ...(b.credit ? { credit: b.credit } : {}),
      sentences,
      translation: toTranslation(sentences, cachedByKey.get(b.cacheKey), failureByKey.get(b.cacheKey)),
    };
  });
  return {
    id: article.id,
    slug: article.slug,
    title: article.title,
    source: article.source,
    isDemo: article.isDemo,
    createdAt: article.createdAt,
    blocks,
    ...(await bookParts(found)),
  };
}

export async function getArticleIdBySlug(slug: string): Promise<number | null> {
  if (!SLUG_PATTERN.test(slug)) return null;
  const article = await db.article.findUnique({ where: { slug }, select: { id: true } });
  return article?.id ?? null;
}
