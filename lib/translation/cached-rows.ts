// Reads TranslationCache rows by key. The keys go in as one JSON parameter: for an article's few
// hundred keys Prisma's `in` spends ~10 ms binding values, SQLite's json_each ~1 ms.
import { db } from '../db';

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
    SELECT key, engine, text, sentences FROM TranslationCache WHERE key IN (SELECT value FROM json_each(${JSON.stringify(keys)}))`;
}

/** Which of these keys are cached, without reading the translations. */
export async function findCachedKeys(keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.$queryRaw<Array<{ key: string }>>`
    SELECT key FROM TranslationCache WHERE key IN (SELECT value FROM json_each(${JSON.stringify(keys)}))`;
  return new Set(rows.map((r) => r.key));
}
