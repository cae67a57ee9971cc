// A learner's notes as a CSV or Anki download, streamed a page of notes at a time: a vocabulary of
// 20,000 notes neither holds the server up nor sits in memory whole.
import { ANKI_HEAD, notesToAnkiRecords } from './anki';
import { CSV_HEAD, notesToCsvRecords } from './csv';
import { notePagesOldestFirst } from './notes-bulk';

export type ExportFormat = 'csv' | 'anki';

const FORMATS = {
  csv: { head: CSV_HEAD, records: notesToCsvRecords },
  anki: { head: ANKI_HEAD, records: notesToAnkiRecords },
};

/**
 * The file as a stream, oldest note first. The first page is read before answering, so a failure
 * there is an error answer; one after it cuts the download short and is logged.
 */
export async function exportNotesStream(learnerId: string | null, format: ExportFormat): Promise<ReadableStream<Uint8Array>> {
  const { head, records } = FORMATS[format];
  const pages = notePagesOldestFirst(learnerId);
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
