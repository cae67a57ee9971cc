// Review state in the vocabulary's files: the CSV's `review` cell (JSON, by kind, only cards graded at
// least once), read back on import, and a line on the Anki card's back. Old files without the column
// import as before; their notes' cards start new.
import { z } from 'zod';
import { db } from '../db';
import { jsonRecords, sqliteTime } from '../sql';
import { newCardId, type GradedCard } from './cards';
import { CARD_KINDS, type CardKind } from './types';

/** A review cell longer than this is refused (four cards take ~1,000 characters). */
export const MAX_REVIEW_CELL_CHARS = 4_000;

const isoDate = z.iso.datetime({ offset: true, error: 'a date such as 2026-11-28T09:00:00.000Z' });
const count = z.number().int().min(0).max(1_000_000);

const cardStateSchema = z.strictObject({
  due: isoDate,
  state: z.number().int().min(0).max(3),
  reps: count,
  lapses: count,
  stability: z.number().min(0).max(1_000_000),
  difficulty: z.number().min(0).max(11),
  scheduledDays: count,
  elapsedDays: count,
  learningSteps: z.number().int().min(0).max(100),
  lastReview: isoDate.nullable(),
});
export type CardTransfer = z.infer<typeof cardStateSchema> & { kind: CardKind };

const cellSchema = z.partialRecord(z.enum(CARD_KINDS), cardStateSchema);

/** The cell for a note's cards: its graded cards' FSRS state by kind; "" when none was graded. */
export function reviewCell(cards: readonly GradedCard[] | undefined): string {
  const graded = (cards ?? []).filter((c) => c.reps > 0);
  if (graded.length === 0) return '';
  const cell: Record<string, unknown> = {};
  for (const c of graded) {
    cell[c.kind] = {
      due: c.due.toISOString(),
      state: c.state,
      reps: c.reps,
      lapses: c.lapses,
      stability: c.stability,
      difficulty: c.difficulty,
      scheduledDays: c.scheduledDays,
      elapsedDays: c.elapsedDays,
      learningSteps: c.learningSteps,
      lastReview: c.lastReview?.toISOString() ?? null,
    };
  }
  return JSON.stringify(cell);
}

/** The Anki card's line about it: "Review in Nebeneinander: meaning due 2026-11-28, gender due 2026-12-03". */
export function reviewLine(cards: readonly GradedCard[] | undefined): string {
  const graded = (cards ?? []).filter((c) => c.reps > 0);
  return graded.length === 0 ? '' : `Review in Nebeneinander: ${graded.map((c) => `${c.kind} due ${c.due.toISOString().slice(0, 10)}`).join(', ')}`;
}

/** Reads a CSV row's review cell: the cards, or the message for the row's error. */
export function parseReviewCell(text: string): { ok: true; cards: CardTransfer[] } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, cards: [] };
  const bad = (why: string) => ({ ok: false as const, message: `The "review" column ${why}. Leave it empty to start this note's reviews anew, or copy it unchanged from an export.` });
  if (trimmed.length > MAX_REVIEW_CELL_CHARS) return bad(`is longer than ${MAX_REVIEW_CELL_CHARS.toLocaleString('en')} characters`);
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return bad('is not the JSON an export writes');
  }
  const parsed = cellSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return bad(`has a wrong value${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue?.message ?? 'not valid'}`);
  }
  return { ok: true, cards: Object.entries(parsed.data).map(([kind, state]) => ({ ...(state as z.infer<typeof cardStateSchema>), kind: kind as CardKind })) };
}

/**
 * Writes imported review state onto the learner's notes, found by dedupe key. A card keeps whichever state
 * has more grades (the file's, or the one here), so importing an older export never sets reviews back. One
 * statement per 1,000 cards; CROSS JOIN keeps SQLite's order (each row of the file, then its note by the
 * (learnerId, dedupeKey) index) instead of a walk over all the learner's notes per row. Cards of kinds the note no longer has go when its cards are next brought up to date.
 */
export async function applyImportedReviews(learnerId: string, imported: ReadonlyArray<{ dedupeKey: string; cards: readonly CardTransfer[] }>): Promise<void> {
  const best = new Map<string, Record<string, unknown>>();
  const createdAt = sqliteTime(new Date());
  for (const { dedupeKey, cards } of imported) {
    for (const c of cards) {
      const key = `${dedupeKey}\u0000${c.kind}`;
      const seen = best.get(key);
      if (seen && (seen.reps as number) >= c.reps) continue;
      best.set(key, {
        id: newCardId(),
        dedupeKey,
        kind: c.kind,
        due: sqliteTime(new Date(c.due)),
        stability: c.stability,
        difficulty: c.difficulty,
        elapsedDays: c.elapsedDays,
        scheduledDays: c.scheduledDays,
        learningSteps: c.learningSteps,
        reps: c.reps,
        lapses: c.lapses,
        state: c.state,
        lastReview: c.lastReview === null ? null : sqliteTime(new Date(c.lastReview)),
        createdAt,
      });
    }
  }
  const rows = [...best.values()];
  for (let start = 0; start < rows.length; start += 1_000) {
    const part = rows.slice(start, start + 1_000);
    await db.$executeRaw`INSERT INTO "ReviewCard" (id, "learnerId", "noteId", kind, due, stability, difficulty, "elapsedDays",
        "scheduledDays", "learningSteps", reps, lapses, state, "lastReview", "createdAt")
      SELECT r.id, n."learnerId", n.id, r.kind, r.due, r.stability, r.difficulty, r."elapsedDays", r."scheduledDays",
        r."learningSteps", r.reps, r.lapses, r.state, r."lastReview", r."createdAt"
      FROM ${jsonRecords(part, {
        id: 'TEXT',
        dedupeKey: 'TEXT',
        kind: 'TEXT',
        due: 'TIMESTAMP(3)',
        stability: 'DOUBLE PRECISION',
        difficulty: 'DOUBLE PRECISION',
        elapsedDays: 'INTEGER',
        scheduledDays: 'INTEGER',
        learningSteps: 'INTEGER',
        reps: 'INTEGER',
        lapses: 'INTEGER',
        state: 'INTEGER',
        lastReview: 'TIMESTAMP(3)',
        createdAt: 'TIMESTAMP(3)',
      })} AS r
      CROSS JOIN "VocabularyNote" n
      WHERE n."learnerId" = ${learnerId} AND n."dedupeKey" = r."dedupeKey"
      ON CONFLICT ("noteId", kind) DO UPDATE SET due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
        "elapsedDays" = excluded."elapsedDays", "scheduledDays" = excluded."scheduledDays", "learningSteps" = excluded."learningSteps",
        reps = excluded.reps, lapses = excluded.lapses, state = excluded.state, "lastReview" = excluded."lastReview"
      WHERE excluded.reps > "ReviewCard".reps`;
  }
}
