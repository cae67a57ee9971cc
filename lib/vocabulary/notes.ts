// A learner's vocabulary notes in the database. Every query names the learner: a note id alone
// never reaches a note, so another learner's id answers "not found".
import { randomBytes } from 'node:crypto';
import { db, sqlDialect } from '../db';
import { jsonArrayValues } from '../sql';
import { syncCardsForNote } from '../review/cards';
import { AppError } from '../errors';
import type { VocabularyNote as NoteRow } from '../generated/prisma/client';
import { ensureLearnerRow } from './learner';
import { MAX_CONTEXT_CHARS, MAX_NOTES_PER_LEARNER } from './limits';
import { buildMatcher, findMarks, firstWord, wordsIn } from './marks';
import type { NoteUpdate } from './schemas';
import type { MarkNote, NoteInput, NounArticle, VocabularyNote } from './types';
import { noteLemmaKey } from './word-status';

export type NoteSort = 'newest' | 'az';

export interface NoteQuery {
  /** Words to find in the term, base form, translation or note (case-insensitive). */
  search?: string;
  sort?: NoteSort;
  /** Only notes saved from this article. */
  articleSlug?: string;
}

const fold = (text: string) => text.toLocaleLowerCase('de-DE');
const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

const globalForIds = globalThis as unknown as { noteIdClock?: { ms: number; count: number } };
const idClock = (globalForIds.noteIdClock ??= { ms: 0, count: 0 });

/**
 * A new note id: a UUID version 7 (RFC 9562), its time and a counter first, so ids made later sort
 * later. The notes of one import share their creation time and still list in the order of the file,
 * and the index takes new ids at its end.
 */
export function newNoteId(now = Date.now()): string {
  if (now > idClock.ms) Object.assign(idClock, { ms: now, count: 0 });
  else if (++idClock.count > 0xfff) Object.assign(idClock, { ms: idClock.ms + 1, count: 0 });
  const bytes = randomBytes(16);
  bytes.writeUIntBE(idClock.ms, 0, 6);
  bytes.writeUInt16BE(0x7000 | idClock.count, 6);
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Between term and translation in a dedupe key: a control character no term can hold (schemas.ts).
 * SQLite's keys have used NUL since the first version; PostgreSQL's text cannot hold NUL, so there it is
 * U+0001. A key is only ever compared with keys of the same database.
 */
function keySeparator(): string {
  return sqlDialect() === 'postgresql' ? '\u0001' : '\u0000';
}

/** A note with the same term and translation is the same note: a second save merges into it. */
export function dedupeKey(term: string, translation: string): string {
  return `${fold(term)}${keySeparator()}${fold(translation)}`;
}

export function toNote(row: NoteRow): VocabularyNote {
  return {
    id: row.id,
    term: row.term,
    baseForm: row.baseForm,
    lemma: row.lemma,
    nounArticle: (row.nounArticle as NounArticle | null) ?? null,
    translation: row.translation,
    note: row.note,
    context: row.context,
    articleSlug: row.articleSlug,
    articleTitle: row.articleTitle,
    paragraph: row.paragraph,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';

/** The sentence of a block that holds the term (whole word, any case); "" when none does. */
export function sentenceWithTerm(sentences: readonly string[], term: string): string {
  const matcher = buildMatcher([{ id: 't', term, baseForm: '' }]);
  const found = sentences.find((s) => findMarks(s, matcher).length > 0) ?? '';
  return found.length <= MAX_CONTEXT_CHARS ? found : `${found.slice(0, MAX_CONTEXT_CHARS - 1)}…`;
}

/**
 * Where a note comes from. From the API, the article must exist and the paragraph be in it, and
 * the title and (when not given) the sentence are taken from it. An import keeps what the file says.
 */
async function resolveSource(input: NoteInput, checkArticle: boolean) {
  const slug = input.articleSlug ?? null;
  if (!slug) return { articleSlug: null, articleTitle: input.articleTitle ?? null, paragraph: input.paragraph ?? null, context: input.context ?? '' };
  const article = await db.article.findUnique({ where: { slug }, select: { id: true, title: true } });
  if (!article) {
    if (checkArticle) throw new AppError('bad_input', `There is no article "${slug}". Leave "articleSlug" out, or use a slug from GET /api/articles.`);
    return { articleSlug: slug, articleTitle: input.articleTitle ?? null, paragraph: input.paragraph ?? null, context: input.context ?? '' };
  }
  let context = input.context ?? '';
  if (input.paragraph != null) {
    const block = await db.block.findUnique({ where: { articleId_n: { articleId: article.id, n: input.paragraph } }, select: { sentences: true } });
    if (!block && checkArticle) throw new AppError('bad_input', `"${article.title}" has no paragraph ${input.paragraph}.`);
    if (block && !context) context = sentenceWithTerm(JSON.parse(block.sentences) as string[], input.term);
  }
  return { articleSlug: slug, articleTitle: article.title, paragraph: input.paragraph ?? null, context };
}

/** Fills the existing note's empty fields from the new one; what the learner wrote stays. */
function mergedFields(existing: NoteRow, input: NoteInput) {
  const pick = <T>(old: T, incoming: T | undefined) => (old === '' || old === null ? (incoming ?? old) : old);
  const baseForm = pick(existing.baseForm, input.baseForm);
  const context = pick(existing.context, input.context);
  return {
    baseForm,
    baseWord: firstWord(baseForm),
    lemma: noteLemmaKey(existing.term, baseForm, context),
    nounArticle: pick(existing.nounArticle, input.nounArticle),
    note: pick(existing.note, input.note),
    context,
  };
}

/**
 * Saves a note for the learner (creating the learner on their first save). A note with the same
 * term and translation is merged into the existing one instead: `created` says which happened.
 */
export async function saveNote(
  learnerId: string,
  input: NoteInput,
  { checkArticle = true }: { checkArticle?: boolean } = {},
): Promise<{ note: VocabularyNote; created: boolean }> {
  const source = await resolveSource(input, checkArticle);
  const key = dedupeKey(input.term, input.translation ?? '');
  await ensureLearnerRow(learnerId);
  const existing = await db.vocabularyNote.findUnique({ where: { learnerId_dedupeKey: { learnerId, dedupeKey: key } } });
  if (existing) {
    const row = await db.vocabularyNote.update({ where: { id: existing.id }, data: mergedFields(existing, { ...input, context: source.context }) });
    await syncCardsForNote(learnerId, row.id);
    return { note: toNote(row), created: false };
  }
  if ((await db.vocabularyNote.count({ where: { learnerId } })) >= MAX_NOTES_PER_LEARNER) {
    throw new AppError('too_many', `You have ${MAX_NOTES_PER_LEARNER.toLocaleString('en')} notes, the most one learner can keep. Delete some on /vocabulary first.`);
  }
  try {
    const row = await db.vocabularyNote.create({
      data: {
        id: newNoteId(),
        learnerId,
        term: input.term,
        dedupeKey: key,
        termWord: firstWord(input.term),
        baseWord: firstWord(input.baseForm ?? ''),
        baseForm: input.baseForm ?? '',
        lemma: noteLemmaKey(input.term, input.baseForm ?? '', source.context),
        nounArticle: input.nounArticle ?? null,
        translation: input.translation ?? '',
        note: input.note ?? '',
        ...source,
        ...(input.createdAt ? { createdAt: new Date(input.createdAt) } : {}),
      },
    });
    await syncCardsForNote(learnerId, row.id);
    return { note: toNote(row), created: true };
  } catch (error) {
    // The same note saved twice at once (a double click): the first one stands.
    if (!isUniqueViolation(error)) throw error;
    const row = await db.vocabularyNote.findUniqueOrThrow({ where: { learnerId_dedupeKey: { learnerId, dedupeKey: key } } });
    return { note: toNote(row), created: false };
  }
}

function notFound(): AppError {
  return new AppError('not_found', 'No such note in your vocabulary. It may have been deleted; reload /vocabulary.');
}

/** Changes the learner's own note; another learner's id is "not found". */
export async function updateNote(learnerId: string, id: string, changes: NoteUpdate): Promise<VocabularyNote> {
  const existing = await db.vocabularyNote.findFirst({ where: { id, learnerId } });
  if (!existing) throw notFound();
  const term = changes.term ?? existing.term;
  const translation = changes.translation ?? existing.translation;
  try {
    const row = await db.vocabularyNote.update({
      where: { id: existing.id },
      data: {
        ...changes,
        dedupeKey: dedupeKey(term, translation),
        termWord: firstWord(term),
        baseWord: firstWord(changes.baseForm ?? existing.baseForm),
        lemma: noteLemmaKey(term, changes.baseForm ?? existing.baseForm, existing.context),
      },
    });
    await syncCardsForNote(learnerId, row.id);
    return toNote(row);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError('conflict', `You already have a note for "${term}" translated as "${translation}". Edit that one instead.`);
  }
}

/** Deletes the learner's own note and answers it whole, so that it can be restored (undo). */
export async function deleteNote(learnerId: string, id: string): Promise<VocabularyNote> {
  const existing = await db.vocabularyNote.findFirst({ where: { id, learnerId } });
  if (!existing) throw notFound();
  await db.vocabularyNote.deleteMany({ where: { id, learnerId } });
  return toNote(existing);
}

/** The learner's note for a term (any translation), newest first: the reader offers to edit it. */
export async function findNoteForTerm(learnerId: string | null, term: string): Promise<VocabularyNote | null> {
  if (!learnerId) return null;
  const row = await db.vocabularyNote.findFirst({
    where: { learnerId, dedupeKey: { startsWith: `${fold(term)}${keySeparator()}` } },
    orderBy: { createdAt: 'desc' },
  });
  return row ? toNote(row) : null;
}

export async function getNote(learnerId: string, id: string): Promise<VocabularyNote> {
  const row = await db.vocabularyNote.findFirst({ where: { id, learnerId } });
  if (!row) throw notFound();
  return toNote(row);
}

/** The learner's notes, searched, filtered and sorted (in memory: correct German case and order). */
export async function listNotes(learnerId: string | null, query: NoteQuery = {}): Promise<VocabularyNote[]> {
  if (!learnerId) return [];
  const rows = await db.vocabularyNote.findMany({
    where: { learnerId, ...(query.articleSlug ? { articleSlug: query.articleSlug } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  let notes = rows.map(toNote);
  const words = fold(query.search ?? '').split(/\s+/).filter(Boolean);
  if (words.length > 0) {
    notes = notes.filter((n) => {
      const haystack = fold(`${n.term}\n${n.baseForm}\n${n.translation}\n${n.note}`);
      return words.every((w) => haystack.includes(w));
    });
  }
  if (query.sort === 'az') notes.sort((a, b) => collator.compare(a.baseForm || a.term, b.baseForm || b.term));
  return notes;
}

/** The articles the learner saved notes from, for the filter. */
export async function noteArticles(learnerId: string | null): Promise<Array<{ slug: string; title: string; count: number }>> {
  if (!learnerId) return [];
  const groups = await db.vocabularyNote.groupBy({
    by: ['articleSlug', 'articleTitle'],
    where: { learnerId, articleSlug: { not: null } },
    _count: { _all: true },
  });
  return groups
    .map((g) => ({ slug: g.articleSlug as string, title: g.articleTitle ?? (g.articleSlug as string), count: g._count._all }))
    .sort((a, b) => collator.compare(a.title, b.title));
}

/**
 * The learner's notes whose term or base form occurs in these texts, or whose lemma key is one of
 * `lemmas` (the article's words' lemmas): what the reader marks. The indexes on first words and lemma
 * keys pick the candidates (a learner with thousands of notes has a few dozen in an article); the
 * matcher then checks whole phrases. The words go in as one JSON parameter: a few hundred bound values
 * cost Prisma more than SQLite's json_each (lib/sql.ts).
 */
export async function notesInTexts(learnerId: string | null, texts: readonly string[], lemmas: readonly string[] = []): Promise<MarkNote[]> {
  if (!learnerId) return [];
  const words = [...wordsIn(texts)];
  const rows = await db.$queryRaw<Array<{ id: string; term: string; baseForm: string; lemma: string; nounArticle: string | null; translation: string; note: string }>>`
    SELECT id, term, "baseForm", lemma, "nounArticle", translation, note FROM "VocabularyNote"
      WHERE "learnerId" = ${learnerId} AND "termWord" IN (${jsonArrayValues(words)})
    UNION
    SELECT id, term, "baseForm", lemma, "nounArticle", translation, note FROM "VocabularyNote"
      WHERE "learnerId" = ${learnerId} AND "baseWord" IN (${jsonArrayValues(words)})
    UNION
    SELECT id, term, "baseForm", lemma, "nounArticle", translation, note FROM "VocabularyNote"
      WHERE "learnerId" = ${learnerId} AND lemma IN (${jsonArrayValues(lemmas)})`;
  const inArticle = new Set(lemmas);
  const matcher = buildMatcher(rows);
  const found = new Set<string>();
  for (const text of texts) for (const mark of findMarks(text, matcher)) found.add(mark.id);
  return rows
    .filter((r) => found.has(r.id) || inArticle.has(r.lemma))
    .map((r) => ({ ...r, nounArticle: (r.nounArticle as NounArticle | null) ?? null }));
}
