// Review (lib/review/) against a real database: cards made from notes and kept in step with them, FSRS
// schedules that are ts-fsrs's own, grades that apply once, learners kept apart, and review state that
// survives an export and an import. Time is a manual clock: no test waits for a day to pass.
import { createEmptyCard, fsrs, type Card, type Grade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { importArticleOrThrow } from '@/lib/articles/import-article';
import { translateArticle } from '@/lib/articles/translate-article';
import { db } from '@/lib/db';
import { errorResponse } from '@/lib/http';
import { chooseKinds } from '@/lib/review/cards';
import { reviewHistory } from '@/lib/review/history';
import { gradeCardOrThrow, readQueue } from '@/lib/review/queue';
import { REVIEW_PARAMETERS } from '@/lib/review/scheduler';
import { gradeBodySchema } from '@/lib/review/schemas';
import type { CardKind, ReviewCardView } from '@/lib/review/types';
import { exportNotesStream } from '@/lib/vocabulary/export';
import { importNotesCsv } from '@/lib/vocabulary/import-csv';
import { newLearner } from '@/lib/vocabulary/learner';
import { deleteNote, saveNote, updateNote } from '@/lib/vocabulary/notes';
import { manualClock } from '../support/manual-clock';
import { useFakeDeepL } from '../support/fake-deepl-env';

useFakeDeepL();

const DAY = 86_400_000;
const learner = async () => (await newLearner()).id;
const kindsOf = (cards: ReviewCardView[], noteId: string) => cards.filter((c) => c.noteId === noteId).map((c) => c.kind).sort();
const cardOf = (cards: ReviewCardView[], noteId: string, kind: CardKind) => {
  const card = cards.find((c) => c.noteId === noteId && c.kind === kind);
  if (!card) throw new Error(`no ${kind} card for ${noteId} in ${JSON.stringify(cards.map((c) => [c.noteId, c.kind]))}`);
  return card;
};
/** A clock well after any card was made (cards are due at their note's save, on the system clock). */
const clockFromNow = () => manualClock(Date.now() + 1000);

async function savedNoun(me: string, extra: Partial<Parameters<typeof saveNote>[1]> = {}) {
  return (
    await saveNote(me, { term: 'Bahnhof', baseForm: 'Bahnhof', nounArticle: 'der', translation: 'station', context: 'Der Zug steht im Bahnhof.', ...extra })
  ).note;
}

describe('cards from notes', () => {
  it('a noun with a sentence gets a cloze, meaning, reverse and gender card, each showing what the page needs', async () => {
    const text = 'Reisen\n\nDer Zug wartet im Bahnhof. Wir steigen ein.';
    const { slug, id } = await importArticleOrThrow({ title: 'Reisen', text });
    await translateArticle(id);
    const me = await learner();
    const note = (await saveNote(me, { term: 'Bahnhof', baseForm: 'Bahnhof', nounArticle: 'der', translation: 'station', articleSlug: slug, paragraph: 1 })).note;
    const { due, cards } = await readQueue(me, { clock: clockFromNow() });
    expect(due).toBe(4);
    expect(kindsOf(cards, note.id)).toEqual(['cloze', 'gender', 'meaning', 'reverse']);
    const cloze = cardOf(cards, note.id, 'cloze');
    expect(cloze.cloze).toEqual({ before: 'Der Zug wartet im ', answer: 'Bahnhof', after: '.' });
    expect(cloze.english).toBe('EN(Der Zug wartet im Bahnhof.)');
    expect(cloze.link).toBe(`/a/${slug}/p/1`);
    expect(cardOf(cards, note.id, 'meaning')).toMatchObject({ german: 'der Bahnhof', translation: 'station', state: 'new' });
  });

  it('a verb without a sentence gets meaning and reverse only; a note without English only what it can show', async () => {
    const me = await learner();
    const verb = (await saveNote(me, { term: 'ankommen', translation: 'arrive' })).note;
    const bare = (await saveNote(me, { term: 'Weltraumbahnhof', nounArticle: 'der', context: 'Am Weltraumbahnhof wartet Kim.' })).note;
    const { cards } = await readQueue(me, { clock: clockFromNow() });
    expect(kindsOf(cards, verb.id)).toEqual(['meaning', 'reverse']);
    expect(kindsOf(cards, bare.id)).toEqual(['cloze', 'gender']);
  });

  it('an edit changes the cards, a second save keeps the schedule, a delete removes them', async () => {
    const me = await learner();
    const clock = clockFromNow();
    const note = await savedNoun(me);
    const meaning = cardOf((await readQueue(me, { clock })).cards, note.id, 'meaning');
    const graded = await gradeCardOrThrow(me, meaning.id, 3, clock);

    // Saved again (same term and translation): merged, and the graded card keeps its date.
    const again = await saveNote(me, { term: 'bahnhof', translation: 'Station', note: 'seen again' });
    expect(again.created).toBe(false);
    const stored = await db.reviewCard.findUniqueOrThrow({ where: { id: meaning.id } });
    expect(stored.due.toISOString()).toBe(graded.card.due);
    expect(stored.reps).toBe(1);

    // No longer a noun: the gender card goes; a term the sentence does not hold: the cloze goes.
    await updateNote(me, note.id, { nounArticle: null });
    expect((await db.reviewCard.findMany({ where: { noteId: note.id } })).map((c) => c.kind).sort()).toEqual(['cloze', 'meaning', 'reverse']);
    await updateNote(me, note.id, { term: 'Hauptbahnhof' });
    expect((await db.reviewCard.findMany({ where: { noteId: note.id } })).map((c) => c.kind).sort()).toEqual(['meaning', 'reverse']);
    expect((await db.reviewCard.findUniqueOrThrow({ where: { id: meaning.id } })).reps).toBe(1);

    await deleteNote(me, note.id);
    expect(await db.reviewCard.count({ where: { noteId: note.id } })).toBe(0);
    expect(await db.reviewLog.count({ where: { cardId: meaning.id } })).toBe(0);
    expect((await readQueue(me, { clock })).due).toBe(0);
  });

  it('notes from before review (no cards yet) get theirs when the queue is read', async () => {
    const me = await learner();
    const note = await savedNoun(me);
    await db.reviewCard.deleteMany({ where: { noteId: note.id } });
    await db.reviewSettings.deleteMany({ where: { learnerId: me } });
    expect(kindsOf((await readQueue(me, { clock: clockFromNow() })).cards, note.id)).toEqual(['cloze', 'gender', 'meaning', 'reverse']);
  });

  it('only the kinds the learner chose are due', async () => {
    const me = await learner();
    const note = await savedNoun(me);
    expect(await chooseKinds(me, ['gender', 'cloze'])).toEqual(['cloze', 'gender']);
    const queue = await readQueue(me, { clock: clockFromNow() });
    expect(queue).toMatchObject({ due: 2, kinds: ['cloze', 'gender'] });
    expect(kindsOf(queue.cards, note.id)).toEqual(['cloze', 'gender']);
  });
});

describe('scheduling', () => {
  it("a fixed answer history gives ts-fsrs's own dates, stabilities and states", async () => {
    const me = await learner();
    const note = await savedNoun(me);
    const clock = clockFromNow();
    const cardId = cardOf((await readQueue(me, { clock })).cards, note.id, 'meaning').id;
    // The library, on its own: the same parameters and answers, from an empty card.
    const f = fsrs(REVIEW_PARAMETERS);
    let expected: Card = createEmptyCard(new Date(clock.now()));
    const history: Grade[] = [3, 3, 1, 3, 2, 4, 3];
    for (const grade of history) {
      const now = new Date(clock.now());
      expected = f.next(expected, now, grade).card;
      const answer = await gradeCardOrThrow(me, cardId, grade, clock);
      const stored = await db.reviewCard.findUniqueOrThrow({ where: { id: cardId } });
      expect(answer.card.due).toBe(expected.due.toISOString());
      expect(stored).toMatchObject({ state: expected.state, reps: expected.reps, lapses: expected.lapses, scheduledDays: expected.scheduled_days });
      expect(stored.stability).toBeCloseTo(expected.stability, 10);
      expect(stored.difficulty).toBeCloseTo(expected.difficulty, 10);
      // The learner comes back when the card is due (a little later), as a learner would.
      await clock.advance(expected.due.getTime() - clock.now() + 3_600_000);
    }
    expect(await db.reviewLog.count({ where: { cardId } })).toBe(history.length);
  });

  it('Good puts a new card days away and lowers the due count; Again brings it back within the session', async () => {
    const me = await learner();
    const note = await savedNoun(me);
    const clock = clockFromNow();
    const before = await readQueue(me, { clock });
    const good = await gradeCardOrThrow(me, cardOf(before.cards, note.id, 'meaning').id, 3, clock);
    expect(new Date(good.card.due).getTime() - clock.now()).toBeGreaterThanOrEqual(DAY);
    expect(good.card.state).toBe('review');
    expect((await readQueue(me, { clock })).due).toBe(before.due - 1);

    const again = await gradeCardOrThrow(me, cardOf(before.cards, note.id, 'reverse').id, 1, clock);
    const backIn = new Date(again.card.due).getTime() - clock.now();
    expect(backIn).toBeGreaterThan(0);
    expect(backIn).toBeLessThanOrEqual(10 * 60_000);
    await clock.advance(backIn);
    expect(kindsOf((await readQueue(me, { clock })).cards, note.id)).toContain('reverse');

    const history = await reviewHistory(me, { clock });
    expect(history.days.at(-1)).toMatchObject({ reviews: 2 });
  });

  it('two grades of one card sent at once: one applies, the other is refused (409), never both', async () => {
    const me = await learner();
    const note = await savedNoun(me);
    const clock = clockFromNow();
    const id = cardOf((await readQueue(me, { clock })).cards, note.id, 'gender').id;
    const results = await Promise.allSettled([gradeCardOrThrow(me, id, 3, clock), gradeCardOrThrow(me, id, 1, clock)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(errorResponse(refused.reason).status).toBe(409);
    expect((await db.reviewCard.findUniqueOrThrow({ where: { id } })).reps).toBe(1);
    expect(await db.reviewLog.count({ where: { cardId: id } })).toBe(1);
  });

  it('a grade sent again with the due date it was given for (a second tab, a resent request) is refused (409), however late', async () => {
    const me = await learner();
    const note = await savedNoun(me);
    const clock = clockFromNow();
    const card = cardOf((await readQueue(me, { clock })).cards, note.id, 'meaning');
    await gradeCardOrThrow(me, card.id, 3, clock, card.due);
    const again = await gradeCardOrThrow(me, card.id, 3, clock, card.due).catch((e: unknown) => e);
    expect(errorResponse(again).status).toBe(409);
    expect((await db.reviewCard.findUniqueOrThrow({ where: { id: card.id } })).reps).toBe(1);
  });

  it("another learner's card is not found (404) and stays as it was; a bad grade is a clear 400", async () => {
    const me = await learner();
    const other = await learner();
    const note = await savedNoun(me);
    const clock = clockFromNow();
    const id = cardOf((await readQueue(me, { clock })).cards, note.id, 'meaning').id;
    for (const who of [other, null]) {
      const error = await gradeCardOrThrow(who, id, 4, clock).catch((e: unknown) => e);
      expect(errorResponse(error).status).toBe(404);
    }
    expect((await db.reviewCard.findUniqueOrThrow({ where: { id } })).reps).toBe(0);
    expect((await readQueue(other, { clock })).due).toBe(0);
    for (const body of [{ grade: 5 }, { grade: '3' }, { grade: 0 }, {}, { grade: 3, extra: 1 }]) {
      const parsed = gradeBodySchema.safeParse(body);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0].message).toMatch(/grade/);
    }
  });
});

describe('review state in the files', () => {
  async function csvOf(learnerId: string): Promise<string> {
    return new Response(await exportNotesStream(learnerId, 'csv')).text();
  }

  it('an export imported by another browser keeps every graded card, and an older export never sets it back', async () => {
    const me = await learner();
    const note = await savedNoun(me);
    await saveNote(me, { term: 'ankommen', translation: 'arrive' });
    const clock = clockFromNow();
    const cards = (await readQueue(me, { clock })).cards;
    await gradeCardOrThrow(me, cardOf(cards, note.id, 'meaning').id, 3, clock);
    await clock.advance(3 * DAY);
    await gradeCardOrThrow(me, cardOf(cards, note.id, 'meaning').id, 3, clock);
    await gradeCardOrThrow(me, cardOf(cards, note.id, 'gender').id, 1, clock);
    const csv = await csvOf(me);

    const other = await learner();
    expect(await importNotesCsv(other, csv)).toMatchObject({ added: 2, errors: [] });
    const mine = await db.reviewCard.findMany({ where: { learnerId: me, reps: { gt: 0 } }, orderBy: { kind: 'asc' }, include: { note: { select: { term: true } } } });
    const theirs = await db.reviewCard.findMany({ where: { learnerId: other, reps: { gt: 0 } }, orderBy: { kind: 'asc' }, include: { note: { select: { term: true } } } });
    const state = (c: (typeof mine)[number]) => [c.note.term, c.kind, c.due.toISOString(), c.stability, c.difficulty, c.reps, c.lapses, c.state, c.scheduledDays, c.lastReview?.toISOString() ?? null];
    expect(mine).toHaveLength(2);
    expect(theirs.map(state).sort()).toEqual(mine.map(state).sort());
    // The cards never graded start new there, as they are here.
    expect(await db.reviewCard.count({ where: { learnerId: other } })).toBe(await db.reviewCard.count({ where: { learnerId: me } }));

    // The same learner imports an export from before the second grade: the card keeps its later state.
    const meaning = await db.reviewCard.findFirstOrThrow({ where: { learnerId: other, kind: 'meaning', note: { term: 'Bahnhof' } } });
    const older = csv.replace(/"reps":2/, '"reps":1');
    await importNotesCsv(other, older);
    expect((await db.reviewCard.findUniqueOrThrow({ where: { id: meaning.id } })).reps).toBe(2);
  });

  it('an export from before review imports as before, its cards new; a broken review cell is a line error', async () => {
    const me = await learner();
    const old = '\uFEFFterm,base_form,noun_article,translation,note,context,article_title,article_slug,paragraph,created_at\r\nBahnhof,Bahnhof,der,station,,Der Zug steht im Bahnhof.,,,,2026-11-20T10:00:00.000Z\r\n';
    expect(await importNotesCsv(me, old)).toMatchObject({ added: 1, errors: [] });
    const { cards } = await readQueue(me, { clock: clockFromNow() });
    expect(cards.map((c) => c.kind).sort()).toEqual(['cloze', 'gender', 'meaning', 'reverse']);
    expect(cards.every((c) => c.state === 'new')).toBe(true);

    const broken = 'term,translation,review\r\nHaus,house,"{""meaning"":{""due"":""soon""}}"\r\nBaum,tree,not json\r\n';
    const report = await importNotesCsv(me, broken);
    expect(report.added).toBe(0);
    expect(report.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(report.errors[0].message).toMatch(/"review" column .*meaning/);
  });
});
