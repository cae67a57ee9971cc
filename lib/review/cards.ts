// Owns ReviewCard's rows and the learner's ReviewSettings: which cards each note has (kinds.ts decides),
// made when a note is saved, edited or imported and, for notes from before review existed, when the
// learner's queue is first read. Every query names the learner.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { db } from '../db';
import type { ReviewCard as CardRow } from '../generated/prisma/client';
import { jsonArrayValues, jsonRecords, sqliteTime } from '../sql';
import { ensureLearnerRow } from '../vocabulary/learner';
import { notePagesOldestFirst } from '../vocabulary/notes-bulk';
import { newNoteId } from '../vocabulary/notes';
import { kindsForNote, type CardSource } from './kinds';
import { newSchedule, reviewClock, type ReviewClock } from './scheduler';
import { CARD_KINDS, type CardKind } from './types';

/** Notes looked at per statement when cards are brought up to date. */
const NOTES_PER_BATCH = 200;

/** Card ids are UUID version 7 like notes' (time first: the table's index takes new ids at its end). */
export const newCardId = () => newNoteId();

type SyncNote = CardSource & { id: string };

/**
 * Gives each note the cards its fields call for and removes the others: new cards are due at once, a card
 * that stays keeps its schedule (saving a note again never resets it). Idempotent, so two requests doing
 * it at once write the same rows. A read of the notes' cards, then a delete and an insert only when needed.
 */
export async function syncCardsForNotes(learnerId: string, notes: readonly SyncNote[], clock: ReviewClock = reviewClock): Promise<void> {
  if (notes.length === 0) return;
  // By note id alone (the notes are the learner's, read by learner): with the learner in the condition too,
  // SQLite walks all of the learner's cards by (learnerId, due) for every batch.
  const existing = await db.$queryRaw<Array<{ id: string; noteId: string; kind: string }>>`SELECT id, "noteId", kind FROM "ReviewCard"
    WHERE "noteId" IN (${jsonArrayValues(notes.map((n) => n.id))})`;
  const wanted = new Set(notes.flatMap((n) => kindsForNote(n).map((kind) => `${n.id} ${kind}`)));
  const stale = existing.filter((c) => !wanted.has(`${c.noteId} ${c.kind}`)).map((c) => c.id);
  for (const c of existing) wanted.delete(`${c.noteId} ${c.kind}`);
  if (stale.length > 0) await db.$executeRaw`DELETE FROM "ReviewCard" WHERE "learnerId" = ${learnerId} AND id IN (${jsonArrayValues(stale)})`;
  if (wanted.size === 0) return;
  const due = sqliteTime(newSchedule(new Date(clock.now())).due);
  const rows = [...wanted].map((key) => {
    const [noteId, kind] = key.split(' ');
    return { id: newCardId(), noteId, kind, due };
  });
  await db.$executeRaw`INSERT INTO "ReviewCard" (id, "learnerId", "noteId", kind, due, stability, difficulty, "elapsedDays",
      "scheduledDays", "learningSteps", reps, lapses, state, "createdAt")
    SELECT r.id, ${learnerId}, r."noteId", r.kind, r.due, 0, 0, 0, 0, 0, 0, 0, 0, r.due
    FROM ${jsonRecords(rows, { id: 'TEXT', noteId: 'TEXT', kind: 'TEXT', due: 'TIMESTAMP(3)' })} AS r
    WHERE EXISTS (SELECT 1 FROM "VocabularyNote" n WHERE n.id = r."noteId" AND n."learnerId" = ${learnerId})
    ON CONFLICT ("noteId", kind) DO NOTHING`;
}

/** Brings one note's cards up to date (after a save or an edit). */
export async function syncCardsForNote(learnerId: string, noteId: string, clock: ReviewClock = reviewClock): Promise<void> {
  const note = await db.vocabularyNote.findFirst({ where: { id: noteId, learnerId }, select: NOTE_FIELDS });
  if (note) await syncCardsForNotes(learnerId, [note], clock);
}

const NOTE_FIELDS = { id: true, term: true, baseForm: true, nounArticle: true, translation: true, context: true } as const;

/** Brings the cards of the learner's notes with these dedupe keys up to date (an import's notes). */
export async function syncNotesByKeys(learnerId: string, keys: readonly string[], clock: ReviewClock = reviewClock): Promise<void> {
  const unique = [...new Set(keys)];
  for (let start = 0; start < unique.length; start += NOTES_PER_BATCH) {
    if (start > 0) await nextTurn();
    const notes = await db.vocabularyNote.findMany({ where: { learnerId, dedupeKey: { in: unique.slice(start, start + NOTES_PER_BATCH) } }, select: NOTE_FIELDS });
    await syncCardsForNotes(learnerId, notes, clock);
  }
}

/**
 * The first time a learner's queue is read (or they import), every note gets its cards (notes saved before
 * review existed), a page at a time with the event loop free in between; `cardsSynced` records that it was
 * done. From then on each change makes its own: a save or an edit (notes.ts), an import (import-csv.ts).
 * Usually one query by primary key (none when the caller read the settings row: `known`). Answers whether it ran.
 */
export async function syncNotesOnce(
  learnerId: string,
  clock: ReviewClock = reviewClock,
  known?: { cardsSynced: Date | null } | null,
): Promise<boolean> {
  const settings = known !== undefined ? known : await db.reviewSettings.findUnique({ where: { learnerId }, select: { cardsSynced: true } });
  if (settings?.cardsSynced) return false;
  const started = new Date(clock.now());
  for await (const notes of notePagesOldestFirst(learnerId, NOTES_PER_BATCH)) await syncCardsForNotes(learnerId, notes, clock);
  if (settings) await db.reviewSettings.update({ where: { learnerId }, data: { cardsSynced: started } });
  else if (await learnerExists(learnerId)) await createSettingsRow(learnerId, { cardsSynced: started });
  return true;
}

async function learnerExists(learnerId: string): Promise<boolean> {
  return (await db.learner.count({ where: { id: learnerId } })) > 0;
}

/** One statement, so two first reads at once do not fail on the key (as an upsert does on PostgreSQL). */
async function createSettingsRow(learnerId: string, data: { cardsSynced?: Date; kinds?: string }): Promise<void> {
  await db.$executeRaw`INSERT INTO "ReviewSettings" ("learnerId", kinds, "cardsSynced")
    VALUES (${learnerId}, ${data.kinds ?? CARD_KINDS.join(',')}, ${data.cardsSynced ?? null}) ON CONFLICT ("learnerId") DO NOTHING`;
}

/**
 * The kinds the learner practises, their notes from before review given cards first (once): one read of
 * their settings for both, as the header's count asks on every page.
 */
export async function kindsAfterSync(learnerId: string, clock: ReviewClock = reviewClock): Promise<CardKind[]> {
  const settings = await db.reviewSettings.findUnique({ where: { learnerId }, select: { kinds: true, cardsSynced: true } });
  await syncNotesOnce(learnerId, clock, settings);
  return parseKinds(settings?.kinds);
}

/** The kinds the learner practises (all, until they choose). */
export async function chosenKinds(learnerId: string | null): Promise<CardKind[]> {
  if (!learnerId) return [...CARD_KINDS];
  const row = await db.reviewSettings.findUnique({ where: { learnerId }, select: { kinds: true } });
  return parseKinds(row?.kinds);
}

function parseKinds(stored: string | undefined): CardKind[] {
  if (stored === undefined) return [...CARD_KINDS];
  const kinds = new Set(stored.split(','));
  return CARD_KINDS.filter((k) => kinds.has(k));
}

/** Sets the kinds the learner practises (at least one: the schema checks). */
export async function chooseKinds(learnerId: string, kinds: readonly CardKind[]): Promise<CardKind[]> {
  const stored = CARD_KINDS.filter((k) => kinds.includes(k)).join(',');
  await ensureLearnerRow(learnerId);
  await createSettingsRow(learnerId, { kinds: stored });
  await db.reviewSettings.update({ where: { learnerId }, data: { kinds: stored } });
  return parseKinds(stored);
}

/** A card's stored FSRS state, as the export writes it. */
export type GradedCard = Pick<CardRow, 'noteId' | 'kind' | 'due' | 'state' | 'reps' | 'lapses' | 'stability' | 'difficulty' | 'scheduledDays' | 'elapsedDays' | 'learningSteps' | 'lastReview'>;

/**
 * The graded cards (at least one grade: the others carry nothing) of the learner's notes (ids the export
 * read by learner), by note id: one query by the (noteId, kind) index, the ids as one JSON parameter.
 */
export async function gradedCardsOfNotes(noteIds: readonly string[]): Promise<Map<string, GradedCard[]>> {
  const byNote = new Map<string, GradedCard[]>();
  if (noteIds.length === 0) return byNote;
  const rows = await db.$queryRaw<GradedCard[]>`SELECT "noteId", kind, due, state, reps, lapses, stability, difficulty, "scheduledDays",
      "elapsedDays", "learningSteps", "lastReview"
    FROM "ReviewCard" WHERE "noteId" IN (${jsonArrayValues(noteIds)}) AND reps > 0 ORDER BY kind`;
  for (const row of rows) byNote.set(row.noteId, [...(byNote.get(row.noteId) ?? []), row]);
  return byNote;
}
