// The CSV export of vocabulary notes and the importer that reads it (or a spreadsheet's copy of it) back.
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { MAX_IMPORT_ROWS } from './limits';
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
] as const;
type Column = (typeof CSV_COLUMNS)[number];
type Cells = Partial<Record<Column, string>>;

/** What an import file holds: valid rows and one message per row that is not, each with the line it starts on. */
export interface CsvImportResult {
  rows: Array<{ line: number; input: NoteInput }>;
  errors: Array<{ line: number; message: string }>;
}

// A spreadsheet runs a cell starting with = + - @ (or tab, CR) as a formula, so such cells go out behind an
// apostrophe. Apostrophes already in front are counted in, so a note that really starts with "'=" comes back too.
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;
const PROTECTED_FORMULA = /^'+[=+\-@\t\r]/;

const MISSING_HEADER = `The first row must be a header naming the columns, with at least a "term" column, as in a file exported from Nebeneinander: ${CSV_COLUMNS.join(',')}.`;
const TOO_MANY_ROWS = `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows: import at most ${MAX_IMPORT_ROWS.toLocaleString('en')} notes at a time.`;
const QUOTE_NOT_CLOSED = 'A quoted field is not closed, so nothing from here on was imported. Check the quotes in this row, then import the file again.';
const UNREADABLE = 'This row could not be read as CSV, so nothing from here on was imported. Check its quotes and commas, then import the file again.';

const CR = 0x0d;
const LF = 0x0a;

/** The notes as a CSV file for spreadsheets: BOM (so Excel reads umlauts as UTF-8), header row, CRLF records. */
export function notesToCsv(notes: readonly VocabularyNote[]): string {
  const records = notes.map((n) => {
    const cells = noteCells(n);
    return CSV_COLUMNS.map((column) => (FORMULA_LIKE.test(cells[column]) ? `'${cells[column]}` : cells[column]));
  });
  // quote_record_delimiter: with a CRLF record delimiter the library would otherwise leave a lone \n unquoted.
  return stringify([[...CSV_COLUMNS], ...records], { bom: true, record_delimiter: 'windows', quote_record_delimiter: true });
}

function noteCells(note: VocabularyNote): Record<Column, string> {
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
  };
}

/**
 * Reads an import file: every row validated like a note typed in, with the 1-based line it starts on.
 * A file over MAX_IMPORT_ROWS, or without a header naming a `term` column, gives one error and no rows.
 * Broken quoting stops the reading there: the rows before it are kept and the error names its line.
 * Messages do not repeat the line number; show them as "Line 7: …".
 */
export function parseNotesCsv(text: string): CsvImportResult {
  const { records, broken } = readRecords(text.replace(/^\uFEFF/, ''));
  const [header, ...data] = records;
  if (data.length > MAX_IMPORT_ROWS) return { rows: [], errors: [{ line: 1, message: TOO_MANY_ROWS }] };
  if (!header) return { rows: [], errors: [broken ?? { line: 1, message: MISSING_HEADER }] };
  const columns = header.cells.map((name) => name.trim().toLowerCase());
  if (!columns.includes('term')) return { rows: [], errors: [{ line: header.line, message: MISSING_HEADER }] };

  const known = columns.map((name) => CSV_COLUMNS.find((column) => column === name));
  const result: CsvImportResult = { rows: [], errors: [] };
  for (const { line, cells } of data) {
    const named: Cells = {};
    known.forEach((column, i) => {
      if (column && named[column] === undefined) named[column] = cells[i] ?? '';
    });
    const parsed = parseNoteInput(toNoteInput(named));
    if (parsed.ok) result.rows.push({ line, input: parsed.input });
    else result.errors.push({ line, message: parsed.message });
  }
  if (broken) result.errors.push(broken);
  return result;
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

interface RawRecord {
  line: number;
  cells: string[];
}

/**
 * The non-empty records of the file with the physical line each starts on, up to broken quoting if any.
 * csv-parse's own line count counts a CRLF inside a quoted field twice, so lines are counted here from
 * the byte offset where each record ends.
 */
function readRecords(text: string): { records: RawRecord[]; broken?: { line: number; message: string } } {
  const bytes = Buffer.from(text, 'utf8');
  const lineAt = lineCounter(bytes);
  const records: RawRecord[] = [];
  let end = 0;
  try {
    parse(bytes, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (record: string[], context) => {
        const line = lineAt(skipLineBreaks(bytes, end));
        end = context.bytes_records;
        if (record.some((cell) => cell.trim() !== '')) records.push({ line, cells: record.map(unprotectCell) });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const message = error.code === 'CSV_QUOTE_NOT_CLOSED' ? QUOTE_NOT_CLOSED : UNREADABLE;
    return { records, broken: { line: lineAt(skipLineBreaks(bytes, end)), message } };
  }
  return { records };
}

/** Comma, or the semicolon or tab a spreadsheet in another locale (German Excel) saves with, judged by the header. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/[\r\n]|$/));
  const candidates = [',', ';', '\t'];
  const counts = candidates.map((d) => firstLine.split(d).length);
  return candidates[counts.indexOf(Math.max(...counts))];
}

function unprotectCell(cell: string): string {
  return PROTECTED_FORMULA.test(cell) ? cell.slice(1) : cell;
}

/** 1-based line number of a byte offset; offsets must not go backwards (one pass over the file). */
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
