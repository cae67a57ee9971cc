// A learner's notes as a CSV or Anki download, and their known words as a list, streamed a page at a
// time: a vocabulary of 20,000 notes (or 100,000 known words) neither holds the server up nor sits in
// memory whole.
import { gradedCardsOfNotes } from '../review/cards';
import { reviewCell, reviewLine } from '../review/transfer';
import { ANKI_HEAD, notesToAnkiRecords } from './anki';
import { CSV_HEAD, notesToCsvRecords } from './csv';
import { notePagesOldestFirst } from './notes-bulk';
import type { VocabularyNote } from './types';
import { knownWordPages } from './word-status';

export type ExportFormat = 'csv' | 'anki' | 'known';

type Page = { notes: VocabularyNote[]; reviews: Map<string, string> };

const FORMATS = {
  csv: { head: CSV_HEAD, review: reviewCell, records: (page: Page) => notesToCsvRecords(page.notes, page.reviews) },
  anki: { head: ANKI_HEAD, review: reviewLine, records: (page: Page) => notesToAnkiRecords(page.notes, page.reviews) },
};

/** Each page of notes with its review state (one query a page), as the format writes it. */
async function* withReviews(learnerId: string | null, describe: (typeof FORMATS)['csv']['review']): AsyncGenerator<Page> {
  for await (const notes of notePagesOldestFirst(learnerId)) {
    const cards = await gradedCardsOfNotes(notes.map((n) => n.id));
    yield { notes, reviews: new Map(notes.map((n) => [n.id, describe(cards.get(n.id))])) };
  }
}

/** Known words: one lemma key a line, A–Z, UTF-8 (a list other tools and spreadsheets read as it is). */
const knownRecords = (lemmas: string[]) => lemmas.map((lemma) => `${lemma}\n`).join('');

/**
 * The file as a stream, notes oldest first, known words A–Z. The first page is read before answering, so
 * a failure there is an error answer; one after it cuts the download short and is logged.
 */
export async function exportNotesStream(learnerId: string | null, format: ExportFormat): Promise<ReadableStream<Uint8Array>> {
  if (format === 'known') return streamPages('', knownWordPages(learnerId), knownRecords);
  const { head, review, records } = FORMATS[format];
  return streamPages(head, withReviews(learnerId, review), records);
}

async function streamPages<T>(head: string, pages: AsyncGenerator<T>, records: (page: T) => string): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const first = await pages.next();
  let pending: string | null = head + (first.done ? '' : records(first.value));
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pending !== null) {
        controller.enqueue(encoder.encode(pending));
        pending = null;
        if (first.done) controller.close();
        return;
      }
      try {
        const page = await pages.next();
        if (page.done) controller.close();
        else controller.enqueue(encoder.encode(records(page.value)));
      } catch (error) {
        console.error('Vocabulary export failed part way:', error);
        controller.error(error);
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
