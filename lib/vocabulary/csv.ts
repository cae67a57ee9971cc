// The CSV export of vocabulary notes and the importer that reads it (or a spreadsheet's copy of it) back.
import { Parser } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from '../errors';
import { MAX_IMPORT_ROWS } from './limits';
import { parseReviewCell, type CardTransfer } from '../review/transfer';
import { parseNoteInput } from './schemas';
import type { NoteInput, VocabularyNote } from './types';

/** The export's columns, in order. An import needs only `term`; the others are optional and unknown ones ignored. */
export const CSV_COLUMNS = [
  'term',
  'base_form',
  'noun_article',
  'translation',
  'note',
  'context',
  'article_title',
  'article_slug',
  'paragraph',
  'created_at',
  'review',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
type Cells = Partial<Record<Column, string>>;

/** What an import file holds: valid rows and one message per row that is not, each with the line it starts on. */
export interface CsvImportResult {
  /** `review`: the cards' state from the file's review column (none for files from before it). */
  rows: Array<{ line: number; input: NoteInput; review?: CardTransfer[] }>;
  errors: Array<{ line: number; message: string }>;
}

// A spreadsheet runs a cell starting with = + - @ (or tab, CR) as a formula, so such cells go out behind an
// apostrophe. Apostrophes already in front are counted in, so a note that really starts with "'=" comes back too.
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;
const PROTECTED_FORMULA = /^'+[=+\-@\t\r]/;

/**
 * An import file is read this many bytes at a time, the event loop free in between: ~200 short rows,
 * parsed and checked in a few ms (16 KB, ~800 rows, held a reader up to 41 ms under attack).
 */
const CHUNK_BYTES = 4 * 1024;
const BOM = Buffer.from('\uFEFF', 'utf8');

const MISSING_HEADER = `The first row must be a header naming the columns, with at least a "term" column, as in a file exported from Nebeneinander: ${CSV_COLUMNS.join(',')}.`;
const TOO_MANY_ROWS = `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows, so nothing was imported: split it into files of at most ${MAX_IMPORT_ROWS.toLocaleString('en')} notes.`;
const QUOTE_NOT_CLOSED = 'A quoted field is not closed, so nothing from here on was imported. Check the quotes in this row, then import the file again.';
const UNREADABLE = 'This row could not be read as CSV, so nothing from here on was imported. Check its quotes and commas, then import the file again.';

const CR = 0x0d;
const LF = 0x0a;

// quote_record_delimiter: with a CRLF record delimiter the library would otherwise leave a lone \n unquoted.
const STRINGIFY_OPTIONS = { record_delimiter: 'windows', quote_record_delimiter: true } as const;

/** The start of the file: a BOM (so Excel reads umlauts as UTF-8) and the header row. */
export const CSV_HEAD = `\uFEFF${stringify([[...CSV_COLUMNS]], STRINGIFY_OPTIONS)}`;

/** The notes as CSV records (CRLF), to follow CSV_HEAD; an export streams these a page at a time.
 *  `reviews`: each note's review cell by note id (lib/review/transfer.ts). */
export function notesToCsvRecords(notes: readonly VocabularyNote[], reviews: ReadonlyMap<string, string> = new Map()): string {
  const records = notes.map((n) => {
    const cells = noteCells(n, reviews.get(n.id) ?? '');
    return CSV_COLUMNS.map((column) => (FORMULA_LIKE.test(cells[column]) ? `'${cells[column]}` : cells[column]));
  });
  return stringify(records, STRINGIFY_OPTIONS);
}

/** The notes as a CSV file for spreadsheets: BOM, header row, CRLF records. */
export function notesToCsv(notes: readonly VocabularyNote[], reviews?: ReadonlyMap<string, string>): string {
  return CSV_HEAD + notesToCsvRecords(notes, reviews);
}

function noteCells(note: VocabularyNote, review: string): Record<Column, string> {
  return {
    term: note.term,
    base_form: note.baseForm,
    noun_article: note.nounArticle ?? '',
    translation: note.translation,
    note: note.note,
    context: note.context,
    article_title: note.articleTitle ?? '',
    article_slug: note.articleSlug ?? '',
    paragraph: note.paragraph === null ? '' : String(note.paragraph),
    created_at: note.createdAt,
    review,
  };
}

/**
 * Reads an import file: every row validated like a note typed in, with the 1-based line it starts on.
 * Any line break ends a row (CRLF, LF or CR, mixed as editors and scripts leave them); quoted cells keep
 * theirs. A file without a header naming a `term` column gives one error and no rows. Broken quoting
 * stops the reading there: the rows before it are kept and the error names its line. Read in chunks of
 * CHUNK_BYTES with the event loop free in between, and stopped at once past MAX_IMPORT_ROWS (an
 * AppError: nothing of such a file is imported). Messages do not repeat the line number; show them
 * as "Line 7: …".
 */
export async function parseNotesCsv(file: string | Uint8Array): Promise<CsvImportResult> {
  let bytes = typeof file === 'string' ? Buffer.from(file, 'utf8') : Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.subarray(0, BOM.length).equals(BOM)) bytes = bytes.subarray(BOM.length);
  const result: CsvImportResult = { rows: [], errors: [] };
  let columns: Array<Column | undefined> | null = null;
  let missingHeader: { line: number; message: string } | null = null;
  let dataRows = 0;
  const stop = await readRecords(bytes, (cells, line) => {
    if (!columns) {
      const names = cells.map((name) => name.trim().toLowerCase());
      if (names.includes('term')) columns = names.map((name) => CSV_COLUMNS.find((column) => column === name));
      else missingHeader = { line, message: MISSING_HEADER };
      return columns !== null;
    }
    if (++dataRows > MAX_IMPORT_ROWS) return false;
    const named = namedCells(columns, cells);
    const parsed = parseNoteInput(toNoteInput(named));
    const review = parseReviewCell(named.review ?? '');
    if (!parsed.ok) result.errors.push({ line, message: parsed.message });
    else if (!review.ok) result.errors.push({ line, message: review.message });
    else result.rows.push({ line, input: parsed.input, ...(review.cards.length > 0 && { review: review.cards }) });
    return true;
  });
  if (dataRows > MAX_IMPORT_ROWS) throw new AppError('too_large', TOO_MANY_ROWS);
  if (missingHeader) return { rows: [], errors: [missingHeader] };
  const broken = brokenAt(stop.error, stop.line);
  if (!columns) return { rows: [], errors: [broken ?? { line: 1, message: MISSING_HEADER }] };
  if (broken) result.errors.push(broken);
  return result;
}

/**
 * Feeds the file to csv-parse CHUNK_BYTES at a time, the event loop free in between, and hands `take`
 * each record that is not blank with the line it starts on, until `take` answers false or the file
 * ends. Answers csv-parse's error if it stopped on one, and the line where reading stopped.
 */
async function readRecords(bytes: Buffer, take: (cells: string[], line: number) => boolean): Promise<{ error: unknown; line: number }> {
  const lineAt = lineCounter(bytes);
  let end = 0; // where the last record ended
  let more = true;
  let error: unknown = null;
  const parser = new Parser({
    delimiter: detectDelimiter(bytes),
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    on_record: (record: string[], context) => {
      const line = lineAt(skipLineBreaks(bytes, end));
      end = context.bytes_records;
      if (more && record.some((cell) => cell.trim() !== '')) more = take(record.map(unprotectCell), line);
      return null;
    },
  });
  const fail = (e: unknown) => void (error ??= e);
  parser.on('error', fail);
  try {
    for (let at = 0; at < bytes.length && more && !error; at += CHUNK_BYTES) {
      await new Promise<void>((resolve) => parser.write(bytes.subarray(at, at + CHUNK_BYTES), () => resolve()));
      await nextTurn(); // also lets csv-parse's error event arrive
    }
    if (more && !error) await new Promise<void>((resolve) => parser.end((e?: unknown) => resolve(e ? fail(e) : undefined)));
  } finally {
    parser.destroy();
  }
  return { error, line: lineAt(skipLineBreaks(bytes, end)) };
}

/** csv-parse's error as the line it stopped on and what to do; null when there was none. */
function brokenAt(error: unknown, line: number): { line: number; message: string } | null {
  if (!error) return null;
  // By code, not by class: csv-parse may be bundled into more than one chunk.
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('CSV_')) throw error;
  return { line, message: code === 'CSV_QUOTE_NOT_CLOSED' ? QUOTE_NOT_CLOSED : UNREADABLE };
}

/** A row's cells by column name; the first of two columns with the same name wins. */
function namedCells(columns: ReadonlyArray<Column | undefined>, cells: readonly string[]): Cells {
  const named: Cells = {};
  columns.forEach((column, i) => {
    if (column && named[column] === undefined) named[column] = cells[i] ?? '';
  });
  return named;
}

/** A row's cells as note fields for parseNoteInput to judge: an empty article, title, slug or paragraph is null. */
function toNoteInput(cells: Cells): Record<string, unknown> {
  const input: Record<string, unknown> = { term: cells.term ?? '' };
  const orNull = (cell: string) => (cell.trim() === '' ? null : cell);
  if (cells.base_form !== undefined) input.baseForm = cells.base_form;
  if (cells.noun_article !== undefined) input.nounArticle = orNull(cells.noun_article.trim().toLowerCase());
  if (cells.translation !== undefined) input.translation = cells.translation;
  if (cells.note !== undefined) input.note = cells.note;
  if (cells.context !== undefined) input.context = cells.context;
  if (cells.article_title !== undefined) input.articleTitle = orNull(cells.article_title);
  if (cells.article_slug !== undefined) input.articleSlug = orNull(cells.article_slug.trim());
  if (cells.paragraph !== undefined) {
    const n = cells.paragraph.trim();
    // Anything but digits goes through as text, so the schema's message names the column.
    input.paragraph = n === '' ? null : /^\d+$/.test(n) ? Number(n) : n;
  }
  if (cells.created_at !== undefined && cells.created_at.trim() !== '') input.createdAt = cells.created_at.trim();
  return input;
}

/** Comma, or the semicolon or tab a spreadsheet in another locale (German Excel) saves with, judged by the first line. */
function detectDelimiter(bytes: Buffer): string {
  let lineEnd = bytes.findIndex((b) => b === CR || b === LF);
  if (lineEnd < 0) lineEnd = bytes.length;
  const firstLine = bytes.subarray(0, lineEnd);
  const candidates = [',', ';', '\t'];
  const counts = candidates.map((d) => firstLine.reduce((n, b) => (b === d.charCodeAt(0) ? n + 1 : n), 0));
  return candidates[counts.indexOf(Math.max(...counts))];
}

function unprotectCell(cell: string): string {
  return PROTECTED_FORMULA.test(cell) ? cell.slice(1) : cell;
}

/**
 * 1-based line number of a byte offset, counting CRLF, LF and CR each as one line break; offsets must
 * not go backwards (one pass over the file). csv-parse's own count counts a CRLF inside quotes twice.
 */
function lineCounter(bytes: Buffer): (offset: number) => number {
  let at = 0;
  let line = 1;
  return (offset) => {
    for (; at < offset; at++) if (bytes[at] === LF || (bytes[at] === CR && bytes[at + 1] !== LF)) line++;
    return line;
  };
}

/** Past the blank lines csv-parse skips, to where the next record starts. */
function skipLineBreaks(bytes: Buffer, offset: number): number {
  while (bytes[offset] === CR || bytes[offset] === LF) offset++;
  return offset;
}
