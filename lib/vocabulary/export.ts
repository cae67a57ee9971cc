// A learner's notes as a CSV or Anki download, and their known words as a list, streamed a page at a
// time: a vocabulary of 20,000 notes (or 100,000 known words) neither holds the server up nor sits in
// memory whole.
import { ANKI_HEAD, notesToAnkiRecords } from './anki';
import { CSV_HEAD, notesToCsvRecords } from './csv';
import { notePagesOldestFirst } from './notes-bulk';
import { knownWordPages } from './word-status';

export type ExportFormat = 'csv' | 'anki' | 'known';

const FORMATS = {
  csv: { head: CSV_HEAD, records: notesToCsvRecords },
  anki: { head: ANKI_HEAD, records: notesToAnkiRecords },
};

/** Known words: one lemma key a line, A–Z, UTF-8 (a list other tools and spreadsheets read as it is). */
const knownRecords = (lemmas: string[]) => lemmas.map((lemma) => `${lemma}\n`).join('');

/**
 * The file as a stream, notes oldest first, known words A–Z. The first page is read before answering, so
 * a failure there is an error answer; one after it cuts the download short and is logged.
 */
export async function exportNotesStream(learnerId: string | null, format: ExportFormat): Promise<ReadableStream<Uint8Array>> {
  if (format === 'known') return streamPages('', knownWordPages(learnerId), knownRecords);
  const { head, records } = FORMATS[format];
  return streamPages(head, notePagesOldestFirst(learnerId), records);
}

async function streamPages<T>(head: string, pages: AsyncGenerator<T[]>, records: (page: T[]) => string): Promise<ReadableStream<Uint8Array>> {
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
