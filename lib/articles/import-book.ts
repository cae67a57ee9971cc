// Imports a book (EPUB): the book's row and every chapter, each an article with `bookId`, `chapterN` and the
// slug "{book}/{n}", written in one transaction (a failure leaves nothing). Nothing goes to DeepL: a chapter
// is translated when it is first opened, as any article with missing English is (the reader's after()).
import { db } from '../db';
import { AppError } from '../errors';
import { pagesChanged } from '../cache/pages';
import { indexArticleLemmas } from '../words/article-lemmas';
import type { DraftBlock } from '../text/segment';
import { blockRows, insertBlocks, isUniqueViolation, prepareArticleOrThrow, type PreparedArticle } from './import-article';
import { MAX_TITLE_CHARS } from './limits';
import { uniqueSlug } from './slug';

export interface BookInput {
  title: string;
  source: string | null;
  chapters: Array<{ title: string; blocks: DraftBlock[] }>;
}

export interface PreparedBook {
  title: string;
  source: string | null;
  /** Each chapter as an article would be stored: its title and numbered, split blocks. */
  chapters: PreparedArticle[];
}

export interface ImportedBook {
  id: number;
  slug: string;
  chapters: Array<{ n: number; title: string; slug: string }>;
}

/** Checks and splits every chapter (lib/text/segment, in turns), storing nothing: what the preview shows. */
export async function prepareBookOrThrow(book: BookInput, givenTitle?: string): Promise<PreparedBook> {
  const chapters: PreparedArticle[] = [];
  for (const chapter of book.chapters) chapters.push(await prepareArticleOrThrow({ title: chapter.title, blocks: chapter.blocks }));
  const title = (givenTitle?.trim() ? givenTitle.trim() : book.title).slice(0, MAX_TITLE_CHARS);
  if (!title) throw new AppError('bad_input', 'The book has no title: give one in the title field.');
  return { title, source: book.source, chapters };
}

/** Blocks per multi-row insert: a few milliseconds each. */
const BLOCKS_PER_INSERT = 200;

/** The book and its chapters, in one transaction; 0 characters sent to DeepL. */
export async function importBookOrThrow(book: PreparedBook): Promise<ImportedBook> {
  for (let attempt = 1; ; attempt++) {
    const slug = await uniqueSlug(book.title, async (base) =>
      (await db.article.findMany({ where: { slug: { startsWith: base }, bookId: null }, select: { slug: true } })).map((a) => a.slug),
    );
    try {
      const imported = await writeBook(slug, book);
      await pagesChanged({ kind: 'article-added', slug });
      // The chapters' lemma counts (coverage), one chapter after another in the background; no DeepL.
      void (async () => {
        for (const chapter of imported.ids) await indexArticleLemmas(chapter);
      })().catch((error: unknown) => console.error(`Indexing the words of "${slug}" failed (the next start tries again):`, error));
      return { id: imported.id, slug, chapters: book.chapters.map((c, i) => ({ n: i + 1, title: c.title, slug: `${slug}/${i + 1}` })) };
    } catch (error) {
      // Two imports of the same title at once: the slug was free when checked. Pick the next one.
      if (attempt >= 5 || !isUniqueViolation(error)) throw error;
    }
  }
}

function writeBook(slug: string, book: PreparedBook): Promise<{ id: number; ids: number[] }> {
  return db.$transaction(
    async (tx) => {
      const row = await tx.article.create({ data: { slug, title: book.title, source: book.source, isBook: true }, select: { id: true } });
      const chapters = await tx.article.createManyAndReturn({
        data: book.chapters.map((c, i) => ({ slug: `${slug}/${i + 1}`, title: c.title, source: book.source, bookId: row.id, chapterN: i + 1 })),
        select: { id: true, chapterN: true },
      });
      const idOf = new Map(chapters.map((c) => [c.chapterN, c.id]));
      const rows = book.chapters.flatMap((c, i) => blockRows(idOf.get(i + 1)!, c.blocks));
      for (let from = 0; from < rows.length; from += BLOCKS_PER_INSERT) await tx.$executeRaw(insertBlocks(rows.slice(from, from + BLOCKS_PER_INSERT)));
      return { id: row.id, ids: book.chapters.map((_, i) => idOf.get(i + 1)!) };
    },
    // A long book is thousands of rows: more than Prisma's default 5 s on a busy machine.
    { timeout: 60_000, maxWait: 10_000 },
  );
}
