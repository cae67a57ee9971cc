// Words by their dictionary form against a real database: notes mark every form of their lemma, word
// statuses per learner, coverage arithmetic, the start-up passes over old notes and articles, the limits.
import { describe, expect, it } from 'vitest';
import { importArticleOrThrow } from '@/lib/articles/import-article';
import { db } from '@/lib/db';
import { exportNotesStream } from '@/lib/vocabulary/export';
import { newLearner } from '@/lib/vocabulary/learner';
import { MAX_KNOWN_WORDS, MAX_STATUS_LEMMAS } from '@/lib/vocabulary/limits';
import { notesInTexts, saveNote, updateNote } from '@/lib/vocabulary/notes';
import { setWordStatuses, wordStatusBodySchema, wordStatusOf } from '@/lib/vocabulary/word-status';
import { articleForWords, articleWords, indexArticleLemmas } from '@/lib/words/article-lemmas';
import { fillArticleLemmas, fillNoteLemmas, NOTE_PASS_DONE } from '@/lib/words/backfill';
import { coverageOf } from '@/lib/words/coverage';
import { coverageOf as readerCoverage, indexWords, wordStatuses } from '@/app/_components/reader/word-statuses';
import { tokenize } from '@/lib/vocabulary/marks';
import type { MarkNote } from '@/lib/vocabulary/types';
import { useFakeDeepL } from '../support/fake-deepl-env';

useFakeDeepL();

const learner = async () => (await newLearner()).id;

/** What the reader marks: each word of the article whose lemma has one of these notes, as "word→note term". */
async function markedWords(slug: string, learnerId: string): Promise<string[]> {
  const article = (await articleForWords(slug))!;
  const words = await articleWords(article);
  const notes = await notesInTexts(learnerId, article.blocks.flatMap((b) => b.sentences), words.lemmas);
  const { noteOf } = wordStatuses(indexWords(words), notes, new Set());
  const byId = new Map<string, MarkNote>(notes.map((n) => [n.id, n]));
  const marked: string[] = [];
  article.blocks.forEach((block, b) =>
    block.sentences.forEach((sentence, s) => {
      const ids = words.blocks[b].sentences[s];
      tokenize(sentence).forEach((t, j) => {
        const note = ids[j] >= 0 ? noteOf[ids[j]] : undefined;
        if (note) marked.push(`${sentence.slice(t.start, t.end)}→${byId.get(note)!.term}`);
      });
    }),
  );
  return marked;
}

describe('marks by dictionary form', () => {
  it('a note for "kommen" marks kam, kommt and gekommen, in an article it was not saved from', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Kommen', text: 'Gestern kam er spät. Heute kommt sie früh.\n\nWir sind gekommen, um zu bleiben.' });
    const me = await learner();
    await saveNote(me, { term: 'kommen', translation: 'to come', baseForm: 'kommen' });
    expect(await markedWords(slug, me)).toEqual(['kam→kommen', 'kommt→kommen', 'gekommen→kommen']);
    // Another learner's article view marks nothing of it.
    expect(await markedWords(slug, await learner())).toEqual([]);
  });

  it('a note for "ankommen" marks both parts of "kommt ... an", and not the plain "kommt"', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Ankunft', text: 'Der Zug kommt um acht Uhr in Berlin an. Er kommt aus Köln.' });
    const me = await learner();
    await saveNote(me, { term: 'kommt an', translation: 'arrives', baseForm: 'ankommen' });
    expect(await markedWords(slug, me)).toEqual(['kommt→kommt an', 'an→kommt an']);
  });

  it('an old note whose base form is an inflected form still marks the whole verb; a correction counts', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Kamen', text: 'Sie kamen am Abend. Er kommt am Morgen.' });
    const me = await learner();
    const { note } = await saveNote(me, { term: 'kamen', translation: 'came' });
    expect(note.lemma).toBe('kommen');
    expect(await markedWords(slug, me)).toEqual(['kamen→kamen', 'kommt→kamen']);
    const corrected = await updateNote(me, note.id, { baseForm: 'Abend' });
    expect(corrected.lemma).toBe('abend');
    expect(await markedWords(slug, me)).toEqual(['Abend→kamen']);
  });
});

describe('word statuses', () => {
  it('is new, learning with a note, known once marked, and new again when unmarked; private to the learner', async () => {
    const me = await learner();
    expect(await wordStatusOf(me, 'Präsident')).toBe('new');
    await saveNote(me, { term: 'Präsidenten', translation: 'president' });
    expect(await wordStatusOf(me, 'präsident')).toBe('learning');
    expect(await setWordStatuses(me, { lemmas: ['Präsident', 'Hund', 'hund'], status: 'known' })).toEqual({ updated: 2 });
    expect(await wordStatusOf(me, 'präsident')).toBe('known');
    expect(await wordStatusOf(me, 'hund')).toBe('known');
    expect(await wordStatusOf(await learner(), 'hund')).toBe('new');
    expect(await wordStatusOf(null, 'hund')).toBe('new');
    // Marking known again changes nothing; unmarking leaves the note's "learning".
    expect(await setWordStatuses(me, { lemmas: ['hund'], status: 'known' })).toEqual({ updated: 0 });
    expect(await setWordStatuses(me, { lemmas: ['präsident', 'hund'], status: 'new' })).toEqual({ updated: 2 });
    expect(await wordStatusOf(me, 'präsident')).toBe('learning');
    expect(await wordStatusOf(me, 'hund')).toBe('new');
  });

  it('refuses bad input with a message, and a learner past the known-word limit whole', async () => {
    const bad = (body: unknown) => {
      const parsed = wordStatusBodySchema.safeParse(body);
      return parsed.success ? null : parsed.error.issues[0].message;
    };
    expect(bad({ lemmas: [], status: 'known' })).toMatch(/empty/);
    expect(bad({ lemmas: ['a'.repeat(65)], status: 'known' })).toMatch(/at most 64/);
    expect(bad({ lemmas: ['hund\u0000'], status: 'known' })).toMatch(/control/);
    expect(bad({ lemmas: ['hund\u202e'], status: 'known' })).toMatch(/control/);
    expect(bad({ lemmas: ['hund'], status: 'learning' })).toMatch(/"known" or "new"/);
    expect(bad({ lemmas: 'hund', status: 'known' })).toMatch(/list/);
    expect(bad({ lemmas: Array.from({ length: MAX_STATUS_LEMMAS + 1 }, (_, i) => `w${i}`), status: 'known' })).toMatch(/At most 2,000/);

    const me = await learner();
    await setWordStatuses(me, { lemmas: ['erste'], status: 'known' });
    const filler = JSON.stringify(Array.from({ length: MAX_KNOWN_WORDS - 1 }, (_, i) => `wort${i}`));
    await db.$executeRaw`INSERT INTO "WordStatus" ("learnerId", lemma, "createdAt") SELECT ${me}, value, ${new Date()} FROM json_each(${filler})`;
    await expect(setWordStatuses(me, { lemmas: ['neu', 'erste'], status: 'known' })).rejects.toMatchObject({ code: 'too_large', message: /100,000 known words.*Nothing was marked/ });
    expect(await wordStatusOf(me, 'neu')).toBe('new');
    // What is known already can be sent again; unmarking makes room.
    expect(await setWordStatuses(me, { lemmas: ['erste'], status: 'known' })).toEqual({ updated: 0 });
    await setWordStatuses(me, { lemmas: ['wort1'], status: 'new' });
    expect(await setWordStatuses(me, { lemmas: ['neu'], status: 'known' })).toEqual({ updated: 1 });
  });

  it('goes into the export as a list, and goes with the learner', async () => {
    const me = await learner();
    await setWordStatuses(me, { lemmas: ['zug', 'apfel', 'über'], status: 'known' });
    const text = await new Response(await exportNotesStream(me, 'known')).text();
    expect(text).toBe('apfel\nzug\nüber\n');
    await db.learner.delete({ where: { id: me } });
    expect(await db.wordStatus.count({ where: { learnerId: me } })).toBe(0);
  });
});

describe('coverage', () => {
  it('counts running words known or learning, on the server as in the reader', async () => {
    const { slug, id } = await importArticleOrThrow({ title: 'Hunde', text: 'Der Hund bellt. Der Hund schläft 2023.' });
    await indexArticleLemmas(id);
    const me = await learner();
    expect(await coverageOf(me, [slug])).toEqual({ [slug]: { words: 6, known: 0, learning: 0, percent: 0 } });
    await setWordStatuses(me, { lemmas: ['der'], status: 'known' });
    await saveNote(me, { term: 'Hunde', translation: 'dogs' });
    expect(await coverageOf(me, [slug, 'no-such-article'])).toEqual({ [slug]: { words: 6, known: 2, learning: 2, percent: 66 } });
    // A known word with a note counts once, as known.
    await setWordStatuses(me, { lemmas: ['hund', 'bellen', 'schlafen'], status: 'known' });
    expect((await coverageOf(me, [slug]))[slug]).toEqual({ words: 6, known: 6, learning: 0, percent: 100 });
    expect((await coverageOf(null, [slug]))[slug].percent).toBe(0);

    // The reader's own figure agrees.
    const words = await articleWords((await articleForWords(slug))!);
    const notes = await notesInTexts(me, ['Der Hund bellt.'], words.lemmas);
    const { status } = wordStatuses(indexWords(words), notes, new Set(['der']));
    expect(readerCoverage(indexWords(words), status)).toEqual({ words: 6, percent: 66 });
  });
});

describe('the start-up passes', () => {
  it('index articles from before (or cut short by a kill) once, with the same counts, whoever runs them', async () => {
    const { slug, id } = await importArticleOrThrow({ title: 'Alt', text: 'Die Katze sitzt auf der Katze. Sie sitzen.' });
    await indexArticleLemmas(id);
    const complete = await db.articleLemma.findMany({ where: { articleId: id }, orderBy: { lemma: 'asc' } });
    expect(complete.find((r) => r.lemma === 'katze')?.count).toBe(2);
    expect(complete.find((r) => r.lemma === 'sitzen')?.count).toBe(2);
    // Killed part way: some rows written, the count not.
    await db.$executeRaw`UPDATE "Article" SET "runningWords" = NULL WHERE id = ${id}`;
    await db.articleLemma.deleteMany({ where: { articleId: id, lemma: { in: ['katze', 'sitzen'] } } });
    expect(await coverageOf(null, [slug])).toEqual({});
    // Two processes' passes at once.
    const [a, b] = await Promise.all([fillArticleLemmas(), fillArticleLemmas()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect(await db.articleLemma.findMany({ where: { articleId: id }, orderBy: { lemma: 'asc' } })).toEqual(complete);
    expect((await db.article.findUnique({ where: { id } }))?.runningWords).toBe(8);
    expect(await fillArticleLemmas()).toBe(0);
  });

  it('give old notes a dictionary form and lemma key once, keeping what the learner wrote', async () => {
    const me = await learner();
    await db.learner.upsert({ where: { id: me }, create: { id: me }, update: {} });
    const old = async (id: string, term: string, baseForm: string, context: string) =>
      db.$executeRaw`INSERT INTO "VocabularyNote" (id, "learnerId", term, "dedupeKey", "baseForm", context, "createdAt", "updatedAt")
        VALUES (${id}, ${me}, ${term}, ${id}, ${baseForm}, ${context}, ${new Date()}, ${new Date()})`;
    await old('old-1', 'Präsidenten', '', 'Die Präsidenten trafen sich.');
    await old('old-2', 'kamen', '', 'Sie kamen spät.');
    await old('old-3', 'kommt', '', 'Der Zug kommt um acht an.');
    await old('old-4', 'Bank', 'Sitzbank', 'Wir sitzen auf der Bank.');
    await old('old-5', 'Blablub', '', 'Ein Blablub.');
    await db.appSecret.deleteMany({ where: { name: NOTE_PASS_DONE } });

    // Cut short after the first batch: the rest is filled by the next run.
    await db.$executeRaw`UPDATE "VocabularyNote" SET lemma = 'präsident', "baseForm" = 'Präsident' WHERE id = 'old-1'`;
    const [first, second] = await Promise.all([fillNoteLemmas(), fillNoteLemmas()]);
    expect(first + second).toBe(4);
    const rows = await db.vocabularyNote.findMany({ where: { learnerId: me }, orderBy: { id: 'asc' }, select: { id: true, baseForm: true, nounArticle: true, lemma: true } });
    expect(rows).toEqual([
      { id: 'old-1', baseForm: 'Präsident', nounArticle: null, lemma: 'präsident' },
      { id: 'old-2', baseForm: 'kommen', nounArticle: null, lemma: 'kommen' },
      { id: 'old-3', baseForm: 'ankommen', nounArticle: null, lemma: 'ankommen' },
      { id: 'old-4', baseForm: 'Sitzbank', nounArticle: null, lemma: 'sitzbank' },
      { id: 'old-5', baseForm: '', nounArticle: null, lemma: 'blablub' },
    ]);
    // It recorded that it ran: a note made unfilled again is left to the learner's next edit.
    await db.$executeRaw`UPDATE "VocabularyNote" SET lemma = '' WHERE id = 'old-2'`;
    expect(await fillNoteLemmas()).toBe(0);
  });
});
