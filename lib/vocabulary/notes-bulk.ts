// Many notes at once: an import saved in one transaction (all of it or nothing), and a learner's notes
// read a page at a time for the exports. With notes.ts, the only code that touches VocabularyNote.
import fs from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { db, writeSynchronously } from '../db';
import { getEnvOrThrow } from '../env';
import { AppError } from '../errors';
import type { VocabularyNote as NoteRow } from '../generated/prisma/client';
import { MAX_NOTES_PER_LEARNER } from './limits';
import { firstWord } from './marks';
import { dedupeKey, newNoteId, toNote } from './notes';
import type { NoteInput, VocabularyNote } from './types';

/** Notes prepared, or read, between two turns of the event loop. */
const BATCH = 250;

const COLUMNS = [
  'id',
  'learnerId',
  'term',
  'dedupeKey',
  'termWord',
  'baseWord',
  'baseForm',
  'nounArticle',
  'translation',
  'note',
  'context',
  'articleSlug',
  'articleTitle',
  'paragraph',
  'createdAt',
  'updatedAt',
] as const;

// A note with a term and translation the learner has already (its dedupe key) is merged as saveNote
// merges (notes.ts, mergedFields): its empty fields are filled, what the learner wrote stays. Two rows
// of one file with the same key merge the same way. SET reads the row as it was before the update.
const UPSERT = `INSERT INTO VocabularyNote (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (learnerId, dedupeKey) DO UPDATE SET
    baseWord = CASE WHEN baseForm = '' THEN excluded.baseWord ELSE baseWord END,
    baseForm = CASE WHEN baseForm = '' THEN excluded.baseForm ELSE baseForm END,
    nounArticle = coalesce(nounArticle, excluded.nounArticle),
    note = CASE WHEN note = '' THEN excluded.note ELSE note END,
    context = CASE WHEN context = '' THEN excluded.context ELSE context END,
    updatedAt = excluded.updatedAt`;

/** A time as Prisma's SQLite adapter stores DateTime, so that both sort and read back alike. */
const sqliteTime = (date: Date) => date.toISOString().replace('Z', '+00:00');

/** The statement's values for each note, a batch at a time: the transaction itself only runs the statement. */
async function toRows(learnerId: string, notes: readonly NoteInput[], now: string): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for (const [i, n] of notes.entries()) {
    if (i > 0 && i % BATCH === 0) await nextTurn();
    const baseForm = n.baseForm ?? '';
    const translation = n.translation ?? '';
    rows.push([
      newNoteId(),
      learnerId,
      n.term,
      dedupeKey(n.term, translation),
      firstWord(n.term),
      firstWord(baseForm),
      baseForm,
      n.nounArticle ?? null,
      translation,
      n.note ?? '',
      n.context ?? '',
      n.articleSlug ?? null,
      n.articleTitle ?? null,
      n.paragraph ?? null,
      n.createdAt ? sqliteTime(new Date(n.createdAt)) : now,
      now,
    ]);
  }
  return rows;
}

/**
 * Saves an import's notes for the learner (creating the learner) in one transaction: all of them, or on
 * any failure, or a kill, none. A note with a term and translation the learner already has merges into
 * that note. Refused whole when the learner would pass MAX_NOTES_PER_LEARNER. Answers how many notes
 * were added; the rest were merged. 20,000 notes take a few hundred ms, during which the server waits.
 */
export async function saveImportedNotesOrThrow(learnerId: string, notes: readonly NoteInput[]): Promise<{ added: number }> {
  const now = sqliteTime(new Date());
  const rows = await toRows(learnerId, notes, now);
  const hold = getEnvOrThrow().TEST_HOLD_VOCABULARY_IMPORT;
  return writeSynchronously((sqlite) => {
    sqlite.prepare('INSERT OR IGNORE INTO Learner (id, createdAt) VALUES (?, ?)').run(learnerId, now);
    const count = sqlite.prepare('SELECT COUNT(*) FROM VocabularyNote WHERE learnerId = ?').pluck();
    const before = count.get(learnerId) as number;
    const upsert = sqlite.prepare(UPSERT);
    for (const [i, row] of rows.entries()) {
      if (hold && i === rows.length >> 1) holdForTests(i);
      upsert.run(row);
    }
    const after = count.get(learnerId) as number;
    if (after > MAX_NOTES_PER_LEARNER && after > before) {
      const max = MAX_NOTES_PER_LEARNER.toLocaleString('en');
      throw new AppError(
        'too_large',
        `This file would give you ${after.toLocaleString('en')} notes; one learner can keep ${max}. Nothing was imported: delete notes on /vocabulary, or import fewer rows.`,
      );
    }
    return { added: after - before };
  });
}

/**
 * TEST_HOLD_VOCABULARY_IMPORT: says so on stdout (synchronously: a pipe on Linux) and stops here, inside
 * the transaction, until the process is killed, so a test kills the server provably mid-import.
 */
function holdForTests(written: number): void {
  fs.writeSync(1, `vocabulary import: holding the write transaction open after ${written} notes (TEST_HOLD_VOCABULARY_IMPORT)\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

/**
 * The learner's notes oldest first (as they were saved), a page at a time with the event loop free in
 * between, by keyset on (createdAt, id): a note saved or deleted meanwhile never shifts the others.
 */
export async function* notePagesOldestFirst(learnerId: string | null, pageSize = BATCH): AsyncGenerator<VocabularyNote[]> {
  if (!learnerId) return;
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows: NoteRow[] = await db.vocabularyNote.findMany({
      where: { learnerId, ...(after && { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: pageSize,
    });
    if (rows.length > 0) yield rows.map(toNote);
    if (rows.length < pageSize) return;
    after = { createdAt: rows[rows.length - 1].createdAt, id: rows[rows.length - 1].id };
    await nextTurn();
  }
}
