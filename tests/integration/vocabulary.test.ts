// Vocabulary notes against a real database and the fake DeepL: saving, searching, privacy between
// learners, look-ups in context through the cache, and CSV/Anki files that survive a round trip.
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { importArticleOrThrow } from '@/lib/articles/import-article';
import { cacheKeyFor } from '@/lib/translation/cache-key';
import { getTranslationSettings } from '@/lib/translation/settings';
import { db } from '@/lib/db';
import { errorResponse } from '@/lib/http';
import { notesToAnki } from '@/lib/vocabulary/anki';
import { notesToCsv } from '@/lib/vocabulary/csv';
import { importNotesCsv, withImportSlotOrThrow } from '@/lib/vocabulary/import-csv';
import { learnerIdFromCookie, newLearner } from '@/lib/vocabulary/learner';
import { MAX_CONCURRENT_IMPORTS, MAX_NOTES_PER_LEARNER } from '@/lib/vocabulary/limits';
import { notePagesOldestFirst } from '@/lib/vocabulary/notes-bulk';
import { lookUpSelection } from '@/lib/vocabulary/lookup';
import { deleteNote, getNote, listNotes, newNoteId, noteArticles, notesInTexts, saveNote, updateNote } from '@/lib/vocabulary/notes';
import { resetLookupLimitForTests, takeLookupOrThrow } from '@/lib/vocabulary/rate-limit';
import { useFakeDeepL } from '../support/fake-deepl-env';

const fake = useFakeDeepL();

const text = [
  'Geld und Bänke',
  'Ich habe mein Geld zur Bank gebracht. Die Bank gibt mir einen Kredit.',
  'Im Park sitzen wir auf einer Bank am Fluss.',
  'Der Weltraumbahnhof liegt im Osten. Am Weltraumbahnhof wartet Kim.',
].join('\n\n');

async function learner(): Promise<string> {
  return (await newLearner()).id;
}

beforeEach(() => resetLookupLimitForTests());

describe('saving notes', () => {
  it('saves, edits, finds and deletes a note, with its sentence and paragraph', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Bank', text });
    const me = await learner();
    const { note, created } = await saveNote(me, { term: 'Bank', translation: 'bank', note: 'Geld!', articleSlug: slug, paragraph: 2 });
    expect(created).toBe(true);
    expect(note).toMatchObject({ term: 'Bank', articleTitle: 'Bank', paragraph: 2, context: 'Ich habe mein Geld zur Bank gebracht.' });

    const edited = await updateNote(me, note.id, { baseForm: 'Bank', nounArticle: 'die', note: 'Geldinstitut' });
    expect(edited).toMatchObject({ baseForm: 'Bank', nounArticle: 'die', note: 'Geldinstitut', translation: 'bank' });
    expect((await listNotes(me, { search: 'geldinst' })).map((n) => n.id)).toEqual([note.id]);
    expect(await listNotes(me, { search: 'bench' })).toEqual([]);

    const deleted = await deleteNote(me, note.id);
    expect(deleted.term).toBe('Bank');
    expect(await listNotes(me)).toEqual([]);
    // Undo: the deleted note posted back keeps its date.
    const restored = await saveNote(me, { ...deleted, createdAt: deleted.createdAt });
    expect(restored.note.createdAt).toBe(deleted.createdAt);
  });

  it('merges a second save of the same term and translation, and keeps two senses apart', async () => {
    const me = await learner();
    const first = await saveNote(me, { term: 'Bank', translation: 'bank' });
    const again = await saveNote(me, { term: 'bank', translation: 'Bank', note: 'added later' });
    expect(again).toMatchObject({ created: false, note: { id: first.note.id, note: 'added later' } });
    const bench = await saveNote(me, { term: 'Bank', translation: 'bench' });
    expect(bench.created).toBe(true);
    await expect(updateNote(me, bench.note.id, { translation: 'BANK' })).rejects.toThrow(/already have a note for "Bank"/);
  });

  it('sorts newest first or A to Z in German order, and filters by article', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Sortieren', text });
    const me = await learner();
    for (const term of ['Zug', 'Ärger', 'Apfel', 'über']) await saveNote(me, { term });
    await saveNote(me, { term: 'Weltraumbahnhof', articleSlug: slug, paragraph: 4 });
    expect((await listNotes(me, { sort: 'az' })).map((n) => n.term)).toEqual(['Apfel', 'Ärger', 'über', 'Weltraumbahnhof', 'Zug']);
    expect((await listNotes(me)).map((n) => n.term)[0]).toBe('Weltraumbahnhof');
    expect((await listNotes(me, { articleSlug: slug })).map((n) => n.term)).toEqual(['Weltraumbahnhof']);
    expect(await noteArticles(me)).toEqual([{ slug, title: 'Sortieren', count: 1 }]);
  });

  it('refuses a paragraph the article does not have, and an article that does not exist', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Kurz', text });
    const me = await learner();
    await expect(saveNote(me, { term: 'Bank', articleSlug: slug, paragraph: 99 })).rejects.toThrow(/has no paragraph 99/);
    await expect(saveNote(me, { term: 'Bank', articleSlug: 'gibt-es-nicht' })).rejects.toThrow(/no article "gibt-es-nicht"/);
    expect(await listNotes(me)).toEqual([]);
  });
});

describe('learners are private', () => {
  it('never lets one learner read, change, delete or list another learner’s notes', async () => {
    const [alice, bob] = [await learner(), await learner()];
    const { note } = await saveNote(alice, { term: 'Geheimnis', translation: 'secret', note: 'nur für mich' });
    await expect(getNote(bob, note.id)).rejects.toThrow(/No such note/);
    await expect(updateNote(bob, note.id, { note: 'hacked' })).rejects.toThrow(/No such note/);
    await expect(deleteNote(bob, note.id)).rejects.toThrow(/No such note/);
    expect(await listNotes(bob)).toEqual([]);
    expect(await listNotes(bob, { search: 'Geheimnis' })).toEqual([]);
    expect(await notesInTexts(bob, ['Das Geheimnis bleibt.'])).toEqual([]);
    expect(await noteArticles(bob)).toEqual([]);
    expect((await getNote(alice, note.id)).note).toBe('nur für mich');
  });

  it('accepts only cookies this instance signed', async () => {
    const { id, cookie } = await newLearner();
    expect(await learnerIdFromCookie(cookie)).toBe(id);
    const [, signature] = cookie.split('.');
    const other = (await newLearner()).id;
    expect(await learnerIdFromCookie(`${other}.${signature}`)).toBeNull(); // someone else's id, my signature
    expect(await learnerIdFromCookie(`${id}.${signature.slice(0, -2)}AA`)).toBeNull();
    expect(await learnerIdFromCookie(id)).toBeNull();
    expect(await learnerIdFromCookie('../../etc/passwd')).toBeNull();
    expect(await learnerIdFromCookie(undefined)).toBeNull();
  });
});

describe('looking up a selection', () => {
  it('sends the sentence as DeepL context, and the context is part of the cache key', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Kontext', text });
    const me = await learner();
    const money = await lookUpSelection(me, { slug, paragraph: 2, sentence: 0, text: 'Bank' });
    const bench = await lookUpSelection(me, { slug, paragraph: 3, sentence: 0, text: 'Bank' });
    expect(money).toMatchObject({ term: 'Bank', context: 'Ich habe mein Geld zur Bank gebracht.', translation: 'EN(Bank)', isNoun: true });
    expect(bench.context).toBe('Im Park sitzen wir auf einer Bank am Fluss.');
    // Two contexts, two requests: each with its own sentence, and only the selection billed.
    expect(fake.get().requests.map((r) => [r.texts, r.params.context])).toEqual([
      [['Bank'], 'Ich habe mein Geld zur Bank gebracht.'],
      [['Bank'], 'Im Park sitzen wir auf einer Bank am Fluss.'],
    ]);
    expect(fake.get().billedChars).toBe(8);
    const settings = getTranslationSettings();
    for (const context of [money.context, bench.context]) {
      expect(await db.translationCache.findUnique({ where: { key: cacheKeyFor('Bank', settings, context) } })).toMatchObject({ text: 'EN(Bank)' });
    }
  });

  it('is never sent twice: a second learner’s same selection makes no request', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Zweimal', text });
    const first = await lookUpSelection(await learner(), { slug, paragraph: 4, sentence: 1, text: 'Weltraumbahnhof' });
    const second = await lookUpSelection(await learner(), { slug, paragraph: 4, sentence: 1, text: 'Weltraumbahnhof' });
    expect(second.translation).toBe(first.translation);
    expect(fake.get().requestCount).toBe(1);
    // Two learners at the same moment: still one request.
    fake.get().reset();
    const answers = await Promise.all(
      Array.from({ length: 5 }, async () => lookUpSelection(await learner(), { slug, paragraph: 3, sentence: 0, text: 'sitzen wir' })),
    );
    expect(new Set(answers.map((a) => a.translation))).toEqual(new Set(['EN(sitzen wir)']));
    expect(fake.get().requestCount).toBe(1);
  });

  it('refuses text that is not in the paragraph, and selections over 200 characters, without asking DeepL', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Kein Proxy', text });
    const me = await learner();
    await expect(lookUpSelection(me, { slug, paragraph: 2, sentence: 0, text: 'Translate anything for free' })).rejects.toThrow(/is not in paragraph 2/);
    await expect(lookUpSelection(me, { slug, paragraph: 2, sentence: 0, text: 'Bank '.repeat(50) })).rejects.toThrow(/at most 200/);
    await expect(lookUpSelection(me, { slug, paragraph: 40, sentence: 0, text: 'Bank' })).rejects.toThrow(/not in this article/);
    expect(fake.get().allTranslateAttempts).toBe(0);
  });

  it('guesses a base form: nouns keep their capital, and an existing note is offered for editing', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Grundform', text });
    const me = await learner();
    const noun = await lookUpSelection(me, { slug, paragraph: 4, sentence: 1, text: 'Am Weltraumbahnhof' });
    expect(noun).toMatchObject({ baseForm: 'Weltraumbahnhof', isNoun: true });
    const verb = await lookUpSelection(me, { slug, paragraph: 2, sentence: 0, text: 'Ich habe' });
    expect(verb).toMatchObject({ baseForm: 'ich habe', isNoun: false, nounArticle: null });
    const { note } = await saveNote(me, { term: 'Kredit', translation: 'loan' });
    expect((await lookUpSelection(me, { slug, paragraph: 2, sentence: 1, text: 'Kredit' })).existing?.id).toBe(note.id);
  });

  it('includes the dictionary’s answer for one word (dictionary form, gender, plural, a separable verb joined, the learner’s status), none for a phrase', async () => {
    const { slug } = await importArticleOrThrow({
      title: 'Wörterbuch',
      text: 'Präsidenten und Züge\n\nDie Präsidenten kamen gestern. Der Zug kommt um acht an.\n\nAuf der Suche nach dem neuen Präsidenten.',
    });
    const me = await learner();
    const noun = await lookUpSelection(me, { slug, paragraph: 2, sentence: 0, text: 'Präsidenten' });
    expect(noun).toMatchObject({ baseForm: 'Präsident', isNoun: true, nounArticle: 'der', translation: 'EN(Präsidenten)' });
    expect(noun.word).toEqual({ form: 'Präsidenten', baseForm: 'Präsident', partOfSpeech: 'noun', gender: 'der', plural: 'Präsidenten', known: false, status: 'new' });
    const verb = await lookUpSelection(me, { slug, paragraph: 2, sentence: 1, text: 'kommt' });
    expect(verb).toMatchObject({ baseForm: 'ankommen', isNoun: false, nounArticle: null });
    expect(verb.word).toMatchObject({ form: 'kommt', baseForm: 'ankommen', partOfSpeech: 'verb', gender: null, plural: null });
    expect((await lookUpSelection(me, { slug, paragraph: 2, sentence: 0, text: 'kamen' })).word?.baseForm).toBe('kommen');
    // A phrase: no word answer, no gender.
    const phrase = await lookUpSelection(me, { slug, paragraph: 3, sentence: 0, text: 'Auf der Suche' });
    expect(phrase).toMatchObject({ word: null, isNoun: false, nounArticle: null });
    // An article and its noun: no one-word answer, but the noun's dictionary form and gender.
    expect(await lookUpSelection(me, { slug, paragraph: 2, sentence: 0, text: 'Die Präsidenten' })).toMatchObject({
      word: null, baseForm: 'Präsident', isNoun: true, nounArticle: 'der',
    });
    // Saved with its dictionary form, the word is "learning" for this learner, and for no one else.
    await saveNote(me, { term: 'Präsidenten', baseForm: 'Präsident', nounArticle: 'der', translation: 'presidents' });
    expect((await lookUpSelection(me, { slug, paragraph: 2, sentence: 0, text: 'Präsidenten' })).word).toMatchObject({ status: 'learning', known: false });
    expect((await lookUpSelection(await learner(), { slug, paragraph: 2, sentence: 0, text: 'Präsidenten' })).word).toMatchObject({ status: 'new' });
  });

  it('says "slow down" past 60 look-ups a minute, for that learner only', async () => {
    const now = 1_000_000;
    for (let i = 0; i < 60; i++) await takeLookupOrThrow(['learner:a'], now + i);
    await expect(takeLookupOrThrow(['learner:a'], now + 100)).rejects.toThrow(/Slow down: at most 60 look-ups a minute. Try again in 60 seconds/);
    await expect(takeLookupOrThrow(['learner:b'], now + 100)).resolves.toBeUndefined();
    await expect(takeLookupOrThrow(['learner:a'], now + 60_001)).resolves.toBeUndefined();
  });
});

describe('marks', () => {
  it('finds the learner’s terms by surface or base form, whole words, any case', async () => {
    const me = await learner();
    const { note: station } = await saveNote(me, { term: 'Weltraumbahnhofs', baseForm: 'Weltraumbahnhof' });
    const { note: phrase } = await saveNote(me, { term: 'zu Gesprächen zusammen' });
    await saveNote(me, { term: 'Raum' }); // only inside a longer word: not marked
    const found = await notesInTexts(me, ['Sie kamen am WELTRAUMBAHNHOF zu Gesprächen zusammen.']);
    expect(found.map((n) => n.id).sort()).toEqual([station.id, phrase.id].sort());
  });
});

describe('CSV and Anki files', () => {
  const tricky = {
    term: 'Anführungszeichen "so", mit Komma',
    translation: '=cmd|" /C calc"!A0',
    baseForm: '+SUM(1)',
    note: 'Zeile eins\nZeile zwei, mit „Umlauten“: äöüß 🚀\n@mention -minus',
    context: 'Ein Satz mit Anführungszeichen "so", mit Komma.',
  };

  it('round-trips quotes, commas, newlines, umlauts and formula-like cells, neutralised for spreadsheets', async () => {
    const [alice, bob] = [await learner(), await learner()];
    await saveNote(alice, tricky);
    await saveNote(alice, { term: 'Bank', translation: 'bank', nounArticle: 'die' });
    const csv = notesToCsv(await listNotes(alice));
    // What a spreadsheet would see: no cell starts a formula.
    const cells = (parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]).flat();
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
    expect(cells).toContain("'=cmd|\" /C calc\"!A0");

    const report = await importNotesCsv(bob, csv);
    expect(report).toEqual({ added: 2, merged: 0, errors: [] });
    const back = (await listNotes(bob)).find((n) => n.term === tricky.term);
    expect(back).toMatchObject(tricky);
    // Importing the same file again merges instead of doubling.
    expect(await importNotesCsv(bob, csv)).toEqual({ added: 0, merged: 2, errors: [] });
    expect(await listNotes(bob)).toHaveLength(2);
  });

  it('keeps the good rows of a file with bad ones and names their lines', async () => {
    const me = await learner();
    const csv = [
      'term,translation,note',
      'Haus,house,"zwei',
      'Zeilen"',
      ',empty term,',
      `${'x'.repeat(201)},too long,`,
      'Baum,tree,',
    ].join('\n');
    const report = await importNotesCsv(me, csv);
    expect(report.added).toBe(2);
    expect(report.errors.map((e) => e.line)).toEqual([4, 5]);
    expect(report.errors[0].message).toMatch(/term is empty/i);
    expect(report.errors[1].message).toMatch(/at most 200/);
    expect((await listNotes(me, { sort: 'az' })).map((n) => n.term)).toEqual(['Baum', 'Haus']);
  });

  it('writes an Anki file that Anki imports without mapping: headers, columns, article on the front, sentence with the term in bold', async () => {
    const me = await learner();
    const { slug } = await importArticleOrThrow({ title: 'Anki', text });
    await saveNote(me, { term: 'Weltraumbahnhof', translation: 'spaceport', nounArticle: 'der', note: '<script>alert(1)</script>', articleSlug: slug, paragraph: 4 });
    const lines = notesToAnki(await listNotes(me)).trimEnd().split('\n');
    const headers = lines.filter((l) => l.startsWith('#'));
    expect(headers).toEqual(expect.arrayContaining(['#separator:tab', '#html:true', '#notetype:Basic']));
    const columns = headers.find((h) => h.startsWith('#columns:'))!.slice('#columns:'.length).split('\t');
    expect(columns.slice(0, 2)).toEqual(['Front', 'Back']);
    const [record] = lines.filter((l) => !l.startsWith('#'));
    const fields = record.split('\t');
    expect(fields).toHaveLength(columns.length);
    expect(fields[0]).toBe('der Weltraumbahnhof');
    expect(fields[1]).toContain('spaceport');
    expect(fields[1]).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(fields[1]).toContain('Der <b>Weltraumbahnhof</b> liegt im Osten.');
  });
});

describe('CSV import: every good row in one transaction', () => {
  /** A file of `count` rows "Wort<i>,word <i>". */
  const rowsFile = (count: number, from = 0) =>
    `term,translation\n${Array.from({ length: count }, (_, i) => `Wort${from + i},word ${from + i}`).join('\n')}\n`;

  it('merges rows into notes the learner has, and a later row of the file into an earlier one, filling only empty fields', async () => {
    const me = await learner();
    const { note: mine } = await saveNote(me, { term: 'Bank', translation: 'bank', note: 'meine Notiz' });
    const csv = ['term,translation,base_form,note', 'bank,Bank,Bank,aus der Datei', 'Zug,train,,', 'zug,TRAIN,Zug,Bahn', 'Zug,train,,später'].join('\n');
    expect(await importNotesCsv(me, csv)).toEqual({ added: 1, merged: 3, errors: [] });
    const notes = await listNotes(me, { sort: 'az' });
    expect(notes.map((n) => [n.id === mine.id, n.term, n.baseForm, n.note])).toEqual([
      [true, 'Bank', 'Bank', 'meine Notiz'],
      [false, 'Zug', 'Zug', 'Bahn'],
    ]);
    // The merged note is still found by its base form (the marks index).
    expect((await notesInTexts(me, ['Der Zug fährt.'])).map((n) => n.term)).toEqual(['Zug']);
  });

  it('takes the title and the sentence of an article this instance has, keeps what the file says of one it lacks', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Bänke', text });
    const me = await learner();
    const csv = ['term,article_slug,article_title,paragraph', `Kredit,${slug},alter Titel,2`, 'Fluss,anderswo,Ein anderer Artikel,3'].join('\n');
    expect(await importNotesCsv(me, csv)).toMatchObject({ added: 2, errors: [] });
    const notes = await listNotes(me, { sort: 'az' });
    expect(notes.map((n) => [n.term, n.articleSlug, n.articleTitle, n.paragraph, n.context])).toEqual([
      ['Fluss', 'anderswo', 'Ein anderer Artikel', 3, ''],
      ['Kredit', slug, 'Bänke', 2, 'Die Bank gibt mir einen Kredit.'],
    ]);
  });

  it('saves nothing when the database fails part way, and the error the learner gets names no database detail', async () => {
    const me = await learner();
    await db.$executeRawUnsafe(
      "CREATE TRIGGER fail_import BEFORE INSERT ON VocabularyNote WHEN NEW.term = 'Wort600' BEGIN SELECT RAISE(ABORT, 'SQLITE internal detail'); END",
    );
    try {
      const failed = await importNotesCsv(me, rowsFile(1_000)).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(Error);
      expect(await listNotes(me)).toEqual([]);
      const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const answer = errorResponse(failed);
      expect(answer.status).toBe(500);
      expect(JSON.stringify(await answer.json())).not.toMatch(/SQLITE|trigger|VocabularyNote/i);
      expect(spy).toHaveBeenCalledWith(failed);
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER fail_import');
    }
  });

  it('an import that fails keeps every note other learners saved meanwhile (its transaction holds only its own rows)', async () => {
    const [me, other] = [await learner(), await learner()];
    await db.$executeRawUnsafe(
      "CREATE TRIGGER fail_import BEFORE INSERT ON VocabularyNote WHEN NEW.term = 'Wort1999' BEGIN SELECT RAISE(ABORT, 'boom'); END",
    );
    try {
      const saves = Array.from({ length: 40 }, (_, i) => saveNote(other, { term: `Nebenbei${i}`, translation: `aside ${i}` }));
      const outcome = await Promise.allSettled([importNotesCsv(me, rowsFile(2_000)), ...saves]);
      expect(outcome[0].status).toBe('rejected');
      expect(outcome.slice(1).every((o) => o.status === 'fulfilled')).toBe(true);
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER fail_import');
    }
    expect(await listNotes(me)).toEqual([]);
    expect(await listNotes(other)).toHaveLength(40);
  });

  it(`refuses a file that would pass ${MAX_NOTES_PER_LEARNER.toLocaleString('en')} notes whole, merging rows still count as nothing new`, async () => {
    const me = await learner();
    expect(await importNotesCsv(me, rowsFile(MAX_NOTES_PER_LEARNER - 2))).toMatchObject({ added: MAX_NOTES_PER_LEARNER - 2 });
    await expect(importNotesCsv(me, rowsFile(5, MAX_NOTES_PER_LEARNER - 4))).rejects.toMatchObject({
      code: 'too_large',
      message: expect.stringContaining(`would give you 20,001 notes; one learner can keep 20,000. Nothing was imported`),
    });
    expect(await db.vocabularyNote.count({ where: { learnerId: me } })).toBe(MAX_NOTES_PER_LEARNER - 2);
    // Two new rows and three it has: fits exactly.
    expect(await importNotesCsv(me, rowsFile(5, MAX_NOTES_PER_LEARNER - 5))).toMatchObject({ added: 2, merged: 3 });
  });
});

describe('imports at once', () => {
  it(`runs ${MAX_CONCURRENT_IMPORTS} at a time; one more is refused (503) before its file is read, and a failed one frees its place`, async () => {
    const releases: Array<() => void> = [];
    const running = Array.from({ length: MAX_CONCURRENT_IMPORTS }, () => withImportSlotOrThrow(() => new Promise<void>((resolve) => releases.push(resolve))));
    const read = vi.fn(async () => 'imported');
    await expect(withImportSlotOrThrow(read)).rejects.toMatchObject({ code: 'unavailable', status: 503, message: expect.stringMatching(/try again in a minute/) });
    expect(read).not.toHaveBeenCalled();
    for (const release of releases) release();
    await Promise.all(running);
    await expect(withImportSlotOrThrow(() => Promise.reject(new Error('broken file')))).rejects.toThrow('broken file');
    const all = await Promise.all(Array.from({ length: MAX_CONCURRENT_IMPORTS }, () => withImportSlotOrThrow(read)));
    expect(all).toEqual(Array(MAX_CONCURRENT_IMPORTS).fill('imported'));
  });
});

describe('note ids', () => {
  it('are UUIDs version 7 that sort in the order they were made, thousands within one millisecond too', () => {
    const ids = Array.from({ length: 10_000 }, () => newNoteId(1_790_000_000_000));
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(newNoteId(1_000) > ids[ids.length - 1]).toBe(true); // a clock that goes back does not go back in ids
  });
});

describe('export pages', () => {
  it('read every note once, oldest first, across pages and notes saved in the same millisecond', async () => {
    const me = await learner();
    const created = '2026-03-01T10:00:00.000Z';
    const csv = `term,created_at\n${Array.from({ length: 10 }, (_, i) => `Wort${i},${i < 6 ? created : `2026-02-0${i - 5}T10:00:00.000Z`}`).join('\n')}\n`;
    await importNotesCsv(me, csv);
    const pages: string[][] = [];
    for await (const page of notePagesOldestFirst(me, 3)) pages.push(page.map((n) => n.term));
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 1]);
    const terms = pages.flat();
    expect(terms.slice(0, 4)).toEqual(['Wort6', 'Wort7', 'Wort8', 'Wort9']);
    expect(terms.slice(4).sort()).toEqual(['Wort0', 'Wort1', 'Wort2', 'Wort3', 'Wort4', 'Wort5']);
    expect(terms.slice(4)).toEqual((await listNotes(me)).filter((n) => n.createdAt === created).map((n) => n.term).reverse());
  });
});
