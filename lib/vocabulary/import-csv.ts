// Bringing notes back from a CSV export (another browser or device): duplicates merge, bad rows are
// reported by line, every good row is kept.
import { parseNotesCsv } from './csv';
import { saveNote } from './notes';

export interface ImportReport {
  added: number;
  merged: number;
  errors: Array<{ line: number; message: string }>;
}

export async function importNotesCsv(learnerId: string, text: string): Promise<ImportReport> {
  const { rows, errors } = parseNotesCsv(text);
  const report: ImportReport = { added: 0, merged: 0, errors: [...errors] };
  for (const { line, input } of rows) {
    try {
      // An export from another instance may name articles this one does not have: keep its title.
      const { created } = await saveNote(learnerId, input, { checkArticle: false });
      if (created) report.added++;
      else report.merged++;
    } catch (error) {
      report.errors.push({ line, message: error instanceof Error ? error.message : String(error) });
    }
  }
  report.errors.sort((a, b) => a.line - b.line);
  return report;
}
