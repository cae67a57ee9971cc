// The vocabulary import's write on PostgreSQL: one transaction through the app's Prisma client, all of
// the file's rows or none. The server does the work, so the event loop is free meanwhile without the
// worker thread SQLite needs (import-writer.cjs). The merge rule is that writer's (import-merge.cjs).
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import { COLUMNS, ON_CONFLICT_MERGE, QUOTED_COLUMNS } from './import-merge.cjs';

/** Rows per INSERT: a few statements for the largest import, each one JSON parameter. */
const ROWS_PER_STATEMENT = 1_000;
/** 20,000 notes take well under a second on a local server; a slow disk gets room. */
const TRANSACTION_TIMEOUT_MS = 60_000;
const DEDUPE_KEY = COLUMNS.indexOf('dedupeKey');

const cast: Partial<Record<string, string>> = { paragraph: 'INTEGER', createdAt: 'TIMESTAMP(3)', updatedAt: 'TIMESTAMP(3)' };
/** Each row is a JSON array in COLUMNS order; e->>i is its i-th value as text (SQL NULL for null). */
const SELECTED = COLUMNS.map((c, i) => (cast[c] ? `CAST(e->>${i} AS ${cast[c]})` : `e->>${i}`)).join(', ');

/**
 * PostgreSQL refuses to update one row twice in one INSERT ... ON CONFLICT DO UPDATE, and a file may
 * hold one note twice. So the rows go in rounds: every key's first row, then every second row, ...:
 * each key's rows still merge in the file's order, as the SQLite writer's one-row-at-a-time does.
 */
function rounds(rows: unknown[][]): unknown[][][] {
  const seen = new Map<unknown, number>();
  const out: unknown[][][] = [];
  for (const row of rows) {
    const round = seen.get(row[DEDUPE_KEY]) ?? 0;
    seen.set(row[DEDUPE_KEY], round + 1);
    (out[round] ??= []).push(row);
  }
  return out;
}

export async function writeImportOnPostgres(task: {
  learnerId: string;
  now: string;
  rowsJson: string;
  maxNotes: number;
}): Promise<{ ok: { added: number } } | { tooMany: number }> {
  const { learnerId, now, maxNotes } = task;
  const rows = JSON.parse(task.rowsJson) as unknown[][];
  const tooMany = Symbol('too many notes');
  try {
    return await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`INSERT INTO "Learner" (id, "createdAt") VALUES (${learnerId}, CAST(${now} AS TIMESTAMP(3))) ON CONFLICT (id) DO NOTHING`;
        const before = await tx.vocabularyNote.count({ where: { learnerId } });
        for (const round of rounds(rows)) {
          for (let start = 0; start < round.length; start += ROWS_PER_STATEMENT) {
            const json = JSON.stringify(round.slice(start, start + ROWS_PER_STATEMENT));
            await tx.$executeRaw(Prisma.sql`INSERT INTO "VocabularyNote" (${Prisma.raw(QUOTED_COLUMNS)})
              SELECT ${Prisma.raw(SELECTED)} FROM jsonb_array_elements(CAST(${json} AS jsonb)) AS e
              ${Prisma.raw(ON_CONFLICT_MERGE)}`);
          }
        }
        const after = await tx.vocabularyNote.count({ where: { learnerId } });
        // Thrown to roll the transaction back; answered as a refusal below.
        if (after > maxNotes && after > before) throw Object.assign(new Error('too many notes'), { [tooMany]: after });
        return { ok: { added: after - before } };
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
    );
  } catch (error) {
    const notes = (error as Record<symbol, number> | null)?.[tooMany];
    if (notes !== undefined) return { tooMany: notes };
    throw error;
  }
}
