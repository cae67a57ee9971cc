// Passes that give data from before the word features its lemmas, run in the background when a server
// starts (instrumentation.ts) and by the seed: notes gain a dictionary form and a lemma key, articles their
// ArticleLemma rows. Each is idempotent and resumable: a batch is written by one statement, a process
// killed part way leaves the rest for the next pass, and several processes running it at once write the
// same values (every write is conditional on the row still being unfilled).
import { setImmediate as nextTurn } from 'node:timers/promises';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import { lookupGermanWord } from '../german/lookup';
import { jsonRecords } from '../sql';
import { firstWord } from '../vocabulary/marks';
import { noteLemmaKey } from '../vocabulary/word-status';
import { articlesWithoutLemmas, indexArticleLemmas } from './article-lemmas';

/** The note pass has run to its end on this database (an AppSecret row: made once, never changes). */
export const NOTE_PASS_DONE = 'pass:note-lemmas-v1';
const NOTES_PER_BATCH = 200;

interface FilledNote {
  id: string;
  baseForm: string;
  baseWord: string;
  nounArticle: string | null;
  lemma: string;
}

function fillNotes(rows: FilledNote[]): Prisma.Sql {
  // Only a note still unfilled is written, and a dictionary form or gender the learner gave stays.
  return Prisma.sql`UPDATE "VocabularyNote" SET
      "baseForm" = CASE WHEN "VocabularyNote"."baseForm" = '' THEN j."baseForm" ELSE "VocabularyNote"."baseForm" END,
      "baseWord" = CASE WHEN "VocabularyNote"."baseForm" = '' THEN j."baseWord" ELSE "VocabularyNote"."baseWord" END,
      "nounArticle" = CASE WHEN "VocabularyNote"."baseForm" = '' THEN coalesce("VocabularyNote"."nounArticle", j."nounArticle") ELSE "VocabularyNote"."nounArticle" END,
      lemma = j.lemma
    FROM ${jsonRecords(rows, { id: 'TEXT', baseForm: 'TEXT', baseWord: 'TEXT', nounArticle: 'TEXT', lemma: 'TEXT' })} AS j
    WHERE "VocabularyNote".id = j.id AND "VocabularyNote".lemma = ''`;
}

/**
 * Notes without a lemma key (saved before it existed): a dictionary form from the dictionary where the
 * note has none (and the gender, for a noun without one), and the lemma key of what the note then says.
 * Answers how many notes it filled. Records that it ran to the end, so later starts skip the scan.
 */
export async function fillNoteLemmas(): Promise<number> {
  if (await db.appSecret.findUnique({ where: { name: NOTE_PASS_DONE }, select: { name: true } })) return 0;
  let after = '';
  let filled = 0;
  for (;;) {
    const rows = await db.vocabularyNote.findMany({
      where: { lemma: '', id: { gt: after } },
      orderBy: { id: 'asc' },
      take: NOTES_PER_BATCH,
      select: { id: true, term: true, baseForm: true, nounArticle: true, context: true },
    });
    if (rows.length === 0) break;
    const updates = rows.map((note): FilledNote => {
      const found = note.baseForm ? null : lookupGermanWord(note.term, note.context);
      const baseForm = note.baseForm || (found?.baseForm ?? '');
      return {
        id: note.id,
        baseForm,
        baseWord: firstWord(baseForm),
        nounArticle: note.nounArticle ?? found?.gender ?? null,
        lemma: noteLemmaKey(note.term, baseForm, note.context),
      };
    });
    filled += await db.$executeRaw(fillNotes(updates));
    after = rows[rows.length - 1].id;
    await nextTurn();
  }
  await db.$executeRaw`INSERT INTO "AppSecret" (name, value, "createdAt") VALUES (${NOTE_PASS_DONE}, ${new Date().toISOString()}, ${new Date()}) ON CONFLICT (name) DO NOTHING`;
  return filled;
}

/** Articles without ArticleLemma rows (imported before they existed, or a write cut short): answers how many it indexed. */
export async function fillArticleLemmas(): Promise<number> {
  let done = 0;
  const failed = new Set<number>();
  for (;;) {
    const ids = (await articlesWithoutLemmas(failed.size + 10)).filter((id) => !failed.has(id));
    if (ids.length === 0) return done;
    for (const id of ids) {
      try {
        if (await indexArticleLemmas(id)) done++;
        else failed.add(id); // removed meanwhile
      } catch (error) {
        failed.add(id);
        console.error(`Indexing the words of article ${id} failed (the next start tries again):`, error);
      }
    }
  }
}

const globalForPass = globalThis as unknown as { nebeneinanderWordPass?: Promise<void> };

/** Both passes, once per process, in the background; the server answers meanwhile (each batch yields). */
export function startWordIndexing(): Promise<void> {
  globalForPass.nebeneinanderWordPass ??= (async () => {
    await nextTurn();
    try {
      await fillNoteLemmas();
      await fillArticleLemmas();
    } catch (error) {
      console.error('Indexing words failed (the next start tries again):', error);
    }
  })();
  return globalForPass.nebeneinanderWordPass;
}
