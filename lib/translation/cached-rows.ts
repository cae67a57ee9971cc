// Reads TranslationCache rows by key, and stores new ones keeping any already there. The keys go in as
// one JSON parameter: for an article's few hundred keys Prisma's `in` spends ~10 ms binding values,
// SQLite's json_each ~1 ms (lib/sql.ts).
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import { jsonArrayValues } from '../sql';

export interface CachedRow {
  key: string;
  engine: string;
  text: string;
  /** JSON array of the English sentences, or null when the block is shown as one paragraph. */
  sentences: string | null;
}

export async function findCachedRows(keys: readonly string[]): Promise<CachedRow[]> {
  if (keys.length === 0) return [];
  return db.$queryRaw<CachedRow[]>`
    SELECT "key", engine, text, sentences FROM "TranslationCache" WHERE "key" IN (${jsonArrayValues(keys)})`;
}

/** Which of these keys are cached, without reading the translations. */
export async function findCachedKeys(keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.$queryRaw<Array<{ key: string }>>`
    SELECT "key" FROM "TranslationCache" WHERE "key" IN (${jsonArrayValues(keys)})`;
  return new Set(rows.map((r) => r.key));
}

export interface NewCachedRow {
  key: string;
  engine: string;
  targetLang: string;
  sentences: string | null;
  text: string;
  aligned: boolean;
  billedChars: number;
}

/**
 * Stores the rows in one multi-row insert; a row another process (or instance) stored meanwhile under
 * the same key is kept (same key, same text). One statement, so two at once never fail on the key, as
 * Prisma's upsert with an empty update does on PostgreSQL (P2002). A query for a $transaction.
 */
export function insertCachedRows(rows: readonly NewCachedRow[], now = new Date()) {
  const values = rows.map(
    (r) => Prisma.sql`(${r.key}, ${r.engine}, ${r.targetLang}, ${r.sentences}, ${r.text}, ${r.aligned}, ${r.billedChars}, ${now})`,
  );
  return db.$executeRaw`INSERT INTO "TranslationCache" ("key", engine, "targetLang", sentences, text, aligned, "billedChars", "createdAt")
    VALUES ${Prisma.join(values)} ON CONFLICT ("key") DO NOTHING`;
}
