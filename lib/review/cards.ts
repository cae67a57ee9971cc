// Owns ReviewCard's rows and the learner's ReviewSettings: which cards each note has (kinds.ts decides),
// made when a note is saved or edited and, for notes changed elsewhere (an import, notes from before
// review existed), when the learner's queue is read. Every query names the learner.
import { randomBytes } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { db } from '../db';
import { jsonArrayValues, jsonRecords, sqliteTime } from '../sql';
import { ensureLearnerRow } from '../vocabulary/learner';
import { kindsForNote, type CardSource } from './kinds';
import { newSchedule, reviewClock, type ReviewClock } from './scheduler';
import { CARD_KINDS, type CardKind } from './types';

/** Notes looked at per statement when cards are brought up to date. */
const NOTES_PER_BATCH = 500;
/** A note changed this long before a sync began is certainly seen by it (commits land late, clocks differ). */
const SYNC_MARGIN_MS = 5_000;

export const newCardId = () => randomBytes(16).toString('base64url');

type SyncNote = CardSource & { id: string };

/**
 * Gives each note the cards its fields call for and removes the others: new cards are due at once, a card
 * that stays keeps its schedule (saving a note again never resets it). Idempotent, so two requests doing
 * it at once write the same rows. Two statements per batch.
 */
export async function syncCardsForNotes(learnerId: string, notes: readonly SyncNote[], clock: ReviewClock = reviewClock): Promise<void> {
  if (notes.length === 0) return;
  const schedule = newSchedule(new Date(clock.now()));
  const wanted = notes.flatMap((n) => kindsForNote(n).map((kind) => ({ noteId: n.id, kind })));
  await db.$executeRaw`DELETE FROM "ReviewCard" WHERE "learnerId" = ${learnerId}
    AND "noteId" IN (${jsonArrayValues(notes.map((n) => n.id))})
    AND ("noteId" || ' ' || kind) NOT IN (${jsonArrayValues(wanted.map((w) => `${w.noteId} ${w.kind}`))})`;
  if (wanted.length === 0) return;
  const due = sqliteTime(schedule.due);
  const rows = wanted.map((w) => ({ id: newCardId(), noteId: w.noteId, kind: w.kind, due }));
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

const NOTE_FIELDS = { id: true, term: true, baseForm: true, nounArticle: true, translation: true, context: true, updatedAt: true } as const;

/**
 * Brings the cards of every note changed since the last such pass up to date (all notes, the first time):
 * imports, and notes from before review existed. Usually one indexed query that finds nothing. Notes
 * changed in the last SYNC_MARGIN_MS are looked at again on the next read (the work is idempotent).
 */
export async function syncChangedNotes(learnerId: string, clock: ReviewClock = reviewClock): Promise<void> {
  const started = clock.now();
  const settings = await db.reviewSettings.findUnique({ where: { learnerId }, select: { cardsSynced: true } });
  const since = settings?.cardsSynced ?? new Date(0);
  let cursor: { updatedAt: Date; id: string } | null = null;
  let seen = 0;
  for (;;) {
    const notes: Array<SyncNote & { updatedAt: Date }> = await db.vocabularyNote.findMany({
      where: {
        learnerId,
        ...(cursor
          ? { OR: [{ updatedAt: { gt: cursor.updatedAt } }, { updatedAt: cursor.updatedAt, id: { gt: cursor.id } }] }
          : { updatedAt: { gte: since } }),
      },
      orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
      take: NOTES_PER_BATCH,
      select: NOTE_FIELDS,
    });
    await syncCardsForNotes(learnerId, notes, clock);
    seen += notes.length;
    if (notes.length < NOTES_PER_BATCH) break;
    cursor = { updatedAt: notes[notes.length - 1].updatedAt, id: notes[notes.length - 1].id };
    await nextTurn();
  }
  // Written only when something was looked at: the header's count on every page costs no write.
  const synced = new Date(started - SYNC_MARGIN_MS);
  if (settings && seen === 0) return;
  if (settings) await db.reviewSettings.update({ where: { learnerId }, data: { cardsSynced: synced } });
  else if (await learnerExists(learnerId)) await createSettingsRow(learnerId, { cardsSynced: synced });
}

async function learnerExists(learnerId: string): Promise<boolean> {
  return (await db.learner.count({ where: { id: learnerId } })) > 0;
}

/** One statement, so two first reads at once do not fail on the key (as an upsert does on PostgreSQL). */
async function createSettingsRow(learnerId: string, data: { cardsSynced?: Date; kinds?: string }): Promise<void> {
  await db.$executeRaw`INSERT INTO "ReviewSettings" ("learnerId", kinds, "cardsSynced")
    VALUES (${learnerId}, ${data.kinds ?? CARD_KINDS.join(',')}, ${data.cardsSynced ?? null}) ON CONFLICT ("learnerId") DO NOTHING`;
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

/** Cards' rows of the given notes, by note id (the export). */
export async function cardsOfNotes(learnerId: string, noteIds: readonly string[]) {
  if (noteIds.length === 0) return new Map<string, Awaited<ReturnType<typeof db.reviewCard.findMany>>>();
  const rows = await db.reviewCard.findMany({ where: { learnerId, noteId: { in: [...noteIds] } }, orderBy: { kind: 'asc' } });
  const byNote = new Map<string, typeof rows>();
  for (const row of rows) byNote.set(row.noteId, [...(byNote.get(row.noteId) ?? []), row]);
  return byNote;
}
