// Importing articles: what is stored, and what is refused with a clear message (storing nothing).
import { describe, expect, it } from 'vitest';
import { importArticleOrThrow } from '@/lib/articles/import-article';
import { getArticleBySlug, listArticles } from '@/lib/articles/queries';
import { readTextFileOrThrow } from '@/lib/articles/upload';
import { db } from '@/lib/db';
import { MAX_ARTICLE_BLOCKS, MAX_ARTICLE_CHARS } from '@/lib/articles/limits';
import { AppError } from '@/lib/errors';

/** Counts the articles before the import starts (and before it can reject with no handler attached). */
async function expectRefused(runImport: () => Promise<unknown>, code: AppError['code'], message: RegExp) {
  const before = await db.article.count();
  const error = await runImport().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
  expect(await db.article.count()).toBe(before);
}

describe('importArticleOrThrow', () => {
  it('stores numbered blocks and derives a title from the first sentence', async () => {
    const { slug } = await importArticleOrThrow({ text: 'Der Hund bellt laut. Die Katze schläft.\n\nZweiter Absatz.' });
    expect(slug).toBe('der-hund-bellt-laut');
    const article = await getArticleBySlug(slug);
    expect(article?.title).toBe('Der Hund bellt laut');
    expect(article?.blocks.map((b) => [b.n, b.kind, b.sentences])).toEqual([
      [1, 'paragraph', ['Der Hund bellt laut.', 'Die Katze schläft.']],
      [2, 'paragraph', ['Zweiter Absatz.']],
    ]);
  });

  it('gives every import its own slug', async () => {
    const a = await importArticleOrThrow({ title: 'Gleicher Titel', text: 'Ein Satz.' });
    const b = await importArticleOrThrow({ title: 'Gleicher Titel', text: 'Ein Satz.' });
    expect([a.slug, b.slug]).toEqual(['gleicher-titel', 'gleicher-titel-2']);
  });

  it('gives each of several simultaneous imports of one title its own slug', async () => {
    const slugs = await Promise.all(Array.from({ length: 5 }, () => importArticleOrThrow({ title: 'Zur selben Zeit', text: 'Ein Satz.' })));
    expect(new Set(slugs.map((s) => s.slug)).size).toBe(5);
  });

  it('lists articles newest first with their translation counts', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Neuester Artikel', text: 'Eins.\n\nZwei.' });
    const {
      entries: [first],
    } = await listArticles();
    expect(first).toMatchObject({ slug, title: 'Neuester Artikel', blockCount: 2, translatedCount: 0, firstWords: 'Eins.' });
  });

  it.each([
    ['empty text', { text: '' }, 'bad_input', /empty/],
    ['white space only', { text: ' \n\n \t ' }, 'bad_input', /empty/],
    ['text over 200,000 characters', { text: 'a'.repeat(200_001) }, 'too_large', /too long.*200,000/],
    ['control characters', { text: 'Hallo\u0000Welt.' }, 'bad_input', /control characters/],
    ['a title over 200 characters', { title: 'T'.repeat(201), text: 'Ein Satz.' }, 'bad_input', /title is too long/],
  ] as const)('refuses %s', async (_, input, code, message) => {
    await expectRefused(() => importArticleOrThrow(input), code, message);
  });

  it.each([
    ['half of an emoji in the text', { text: `Ein Fuchs ${'🦊'.slice(0, 1)}.` }, /The text contains half of a character \(U\+D83E, an unpaired surrogate/],
    ['a lone low surrogate in the title', { title: 'Titel \udc00', text: 'Ein Satz.' }, /The title contains half of a character \(U\+DC00/],
  ] as const)('refuses %s, naming it', async (_, input, message) => {
    await expectRefused(() => importArticleOrThrow(input), 'bad_input', message);
  });

  it('refuses more than 1,000 paragraphs, saying to split the text, and accepts exactly 1,000', async () => {
    const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `Absatz ${i + 1}.`).join('\n\n');
    await expectRefused(
      () => importArticleOrThrow({ title: 'Zu viele', text: paragraphs(MAX_ARTICLE_BLOCKS + 1) }),
      'too_large',
      /The text has 1,001 paragraphs \(parts separated by a blank line\); an article can have at most 1,000: split it into several articles\./,
    );
    await expectRefused(() => importArticleOrThrow({ title: 'Viel zu viele', text: 'Wort\n\n'.repeat(20_000) }), 'too_large', /20,000 paragraphs/);
    const { slug } = await importArticleOrThrow({ title: 'Genau genug', text: paragraphs(MAX_ARTICLE_BLOCKS) });
    expect((await getArticleBySlug(slug))?.blocks).toHaveLength(MAX_ARTICLE_BLOCKS);
  });

  it('counts CRLF line breaks as one character, as the import form counts, and stores LF', async () => {
    const line = 'Ein ganz normaler Satz steht hier.';
    const lines = Math.floor(MAX_ARTICLE_CHARS / (line.length + 1));
    const lf = `${Array(lines).fill(line).join('\n')}\n`.padEnd(MAX_ARTICLE_CHARS, 'x');
    expect(lf.length).toBe(MAX_ARTICLE_CHARS);
    const crlf = lf.replace(/\n/g, '\r\n');
    const { slug } = await importArticleOrThrow({ title: 'Windows-Zeilen', text: crlf });
    const article = await getArticleBySlug(slug);
    expect(article?.blocks.map((b) => b.text).join(' ')).not.toContain('\r');
    await expectRefused(() => importArticleOrThrow({ title: 'Eins zu viel', text: `${crlf}y` }), 'too_large', /too long \(200,001 characters\)/);
  });

  it('accepts exactly 200,000 characters', async () => {
    const sentence = 'Das ist ein ganz normaler Satz. ';
    const text = sentence.repeat(Math.ceil(200_000 / sentence.length)).slice(0, 200_000);
    await expect(importArticleOrThrow({ title: 'Lang', text })).resolves.toMatchObject({ slug: 'lang' });
  });
});

describe('a leading heading and the title', () => {
  const blocksOf = async (slug: string) => (await getArticleBySlug(slug))!.blocks.map((b) => [b.n, b.kind, b.text]);

  it('"# Überschrift" becomes the title, and paragraph 1 is the first paragraph', async () => {
    const { slug } = await importArticleOrThrow({ text: '# Überschrift\n\nErster Absatz.\n\nZweiter Absatz.' });
    expect((await getArticleBySlug(slug))?.title).toBe('Überschrift');
    expect(await blocksOf(slug)).toEqual([
      [1, 'paragraph', 'Erster Absatz.'],
      [2, 'paragraph', 'Zweiter Absatz.'],
    ]);
  });

  it('a headline pasted without "#" (a short line without final punctuation), or a heading with no blank line after it, likewise', async () => {
    const pasted = await importArticleOrThrow({ text: 'Kim reist nach Russland\n\nErster Absatz.' });
    expect((await getArticleBySlug(pasted.slug))?.title).toBe('Kim reist nach Russland');
    expect(await blocksOf(pasted.slug)).toEqual([[1, 'paragraph', 'Erster Absatz.']]);
    const tight = await importArticleOrThrow({ text: '# Was nun?\nErster Absatz.' });
    expect((await getArticleBySlug(tight.slug))?.title).toBe('Was nun?');
    expect(await blocksOf(tight.slug)).toEqual([[1, 'paragraph', 'Erster Absatz.']]);
  });

  it('a given title equal to the heading: the heading is not repeated as paragraph 1', async () => {
    const { slug } = await importArticleOrThrow({ title: '  Überschrift ', text: '# Überschrift\n\nErster Absatz.' });
    expect(await blocksOf(slug)).toEqual([[1, 'paragraph', 'Erster Absatz.']]);
  });

  it('a given title that differs: the heading stays paragraph 1', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Mein Titel', text: '# Überschrift\n\nErster Absatz.' });
    expect((await getArticleBySlug(slug))?.title).toBe('Mein Titel');
    expect(await blocksOf(slug)).toEqual([
      [1, 'heading', 'Überschrift'],
      [2, 'paragraph', 'Erster Absatz.'],
    ]);
  });

  it('a text that is only a heading keeps it as paragraph 1; a heading longer than a title stays in the text', async () => {
    const only = await importArticleOrThrow({ text: '# Nur eine Überschrift' });
    expect(await blocksOf(only.slug)).toEqual([[1, 'heading', 'Nur eine Überschrift']]);
    const long = `# ${'Sehr lange Überschrift '.repeat(10).trim()}\n\nErster Absatz.`;
    const kept = await importArticleOrThrow({ text: long });
    expect((await blocksOf(kept.slug))[0]).toEqual([1, 'heading', 'Sehr lange Überschrift '.repeat(10).trim()]);
    expect((await getArticleBySlug(kept.slug))?.title).toMatch(/…$/);
  });
});

describe('listArticles', () => {
  it('pages the library, 30 articles a page, newest first', async () => {
    for (let i = 0; i < 35; i++) await importArticleOrThrow({ title: `Seite ${i}`, text: `Satz ${i}.` });
    const first = await listArticles(1);
    const second = await listArticles(2);
    expect(first.entries).toHaveLength(30);
    expect(first.entries[0].title).toBe('Seite 34');
    expect(first.pages).toBe(second.pages);
    expect(first.total).toBeGreaterThanOrEqual(35);
    expect(second.entries.map((e) => e.slug)).not.toContain(first.entries[29].slug);
    expect((await listArticles(999)).entries).toEqual(second.pages === 2 ? second.entries : (await listArticles(second.pages)).entries);
  });
});

describe('readTextFileOrThrow', () => {
  it('reads UTF-8 text files, with or without a byte-order mark', async () => {
    expect(await readTextFileOrThrow(new File(['Grüße aus Köln.'], 'artikel.txt'))).toBe('Grüße aus Köln.');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('# Überschrift')]);
    expect(await readTextFileOrThrow(new File([bom], 'artikel.md'))).toBe('# Überschrift');
  });

  it.each([
    ['Latin-1 bytes', new File([new Uint8Array([0x47, 0x72, 0xfc, 0xdf, 0x65])], 'alt.txt'), /not UTF-8/],
    ['a binary file', new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])], 'artikel.txt'), /not a text file/],
    ['a Word document', new File(['x'], 'artikel.docx'), /not a .txt or .md file/],
    ['a file over 1 MB', new File([new Uint8Array(1_000_001).fill(0x61)], 'gross.txt'), /at most 200,000 characters/],
  ])('refuses %s', async (_, file, message) => {
    await expect(readTextFileOrThrow(file)).rejects.toThrow(message);
  });
});
