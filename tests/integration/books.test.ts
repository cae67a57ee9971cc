// Books (EPUB) as the library stores them: one entry with its chapters, nothing sent to DeepL at import, a
// chapter translated when it is opened (exactly its own characters), removal of the book with its chapters.
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { getArticleBySlug, listArticles } from '@/lib/articles/queries';
import { removeArticleOrThrow } from '@/lib/articles/remove-article';
import { translateArticle } from '@/lib/articles/translate-article';
import { importFromSourceOrThrow, previewImportOrThrow } from '@/lib/import/sources';
import { explainNotFound, isMissingPage } from '@/lib/sharing/not-found-reason';
import { AppError } from '@/lib/errors';
import { BOOK_TITLE, CHAPTERS, CHAPTER_2_TEXTS, buildEpub } from '../support/epub';
import { useFakeDeepL } from '../support/fake-deepl-env';

const fake = useFakeDeepL();

const epubFile = (bytes: Uint8Array, name = 'reise.epub') => new File([new Uint8Array(bytes)], name, { type: 'application/epub+zip' });

describe('an EPUB book in the library', () => {
  it('preview: "3 chapters, …" and the first chapter, nothing stored', async () => {
    const before = await db.article.count();
    const preview = await previewImportOrThrow({ kind: 'file', file: epubFile(buildEpub()) });
    expect(preview.title).toBe(BOOK_TITLE);
    expect(preview.summary).toBe('3 chapters, 12 paragraphs, 1 heading, 1 caption, 1 quote');
    expect(preview.chapters).toEqual([
      { n: 1, title: CHAPTERS[0].title, blocks: 4 },
      { n: 2, title: CHAPTERS[1].title, blocks: 7 },
      { n: 3, title: CHAPTERS[2].title, blocks: 4 },
    ]);
    expect(preview.blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'caption', 'paragraph']);
    expect(await db.article.count()).toBe(before);
  });

  it('import: one library entry, chapters as articles; 0 characters to DeepL; opening chapter 2 sends exactly its characters; removal takes the chapters', async () => {
    const imported = await importFromSourceOrThrow({ kind: 'file', file: epubFile(buildEpub()) });
    expect(imported.slug).toBe('die-reise-nach-ruegen');
    expect(imported.translation).toBeUndefined();
    expect(imported.chapters).toEqual(CHAPTERS.map((c, i) => ({ n: i + 1, title: c.title, slug: `die-reise-nach-ruegen/${i + 1}` })));
    expect(fake.get().allTranslateAttempts).toBe(0);

    const { entries } = await listArticles(1);
    const listed = entries.filter((e) => e.slug.startsWith('die-reise-nach-ruegen'));
    expect(listed).toEqual([expect.objectContaining({ slug: 'die-reise-nach-ruegen', title: BOOK_TITLE, chapterCount: 3, blockCount: 15, translatedCount: 0 })]);
    expect(listed[0].firstWords).toBe('Am Morgen packte Anna ihren Koffer. Der Zug nach Stralsund fuhr um acht Uhr.');

    const book = await getArticleBySlug('die-reise-nach-ruegen');
    expect(book?.blocks).toEqual([]);
    expect(book?.chapters?.map((c) => [c.n, c.title, c.slug, c.blockCount])).toEqual([
      [1, CHAPTERS[0].title, 'die-reise-nach-ruegen/1', 4],
      [2, CHAPTERS[1].title, 'die-reise-nach-ruegen/2', 7],
      [3, CHAPTERS[2].title, 'die-reise-nach-ruegen/3', 4],
    ]);
    const chapter = await getArticleBySlug('die-reise-nach-ruegen/2');
    expect(chapter?.title).toBe(CHAPTERS[1].title);
    // The chapter's heading is its title, not ¶1; the rest kind by kind.
    expect(chapter?.blocks.map((b) => [b.n, b.kind, b.text])).toEqual(
      CHAPTER_2_TEXTS.map((text, i) => [i + 1, ['heading', 'quote'][[1, 4].indexOf(i)] ?? 'paragraph', text]),
    );
    expect(chapter?.book).toMatchObject({ slug: 'die-reise-nach-ruegen', title: BOOK_TITLE, n: 2, chapterCount: 3, previous: { n: 1, title: CHAPTERS[0].title }, next: { n: 3, title: CHAPTERS[2].title } });
    expect(chapter?.blocks.every((b) => b.translation.status === 'pending')).toBe(true);

    // Opening chapter 2 (the reader translates what is missing): its characters, nothing of chapters 1 and 3.
    await translateArticle(chapter!.id);
    const sentChars = chapter!.blocks.reduce((sum, b) => sum + b.text.length, 0);
    expect(sentChars).toBe(CHAPTER_2_TEXTS.join('').length);
    expect(fake.get().billedChars).toBe(sentChars);
    const sent = fake.get().requests.flatMap((r) => r.texts).join(' ');
    for (const text of CHAPTER_2_TEXTS) expect(sent).toContain(text.split(' ')[1]);
    expect(sent).not.toContain('Koffer');
    expect(sent).not.toContain('Pension');
    expect((await getArticleBySlug('die-reise-nach-ruegen/2'))?.blocks.every((b) => b.translation.status === 'done')).toBe(true);

    // A chapter is not removed alone; the book is, with its chapters, and their links say so.
    await expect(removeArticleOrThrow('die-reise-nach-ruegen/2')).rejects.toThrow(/chapter of a book: remove the whole book/);
    await removeArticleOrThrow('die-reise-nach-ruegen');
    expect(await db.article.count({ where: { slug: { startsWith: 'die-reise-nach-ruegen' } } })).toBe(0);
    expect(await db.block.count({ where: { articleId: chapter!.id } })).toBe(0);
    expect(await isMissingPage('/a/die-reise-nach-ruegen/2/p/3')).toBe(true);
    expect(await explainNotFound('/a/die-reise-nach-ruegen/2/p/3')).toMatchObject({ kind: 'removed', title: BOOK_TITLE });
  });

  it('a broken book stores nothing', async () => {
    const before = await db.article.count();
    const chapters = CHAPTERS.map((c, i) => (i === 2 ? { ...c, body: '<p>offen' } : c));
    const error = await importFromSourceOrThrow({ kind: 'file', file: epubFile(buildEpub({ chapters })) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/Chapter "Drittes Kapitel: Ankunft" \(OEBPS\/text\/kapitel-3\.xhtml\)/);
    expect(await db.article.count()).toBe(before);
  });
});
