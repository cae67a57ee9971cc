// Bringing notes back from a CSV export (another browser or device): the file is read and checked a
// chunk at a time, then every good row is saved in one transaction. Duplicates merge, bad rows are
// reported by line and left out, a file that cannot be imported whole saves nothing.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { db } from '../db';
import { AppError } from '../errors';
import { parseNotesCsv } from './csv';
import { MAX_CONCURRENT_IMPORTS } from './limits';
import { syncNotesByKeys, syncNotesOnce } from '../review/cards';
import { applyImportedReviews } from '../review/transfer';
import { dedupeKey, sentenceWithTerm } from './notes';
import { saveImportedNotesOrThrow } from './notes-bulk';
import type { NoteInput } from './types';

export interface ImportReport {
  added: number;
  merged: number;
  errors: Array<{ line: number; message: string }>;
}

/** Slugs or paragraphs asked for in one query. */
const PER_QUERY = 500;

const globalForImports = globalThis as unknown as { vocabularyImports?: { running: number } };
const imports = (globalForImports.vocabularyImports ??= { running: 0 });

/**
 * Runs `work` (reading a file and importing it) unless MAX_CONCURRENT_IMPORTS are running in this
 * process already: then a 503 at once, before anything is read, so that many large uploads at once
 * cannot fill the server's memory.
 */
export async function withImportSlotOrThrow<T>(work: () => Promise<T>): Promise<T> {
  if (imports.running >= MAX_CONCURRENT_IMPORTS) {
    throw new AppError('unavailable', 'Other imports are running on the server right now. Nothing was imported; try again in a minute.');
  }
  imports.running++;
  try {
    return await work();
  } finally {
    imports.running--;
  }
}

/**
 * Imports the file for the learner: `added` new notes, `merged` rows that went into a note they had
 * (or into an earlier row), `errors` the rows left out, by line. Throws an AppError, saving nothing,
 * for a file over MAX_IMPORT_ROWS or one that would pass the learner's note limit.
 */
export async function importNotesCsv(learnerId: string, file: string | Uint8Array): Promise<ImportReport> {
  const { rows, errors } = await parseNotesCsv(file);
  if (rows.length === 0) return { added: 0, merged: 0, errors };
  const notes = await withArticleSources(rows.map((r) => r.input));
  const { added } = await saveImportedNotesOrThrow(learnerId, notes);
  // Review state after the notes' transaction (it names the notes by their keys), then the cards the
  // file's notes lack (all the learner's notes', the first time).
  const keys = rows.map((r) => dedupeKey(r.input.term, r.input.translation ?? ''));
  await applyImportedReviews(learnerId, rows.flatMap((r, i) => (r.review ? [{ dedupeKey: keys[i], cards: r.review }] : [])));
  if (!(await syncNotesOnce(learnerId))) await syncNotesByKeys(learnerId, keys);
  return { added, merged: rows.length - added, errors };
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/**
 * As saveNote does for the API: a note naming an article this instance has takes the article's title,
 * and, when the file gives no sentence, the sentence of its paragraph that holds the term. An article
 * this instance lacks keeps what the file says. A few queries for the whole file, not one per row.
 */
async function withArticleSources(notes: NoteInput[]): Promise<NoteInput[]> {
  const slugs = [...new Set(notes.flatMap((n) => (n.articleSlug ? [n.articleSlug] : [])))];
  const articles = new Map<string, { id: number; title: string }>();
  for (const part of chunksOf(slugs, PER_QUERY)) {
    for (const a of await db.article.findMany({ where: { slug: { in: part } }, select: { id: true, slug: true, title: true } })) articles.set(a.slug, a);
  }
  if (articles.size === 0) return notes;

  const wanted = new Map<number, Set<number>>(); // article id → paragraphs whose sentences are needed
  for (const n of notes) {
    const article = n.articleSlug ? articles.get(n.articleSlug) : undefined;
    if (article && !n.context && n.paragraph != null) wanted.set(article.id, (wanted.get(article.id) ?? new Set()).add(n.paragraph));
  }
  const sentences = new Map<string, string[]>(); // "articleId:n" → the block's sentences
  for (const [articleId, paragraphs] of wanted) {
    for (const part of chunksOf([...paragraphs], PER_QUERY)) {
      const blocks = await db.block.findMany({ where: { articleId, n: { in: part } }, select: { n: true, sentences: true } });
      for (const b of blocks) sentences.set(`${articleId}:${b.n}`, JSON.parse(b.sentences) as string[]);
    }
    await nextTurn();
  }
  return notes.map((n) => {
    const article = n.articleSlug ? articles.get(n.articleSlug) : undefined;
    if (!article) return n;
    const block = !n.context && n.paragraph != null ? sentences.get(`${article.id}:${n.paragraph}`) : undefined;
    return { ...n, articleTitle: article.title, ...(block && { context: sentenceWithTerm(block, n.term) }) };
  });
}
