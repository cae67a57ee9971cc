// Many notes at once: an import saved in one transaction (all of it or nothing), and a learner's notes
// read a page at a time for the exports. With notes.ts, the only code that touches VocabularyNote.
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { databaseFile, db, sqlDialect } from '../db';
import { sqliteTime } from '../sql';
import { getEnvOrThrow } from '../env';
import { AppError } from '../errors';
import { Prisma, type VocabularyNote as NoteRow } from '../generated/prisma/client';
import { writeImportOnPostgres } from './import-postgres';
import { MAX_NOTES_PER_LEARNER } from './limits';
import { firstWord } from './marks';
import { dedupeKey, newNoteId, toNote } from './notes';
import type { NoteInput, VocabularyNote } from './types';
import { noteLemmaKey } from './word-status';

/** Notes prepared, or read, between two turns of the event loop. */
const BATCH = 250;
/** How long the import waits for another connection's write to end (on the worker thread, not the server's). */
const IMPORT_LOCK_WAIT_MS = 10_000;


/**
 * The rows the import writer stores, in its column order (lib/vocabulary/import-writer.cjs), as one
 * JSON text made a batch at a time: a string crosses to the worker thread without a deep copy.
 */
async function rowsJson(learnerId: string, notes: readonly NoteInput[], now: string): Promise<string> {
  const parts: string[] = [];
  for (let start = 0; start < notes.length; start += BATCH) {
    if (start > 0) await nextTurn();
    const rows = notes.slice(start, start + BATCH).map((n) => {
      const baseForm = n.baseForm ?? '';
      const translation = n.translation ?? '';
      return [
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
        noteLemmaKey(n.term, baseForm, n.context ?? ''),
      ];
    });
    parts.push(JSON.stringify(rows).slice(1, -1));
  }
  return `[${parts.join(',')}]`;
}

/** The import writer's answer (lib/vocabulary/import-writer.cjs). */
type WriterAnswer = { ok: { added: number } } | { tooMany: number } | { error: { message: string; code?: string } };

/** Runs the import's transaction on a worker thread and resolves with its answer. */
function runImportWriter(task: Record<string, unknown>): Promise<WriterAnswer> {
  return new Promise((resolve, reject) => {
    // Outside the bundle: Node loads the worker file from the app's directory as it is.
    const worker = new Worker(path.join(/* turbopackIgnore: true */ process.cwd(), 'lib', 'vocabulary', 'import-writer.cjs'), { workerData: task });
    let answered = false;
    worker.once('message', (answer: WriterAnswer) => {
      answered = true;
      resolve(answer);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The vocabulary import writer stopped (exit code ${code}) without an answer.`));
    });
  });
}

/**
 * Saves an import's notes for the learner (creating the learner) in one transaction: all of them, or on
 * any failure, or a kill, none. A note with a term and translation the learner already has merges into
 * that note. Refused whole when the learner would pass MAX_NOTES_PER_LEARNER. Answers how many notes
 * were added; the rest were merged. On SQLite the transaction runs on a worker thread (20,000 notes:
 * ~100 ms of SQLite), so the server goes on answering meanwhile; PostgreSQL works on its own server.
 */
export async function saveImportedNotesOrThrow(learnerId: string, notes: readonly NoteInput[]): Promise<{ added: number }> {
  const now = sqliteTime(new Date());
  const task = { learnerId, now, rowsJson: await rowsJson(learnerId, notes, now), maxNotes: MAX_NOTES_PER_LEARNER };
  const answer: WriterAnswer =
    sqlDialect() === 'postgresql'
      ? await writeImportOnPostgres(task)
      : await runImportWriter({
          ...task,
          file: databaseFile(),
          hold: getEnvOrThrow().TEST_HOLD_VOCABULARY_IMPORT,
          busyTimeoutMs: IMPORT_LOCK_WAIT_MS,
        });
  if ('ok' in answer) return answer.ok;
  if ('tooMany' in answer) {
    const max = MAX_NOTES_PER_LEARNER.toLocaleString('en');
    throw new AppError(
      'too_large',
      `This file would give you ${answer.tooMany.toLocaleString('en')} notes; one learner can keep ${max}. Nothing was imported: delete notes on /vocabulary, or import fewer rows.`,
    );
  }
  if (/^SQLITE_BUSY/.test(answer.error.code ?? '')) {
    throw new AppError('unavailable', 'The database is busy with other changes. Nothing was saved; try again in a minute.');
  }
  // Recognised by its code as the same failure on the server's own connection would be (a full disk).
  throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
}

/**
 * The learner's notes oldest first (as they were saved), a page at a time with the event loop free in
 * between, by keyset on (createdAt, id): a note saved or deleted meanwhile never shifts the others.
 * A row-value comparison, so that each page is one seek in the (learnerId, createdAt, id) index (the
 * OR form Prisma writes for a cursor scans and sorts all the learner's notes for every page: 20,000
 * notes took 0.52 s of SQLite per export instead of 0.07 s). The cursor is createdAt as stored.
 */
export async function* notePagesOldestFirst(learnerId: string | null, pageSize = BATCH): AsyncGenerator<VocabularyNote[]> {
  if (!learnerId) return;
  let after = { createdAt: sqlDialect() === 'postgresql' ? POSTGRES_BEFORE_ALL : '', id: '' };
  for (;;) {
    const rows = await db.$queryRaw<Array<NoteRow & { storedAt: string }>>(notesAfter(learnerId, after, pageSize));
    if (rows.length > 0) yield rows.map(toNote);
    if (rows.length < pageSize) return;
    after = { createdAt: rows[rows.length - 1].storedAt, id: rows[rows.length - 1].id };
    await nextTurn();
  }
}

/** A timestamp before every other, PostgreSQL's start for the cursor (SQLite's is '', before every text). */
const POSTGRES_BEFORE_ALL = '-infinity';

/**
 * One page of the keyset. SQLite stores DateTime as text: the cursor is that text, compared as text.
 * PostgreSQL stores a timestamp: the cursor is its text form, read back as the same timestamp (to the
 * millisecond, as the column keeps it), so notes with equal createdAt are ordered by id on both.
 */
function notesAfter(learnerId: string, after: { createdAt: string; id: string }, pageSize: number): Prisma.Sql {
  return sqlDialect() === 'postgresql'
    ? Prisma.sql`SELECT *, CAST("createdAt" AS TEXT) AS "storedAt" FROM "VocabularyNote"
      WHERE "learnerId" = ${learnerId} AND ("createdAt", id) > (CAST(${after.createdAt} AS TIMESTAMP(3)), ${after.id})
      ORDER BY "createdAt", id LIMIT ${pageSize}`
    : Prisma.sql`SELECT *, CAST(createdAt AS TEXT) AS storedAt FROM VocabularyNote
      WHERE learnerId = ${learnerId} AND (createdAt, id) > (${after.createdAt}, ${after.id})
      ORDER BY createdAt, id LIMIT ${pageSize}`;
}
