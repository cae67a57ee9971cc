// A learner's word statuses: "known" (a WordStatus row, marked by the learner), "learning" (a note whose
// lemma key is the word's), else "new". The only module that touches WordStatus; every query names the learner.
import { z } from 'zod';
import { db, sqlDialect } from '../db';
import { AppError } from '../errors';
import { Prisma } from '../generated/prisma/client';
import { lemmaKey } from '../german/lemma';
import { jsonArrayValues } from '../sql';
import { ensureLearnerRow } from './learner';
import { MAX_KNOWN_WORDS, MAX_LEMMA_CHARS, MAX_STATUS_LEMMAS } from './limits';

export type WordStatusValue = 'new' | 'learning' | 'known';

const fold = (text: string) => text.normalize('NFC').trim().toLocaleLowerCase('de-DE');

/** A note's lemma key: its dictionary form's when it has one (the learner's correction counts), else its term's in its sentence. */
export function noteLemmaKey(term: string, baseForm: string, context = ''): string {
  return baseForm.trim() ? lemmaKey(baseForm.trim()) : lemmaKey(term.trim(), context);
}

/** POST /api/words/status's body: lemma keys as the reader has them (GET /api/vocabulary/marks), folded here. */
export const wordStatusBodySchema = z.object({
  lemmas: z
    .array(
      z
        .string()
        .min(1, 'A lemma is empty.')
        .max(MAX_LEMMA_CHARS, `A lemma is at most ${MAX_LEMMA_CHARS} characters: one word's dictionary form.`)
        .regex(/^[^\p{Cc}\p{Cf}\p{Cs}]+$/u, 'A lemma holds no control or invisible characters: send the keys as the reader has them.'),
      { message: '"lemmas" must be a list of words.' },
    )
    .min(1, '"lemmas" is empty: send at least one word.')
    .max(MAX_STATUS_LEMMAS, `At most ${MAX_STATUS_LEMMAS.toLocaleString('en')} lemmas a request: send them in parts.`),
  status: z.enum(['known', 'new'], { message: '"status" must be "known" or "new".' }),
});

/** The learner's status of one lemma key (null learner: nobody, every word is new). */
export async function wordStatusOf(learnerId: string | null, lemma: string): Promise<WordStatusValue> {
  if (!learnerId) return 'new';
  const key = fold(lemma);
  if (await db.wordStatus.findUnique({ where: { learnerId_lemma: { learnerId, lemma: key } }, select: { lemma: true } })) return 'known';
  const note = await db.vocabularyNote.findFirst({ where: { learnerId, lemma: key }, select: { id: true } });
  return note ? 'learning' : 'new';
}

/** Which of these lemma keys the learner marked known (one indexed probe each). */
export async function knownAmong(learnerId: string | null, lemmas: readonly string[]): Promise<string[]> {
  if (!learnerId || lemmas.length === 0) return [];
  const rows = await db.$queryRaw<Array<{ lemma: string }>>`
    SELECT lemma FROM "WordStatus" WHERE "learnerId" = ${learnerId} AND lemma IN (${jsonArrayValues(lemmas)})`;
  return rows.map((r) => r.lemma);
}

function insertKnown(learnerId: string, lemmas: readonly string[]): Prisma.Sql {
  const json = JSON.stringify(lemmas);
  const now = new Date();
  return sqlDialect() === 'postgresql'
    ? Prisma.sql`INSERT INTO "WordStatus" ("learnerId", lemma, "createdAt")
        SELECT ${learnerId}, j.lemma, ${now} FROM jsonb_array_elements_text(CAST(${json} AS jsonb)) AS j(lemma)
        ON CONFLICT ("learnerId", lemma) DO NOTHING`
    : Prisma.sql`INSERT INTO "WordStatus" ("learnerId", lemma, "createdAt")
        SELECT ${learnerId}, value, ${now} FROM json_each(${json}) WHERE true
        ON CONFLICT ("learnerId", lemma) DO NOTHING`;
}

/**
 * Marks lemma keys known (or new again: the known row goes; a note still makes it "learning"). Answers
 * how many rows changed. Refused whole when the learner would pass MAX_KNOWN_WORDS (two requests at once
 * may pass it by at most one request's lemmas).
 */
export async function setWordStatuses(learnerId: string, input: z.infer<typeof wordStatusBodySchema>): Promise<{ updated: number }> {
  const lemmas = [...new Set(input.lemmas.map(fold))];
  if (input.status === 'new') {
    const { count } = await db.wordStatus.deleteMany({ where: { learnerId, lemma: { in: lemmas } } });
    return { updated: count };
  }
  await ensureLearnerRow(learnerId);
  const [total, already] = await Promise.all([db.wordStatus.count({ where: { learnerId } }), knownAmong(learnerId, lemmas)]);
  const adding = lemmas.length - already.length;
  if (total + adding > MAX_KNOWN_WORDS) {
    throw new AppError(
      'too_large',
      `You have ${total.toLocaleString('en')} known words; one learner can keep ${MAX_KNOWN_WORDS.toLocaleString('en')}, and these would add ${adding.toLocaleString('en')}. Nothing was marked: unmark some first.`,
    );
  }
  return { updated: await db.$executeRaw(insertKnown(learnerId, lemmas)) };
}

/** The learner's known lemma keys in order, a page at a time (the export). */
export async function* knownWordPages(learnerId: string | null, pageSize = 1000): AsyncGenerator<string[]> {
  if (!learnerId) return;
  let after = '';
  for (;;) {
    const rows = await db.wordStatus.findMany({ where: { learnerId, lemma: { gt: after } }, orderBy: { lemma: 'asc' }, take: pageSize, select: { lemma: true } });
    if (rows.length > 0) yield rows.map((r) => r.lemma);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].lemma;
  }
}
