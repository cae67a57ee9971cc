// The data layer on a real PostgreSQL server (tests/support/postgres.ts starts one for this file): the
// committed PostgreSQL migrations, an article imported, translated through the fake DeepL and read back,
// vocabulary saved, merged, imported and exported, and the "create if missing" rows raced.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { migrateUrl } from '../support/migrate';
import { POSTGRES_MISSING, startPostgres } from '../support/postgres';
import { useFakeDeepL } from '../support/fake-deepl-env';

const server = await startPostgres();
if (server) {
  // Before the app's modules load: lib/db.ts builds its client from DATABASE_URL once.
  process.env.DATABASE_URL = await server.createDatabase('nebeneinander');
  migrateUrl(process.env.DATABASE_URL);
  resetEnvForTests();
} else {
  console.warn(POSTGRES_MISSING);
}
afterAll(async () => {
  await (await import('@/lib/db')).db.$disconnect();
  await server?.stop();
});

const { db, sqlDialect } = await import('@/lib/db');
const { importArticleOrThrow } = await import('@/lib/articles/import-article');
const { getArticleBySlug, listArticles } = await import('@/lib/articles/queries');
const { translateArticle } = await import('@/lib/articles/translate-article');
const { ensureDemoArticle } = await import('@/lib/articles/demo');
const { insertCachedRows, findCachedRows } = await import('@/lib/translation/cached-rows');
const { findFailures, recordFailures } = await import('@/lib/translation/failures');
const { TranslationError } = await import('@/lib/translation/types');
const { getTranslationStatus } = await import('@/lib/translation/status');
const { forgetInstanceSecretsForTests, instanceSecret } = await import('@/lib/instance-secret');
const { ensureLearnerRow, newLearner } = await import('@/lib/vocabulary/learner');
const { listNotes, notesInTexts, saveNote } = await import('@/lib/vocabulary/notes');
const { notePagesOldestFirst } = await import('@/lib/vocabulary/notes-bulk');
const { importNotesCsv } = await import('@/lib/vocabulary/import-csv');
const { MAX_NOTES_PER_LEARNER } = await import('@/lib/vocabulary/limits');
const { claimKeys, claimedChars, releaseClaims } = await import('@/lib/translation/claims');
const { applyPageChanges, recordPageChange } = await import('@/lib/cache/page-changes');
const { takeLookupOrThrow } = await import('@/lib/vocabulary/rate-limit');
const { throttledCheckOrThrow } = await import('@/lib/auth/throttle');
const { setWordStatuses, wordStatusOf, knownAmong } = await import('@/lib/vocabulary/word-status');
const { indexArticleLemmas, articleForWords, articleWords } = await import('@/lib/words/article-lemmas');
const { fillArticleLemmas, fillNoteLemmas, NOTE_PASS_DONE } = await import('@/lib/words/backfill');
const { coverageOf } = await import('@/lib/words/coverage');
const { exportNotesStream } = await import('@/lib/vocabulary/export');
const { importFromSourceOrThrow } = await import('@/lib/import/sources');
const { removeArticleOrThrow } = await import('@/lib/articles/remove-article');
const { buildEpub, CHAPTER_2_TEXTS } = await import('../support/epub');
const { gradeCardOrThrow, readQueue } = await import('@/lib/review/queue');
const { chooseKinds } = await import('@/lib/review/cards');
const { reviewHistory } = await import('@/lib/review/history');
const { createDeviceCode, redeemDeviceCodeOrThrow, INVALID_CODE, DEVICE_CODE_MINUTES } = await import('@/lib/devices/codes');
const { linkFirstDevice, addDeviceOrThrow, revokeDeviceOrThrow } = await import('@/lib/devices/devices');
const { deviceCookieValue, learnerIdFromCookie } = await import('@/lib/vocabulary/learner');

const fake = useFakeDeepL();
const demoText = fs.readFileSync(path.join(process.cwd(), 'prisma', 'demo', 'demo-article.de.txt'), 'utf8');
const learner = async () => (await newLearner()).id;
const updateNoteForReview = async (learnerId: string, id: string) => (await import('@/lib/vocabulary/notes')).updateNote(learnerId, id, { nounArticle: null });

describe.skipIf(!server)('the data layer on PostgreSQL', () => {
  it('runs on PostgreSQL with the committed PostgreSQL migrations applied', async () => {
    expect(sqlDialect()).toBe('postgresql');
    const [{ version }] = await db.$queryRaw<[{ version: string }]>`SELECT version() AS version`;
    expect(version).toMatch(/^PostgreSQL /);
    const applied = await db.$queryRaw<Array<{ name: string }>>`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
    expect(applied.map((m) => m.name)).toEqual(fs.readdirSync(path.join('prisma', 'postgresql', 'migrations')).filter((d) => /^\d/.test(d)));
  });

  it('has the tables, columns and indexes the SQLite migrations make (no migration missing on one side)', async () => {
    const sqlite = new Database(inject('templateDatabase'), { readonly: true });
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'").pluck().all() as string[];
    const sqliteColumns = tables.flatMap((t) =>
      (sqlite.prepare(`SELECT name, "notnull" FROM pragma_table_info(?)`).all(t) as Array<{ name: string; notnull: number }>).map(
        (c) => `${t}.${c.name} ${c.notnull ? 'NOT NULL' : 'NULL'}`,
      ),
    );
    const sqliteIndexes = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    sqlite.close();
    const columns = await db.$queryRaw<Array<{ c: string }>>`
      SELECT table_name || '.' || column_name || CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE ' NULL' END AS c
      FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`;
    const indexes = await db.$queryRaw<Array<{ name: string }>>`
      SELECT indexname::text AS name FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%_pkey'`;
    expect(columns.map((r) => r.c).sort()).toEqual(sqliteColumns.sort());
    expect(indexes.map((r) => r.name).sort()).toEqual(sqliteIndexes.sort());
  });

  it('imports an EPUB book in one transaction (chapters as articles, 0 DeepL characters), translates chapter 2 alone, removes it all', async () => {
    const file = new File([new Uint8Array(buildEpub({ title: 'Ein Buch auf PostgreSQL' }))], 'buch.epub');
    const book = await importFromSourceOrThrow({ kind: 'file', file });
    expect(book.chapters?.map((c) => c.slug)).toEqual(['ein-buch-auf-postgresql/1', 'ein-buch-auf-postgresql/2', 'ein-buch-auf-postgresql/3']);
    expect(fake.get().allTranslateAttempts).toBe(0);
    const chapter = await getArticleBySlug('ein-buch-auf-postgresql/2');
    expect(chapter?.blocks.map((b) => b.text)).toEqual(CHAPTER_2_TEXTS);
    expect(chapter?.book).toMatchObject({ n: 2, chapterCount: 3 });
    await translateArticle(chapter!.id);
    expect(fake.get().billedChars).toBe(CHAPTER_2_TEXTS.join('').length);
    const { entries } = await listArticles();
    expect(entries.filter((e) => e.slug.startsWith('ein-buch-auf-postgresql'))).toEqual([
      expect.objectContaining({ slug: 'ein-buch-auf-postgresql', chapterCount: 3, blockCount: 15, translatedCount: 7 }),
    ]);
    await removeArticleOrThrow('ein-buch-auf-postgresql');
    expect(await db.article.count({ where: { slug: { startsWith: 'ein-buch-auf-postgresql' } } })).toBe(0);
  });

  it('imports an article, translates it through DeepL once, and reads it back beside its English', async () => {
    const { id, slug } = await importArticleOrThrow({ title: 'Demo', text: demoText });
    expect((await translateArticle(id)).error).toBeNull();
    expect(fake.get().requests.flatMap((r) => r.texts)).toHaveLength(15);
    const article = await getArticleBySlug(slug);
    expect(article?.blocks).toHaveLength(15);
    expect(article?.blocks.filter((b) => b.translation.status !== 'done')).toEqual([]);
    const second = article!.blocks[1].translation;
    expect(second.status === 'done' && second.sentences?.[0].en).toMatch(/^EN\(.+\)$/);

    fake.get().reset();
    expect((await translateArticle(id)).error).toBeNull();
    expect(fake.get().requestCount).toBe(0); // every block found in the cache
    const { entries } = await listArticles();
    expect(entries.find((e) => e.slug === slug)).toMatchObject({ blockCount: 15, translatedCount: 15 });
    expect((await getTranslationStatus()).cache.rows).toBeGreaterThanOrEqual(15);
  });

  it('keeps the first translation of a key however many store it at once, and reads failures back', async () => {
    const row = (text: string) => ({ key: `pg-test-${text.length}`, engine: 'deepl', targetLang: 'EN-US', sentences: null, text, aligned: true, billedChars: 5 });
    await insertCachedRows([row('first')]);
    const racers = await Promise.allSettled(Array.from({ length: 20 }, () => insertCachedRows([row('other')])));
    expect(racers.filter((r) => r.status === 'rejected')).toEqual([]);
    expect((await findCachedRows(['pg-test-5'])).map((r) => r.text)).toEqual(['first']);

    await recordFailures(['pg-missing-1', 'pg-missing-2'], new TranslationError('unavailable', 'DeepL answered 503.'));
    const failures = await findFailures(['pg-missing-2', 'pg-missing-1', 'pg-test-5']);
    expect(failures.map((f) => [f.key, f.code, f.failedAt instanceof Date]).sort()).toEqual([
      ['pg-missing-1', 'unavailable', true],
      ['pg-missing-2', 'unavailable', true],
    ]);
  });

  it('saves, merges and marks notes, and exports them in pages across notes saved at the same time', async () => {
    const me = await learner();
    const { note: bank } = await saveNote(me, { term: 'Bank', translation: 'bank', note: 'Geld!' }, { checkArticle: false });
    const again = await saveNote(me, { term: 'bank', translation: 'Bank', baseForm: 'Bank' }, { checkArticle: false });
    expect(again).toMatchObject({ created: false, note: { id: bank.id, note: 'Geld!', baseForm: 'Bank' } });
    expect((await notesInTexts(me, ['Ich sitze auf der Bank.'])).map((n) => n.id)).toEqual([bank.id]);

    const sameTime = '2026-03-01T10:00:00.123Z';
    for (let i = 0; i < 7; i++) await saveNote(me, { term: `Wort${i}`, createdAt: sameTime }, { checkArticle: false });
    const pages: string[][] = [];
    for await (const page of notePagesOldestFirst(me, 3)) pages.push(page.map((n) => n.id));
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    const sameTimeIds = (await listNotes(me)).filter((n) => n.createdAt === sameTime).map((n) => n.id);
    expect(pages.flat()).toEqual([...sameTimeIds.sort(), bank.id]); // 2026-03 first, then today's
  });

  it('keeps word statuses, article lemma counts, coverage and the start-up passes', async () => {
    const me = await learner();
    const { id, slug } = await importArticleOrThrow({ title: 'Wörter auf PostgreSQL', text: 'Der Zug kommt um acht an. Der Zug kam gestern.' });
    await Promise.all([indexArticleLemmas(id), indexArticleLemmas(id)]);
    expect((await db.articleLemma.findUnique({ where: { articleId_lemma: { articleId: id, lemma: 'ankommen' } } }))?.count).toBe(2);
    expect((await db.article.findUnique({ where: { id } }))?.runningWords).toBe(10);
    await saveNote(me, { term: 'kam', translation: 'came' }, { checkArticle: false });
    expect(await setWordStatuses(me, { lemmas: ['der', 'Zug', 'zug'], status: 'known' })).toEqual({ updated: 2 });
    expect(await knownAmong(me, ['der', 'zug', 'um'])).toEqual(expect.arrayContaining(['der', 'zug']));
    expect(await wordStatusOf(me, 'kommen')).toBe('learning');
    expect(await coverageOf(me, [slug])).toEqual({ [slug]: { words: 10, known: 4, learning: 1, percent: 50 } });
    const words = await articleWords((await articleForWords(slug))!);
    expect(words.lemmas).toContain('ankommen');
    expect(await new Response(await exportNotesStream(me, 'known')).text()).toBe('der\nzug\n');
    expect(await setWordStatuses(me, { lemmas: ['zug'], status: 'new' })).toEqual({ updated: 1 });

    // The passes: an article without its rows, a note without its lemma key.
    await db.$executeRaw`UPDATE "Article" SET "runningWords" = NULL WHERE id = ${id}`;
    await db.articleLemma.deleteMany({ where: { articleId: id, lemma: 'ankommen' } });
    await db.$executeRaw`UPDATE "VocabularyNote" SET lemma = '', "baseForm" = '' WHERE "learnerId" = ${me}`;
    await db.appSecret.deleteMany({ where: { name: NOTE_PASS_DONE } });
    const [a, b] = await Promise.all([fillArticleLemmas(), fillArticleLemmas()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect((await db.articleLemma.findUnique({ where: { articleId_lemma: { articleId: id, lemma: 'ankommen' } } }))?.count).toBe(2);
    expect(await fillNoteLemmas()).toBeGreaterThanOrEqual(1);
    expect(await db.vocabularyNote.findMany({ where: { learnerId: me }, select: { baseForm: true, lemma: true } })).toEqual([{ baseForm: 'kommen', lemma: 'kommen' }]);
    await db.learner.delete({ where: { id: me } });
    expect(await db.wordStatus.count({ where: { learnerId: me } })).toBe(0);
  });

  it('imports a vocabulary file in one transaction, merging repeated rows in file order', async () => {
    const me = await learner();
    const { note: mine } = await saveNote(me, { term: 'Bank', translation: 'bank', note: 'meine Notiz' }, { checkArticle: false });
    const csv = ['term,translation,base_form,note', 'bank,Bank,Bank,aus der Datei', 'Zug,train,,', 'zug,TRAIN,Zug,Bahn', 'Zug,train,,später'].join('\n');
    expect(await importNotesCsv(me, csv)).toEqual({ added: 1, merged: 3, errors: [] });
    const notes = await listNotes(me, { sort: 'az' });
    expect(notes.map((n) => [n.id === mine.id, n.term, n.baseForm, n.note])).toEqual([
      [true, 'Bank', 'Bank', 'meine Notiz'],
      [false, 'Zug', 'Zug', 'Bahn'],
    ]);
  });

  it(`refuses an import that would pass ${MAX_NOTES_PER_LEARNER.toLocaleString('en')} notes whole, saving none of it`, async () => {
    const me = await learner();
    const rowsFile = (count: number, from = 0) =>
      `term,translation\n${Array.from({ length: count }, (_, i) => `Wort${from + i},word ${from + i}`).join('\n')}\n`;
    expect(await importNotesCsv(me, rowsFile(MAX_NOTES_PER_LEARNER - 2))).toMatchObject({ added: MAX_NOTES_PER_LEARNER - 2 });
    await expect(importNotesCsv(me, rowsFile(5, MAX_NOTES_PER_LEARNER - 4))).rejects.toMatchObject({
      code: 'too_large',
      message: expect.stringContaining('would give you 20,001 notes; one learner can keep 20,000. Nothing was imported'),
    });
    expect(await db.vocabularyNote.count({ where: { learnerId: me } })).toBe(MAX_NOTES_PER_LEARNER - 2);
  });

  it('makes the instance secret and a learner row once when 20 callers ask at the same moment', async () => {
    const secrets = await Promise.allSettled(
      Array.from({ length: 20 }, () => {
        forgetInstanceSecretsForTests(); // each caller goes to the database, as separate instances do
        return instanceSecret('pg-race');
      }),
    );
    expect(secrets.filter((s) => s.status === 'rejected')).toEqual([]);
    const values = new Set(secrets.map((s) => (s as PromiseFulfilledResult<Buffer>).value.toString('hex')));
    expect(values.size).toBe(1);

    const id = await learner();
    const rows = await Promise.allSettled(Array.from({ length: 20 }, () => ensureLearnerRow(id)));
    expect(rows.filter((r) => r.status === 'rejected')).toEqual([]);
    const saves = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => saveNote(id, { term: `Gleichzeitig${i}` }, { checkArticle: false })));
    expect(saves.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await db.learner.count({ where: { id } })).toBe(1);
    expect(await db.vocabularyNote.count({ where: { learnerId: id } })).toBe(20);
  });

  it('seeds the demo article with its bundled English, also when two starts seed at once', async () => {
    const [a, b] = await Promise.all([ensureDemoArticle(), ensureDemoArticle()].map((p) => p.catch((e: unknown) => e)));
    expect([a, b].filter((r) => r instanceof Error)).toEqual([]);
    const demo = await getArticleBySlug((a as { slug: string }).slug);
    expect(demo?.isDemo).toBe(true);
    expect(demo?.blocks.filter((bl) => bl.translation.status !== 'done')).toEqual([]);
  });

  it('claims translations across processes: a live process keeps its key, a dead one loses it, twenty claimers win each key once', async () => {
    const now = Date.now();
    await db.appProcess.createMany({ data: [{ id: 'pg-alive', seenAt: BigInt(now) }, { id: 'pg-dead', seenAt: BigInt(now - 60_000) }] });
    await db.translationClaim.createMany({
      data: [
        { key: 'pg-held', owner: 'pg-alive', chars: 10, claimedAt: BigInt(now) },
        { key: 'pg-orphan', owner: 'pg-dead', chars: 10, claimedAt: BigInt(now) },
      ],
    });
    const won = await claimKeys([{ key: 'pg-held', chars: 10 }, { key: 'pg-orphan', chars: 10 }, { key: 'pg-free', chars: 10 }]);
    expect([...won].sort()).toEqual(['pg-free', 'pg-orphan']);
    expect(await claimedChars()).toBe(30);
    await releaseClaims(['pg-free', 'pg-orphan']);
    // Twenty at once (as many processes would), each key won by exactly one of them.
    const keys = Array.from({ length: 10 }, (_, i) => ({ key: `pg-race-${i}`, chars: 1 }));
    await db.appProcess.createMany({ data: Array.from({ length: 20 }, (_, i) => ({ id: `pg-racer-${i}`, seenAt: BigInt(now) })) });
    const rows = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.$queryRaw<Array<{ key: string }>>`INSERT INTO "TranslationClaim" ("key", "owner", "chars", "claimedAt")
          SELECT k, ${`pg-racer-${i}`}, 1, ${BigInt(now)} FROM unnest(${keys.map((k) => k.key)}::text[]) AS k
          ON CONFLICT ("key") DO NOTHING RETURNING "key"`,
      ),
    );
    expect(rows.flat().map((r) => r.key).sort()).toEqual(keys.map((k) => k.key).sort());
  });

  it('records page changes for the other processes and counts look-ups in the database', async () => {
    await recordPageChange(['article:pg']);
    await db.pageChange.create({ data: { id: 'from-another-process', tags: 'library' } });
    expect(await applyPageChanges()).toBe(1);
    const at = Date.now();
    for (let i = 0; i < 60; i++) await takeLookupOrThrow(['learner:pg'], at + i);
    await expect(takeLookupOrThrow(['learner:pg'], at + 100)).rejects.toThrow(/Slow down: at most 60 look-ups a minute/);
  });

  it('makes review cards from notes, grades a card once of two at the same moment, and carries review state through export and import', async () => {
    const me = await learner();
    const { note } = await saveNote(me, { term: 'Bahnhof', baseForm: 'Bahnhof', nounArticle: 'der', translation: 'station', context: 'Der Zug steht im Bahnhof.' });
    const clock = { now: () => Date.now() + 1000 };
    const queue = await readQueue(me, { clock });
    expect(queue.cards.map((c) => c.kind).sort()).toEqual(['cloze', 'gender', 'meaning', 'reverse']);
    const meaning = queue.cards.find((c) => c.kind === 'meaning')!;
    const results = await Promise.allSettled([gradeCardOrThrow(me, meaning.id, 3, clock, meaning.due), gradeCardOrThrow(me, meaning.id, 3, clock, meaning.due)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await readQueue(me, { clock })).due).toBe(3);
    expect((await reviewHistory(me, { clock })).days.at(-1)?.reviews).toBe(1);
    await updateNoteForReview(me, note.id);
    expect((await db.reviewCard.findMany({ where: { noteId: note.id } })).map((c) => c.kind).sort()).toEqual(['cloze', 'meaning', 'reverse']);

    const csv = await new Response(await exportNotesStream(me, 'csv')).text();
    const other = await learner();
    expect(await importNotesCsv(other, csv)).toMatchObject({ added: 1, errors: [] });
    const mine = await db.reviewCard.findFirstOrThrow({ where: { learnerId: me, kind: 'meaning' } });
    const theirs = await db.reviewCard.findFirstOrThrow({ where: { learnerId: other, kind: 'meaning' } });
    expect([theirs.due, theirs.stability, theirs.reps, theirs.state]).toEqual([mine.due, mine.stability, mine.reps, mine.state]);
    expect(await chooseKinds(other, ['gender'])).toEqual(['gender']);
    expect((await readQueue(other, { clock })).due).toBe(0);
  });

  it('makes a client wait after a wrong password, once for a burst of 300 tries over the pool’s connections, doubling after', async () => {
    const t0 = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 300 }, () =>
        throttledCheckOrThrow('198.51.100.99', () => false, t0).then(
          () => 'wrong',
          (error: { status: number }) => error.status,
        ),
      ),
    );
    expect(answers.filter((a) => a === 'wrong')).toHaveLength(1);
    expect(answers.filter((a) => a === 429)).toHaveLength(299);
    await throttledCheckOrThrow('198.51.100.99', () => false, t0 + 2_000);
    await expect(throttledCheckOrThrow('198.51.100.99', () => true, t0 + 2_000)).rejects.toThrow(/Try again in 4 s/);
    expect(await throttledCheckOrThrow('198.51.100.99', () => true, t0 + 6_000)).toBe(true);
  });

  it('redeems a device code once among ten racing browsers, expires it, and revokes a device’s cookie', async () => {
    const { id, cookie: plain } = await newLearner();
    await ensureLearnerRow(id);
    const firstCookie = await deviceCookieValue(id, await linkFirstDevice(id, null));
    expect(await learnerIdFromCookie(plain)).toBeNull();
    const t0 = Date.now();
    const { code } = await createDeviceCode(id, t0);
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => redeemDeviceCodeOrThrow(code, `203.0.113.${i + 1}`, t0)));
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value)).toEqual([id]);
    expect(new Set(outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason.message] : [])))).toEqual(new Set([INVALID_CODE]));
    const late = (await createDeviceCode(id, t0)).code;
    await expect(redeemDeviceCodeOrThrow(late, '203.0.113.50', t0 + DEVICE_CODE_MINUTES * 60_000)).rejects.toMatchObject({ message: INVALID_CODE });
    const secondId = await addDeviceOrThrow(id, null);
    const second = await deviceCookieValue(id, secondId);
    expect(await learnerIdFromCookie(second)).toBe(id);
    await revokeDeviceOrThrow(id, secondId);
    expect(await learnerIdFromCookie(second)).toBeNull();
    expect(await learnerIdFromCookie(firstCookie)).toBe(id);
  });
});
