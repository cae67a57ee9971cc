// The CSV export opens safely in a spreadsheet and imports back unchanged; import errors name the right line.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, notesToCsv, parseNotesCsv } from '@/lib/vocabulary/csv';
import { MAX_IMPORT_ROWS } from '@/lib/vocabulary/limits';
import type { VocabularyNote } from '@/lib/vocabulary/types';
import { makeNote } from './make-note';

/** What the importer should give back for a note: its fields, without id and updatedAt. */
function asInput({ id: _id, updatedAt: _updatedAt, ...fields }: VocabularyNote) {
  return fields;
}

const tricky = [
  makeNote({
    term: 'zu Gesprächen zusammen',
    baseForm: 'zusammenkommen',
    translation: 'to meet for "talks", briefly',
    note: 'Trennbares Verb:\n"kommen … zusammen"',
    context: 'Putin und Kim kamen zu Gesprächen zusammen.\nDas Treffen dauerte Stunden.',
    articleSlug: 'putin-kim-treffen',
    articleTitle: 'Putin empfängt Kim, „mit allen Ehren“',
    paragraph: 4,
  }),
  makeNote({ term: 'Straße', nounArticle: 'die', translation: 'street 🚗', note: 'ß, ä, ö, ü — Größe', paragraph: 1 }),
  makeNote({ term: '=cmd', baseForm: '@SUM(A1)', translation: '-2', note: '+1', context: '=HYPERLINK("http://x")' }),
  makeNote({ term: "'=quoted", translation: "''+already" }),
];

describe('notesToCsv → parseNotesCsv', () => {
  it('gives back every field of notes with quotes, commas, line breaks, umlauts, emoji and formula-like cells', () => {
    const result = parseNotesCsv(notesToCsv(tricky));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.input)).toEqual(tricky.map(asInput));
  });

  it('numbers rows by the line they start on, counting the lines of multi-line notes', () => {
    const result = parseNotesCsv(notesToCsv(tricky));
    // Header on line 1; the first note's note and context each add a line.
    expect(result.rows.map((r) => r.line)).toEqual([2, 5, 6, 7]);
  });
});

describe('notesToCsv as a spreadsheet reads it', () => {
  const csv = notesToCsv(tricky);
  // Any line break ends a record unless it is inside quotes, as in spreadsheets that guess the line ending.
  const records: string[][] = parse(csv, { bom: true, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true });

  it('starts with a BOM and a header row, and ends records with CRLF', () => {
    expect(csv.startsWith('\uFEFFterm,base_form,noun_article,translation,note,context,article_title,article_slug,paragraph,created_at\r\n')).toBe(true);
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(records).toHaveLength(tricky.length + 1);
  });

  it('puts an apostrophe before every cell a spreadsheet would run as a formula', () => {
    const cells = records.flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(records[3].slice(0, 6)).toEqual(["'=cmd", "'@SUM(A1)", '', "'-2", "'+1", `'=HYPERLINK("http://x")`]);
  });

  it('writes empty cells for a missing article and paragraph', () => {
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, records[4][i]]));
    expect(row.noun_article).toBe('');
    expect(row.paragraph).toBe('');
    expect(records[2][2]).toBe('die');
  });
});

describe('parseNotesCsv', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('names the right line for a bad row after a multi-line record (%s)', (_name, eol) => {
    const file = ['term,note', 'Haus,"erste Zeile', 'zweite Zeile"', '', ',,', ',kein Wort', 'Baum,ok'].join(eol);
    const result = parseNotesCsv(file);
    expect(result.rows).toEqual([
      { line: 2, input: { term: 'Haus', note: 'erste Zeile\nzweite Zeile' } },
      { line: 7, input: { term: 'Baum', note: 'ok' } },
    ]);
    expect(result.errors).toEqual([{ line: 6, message: 'The term is empty: select or type a German word or phrase.' }]);
  });

  it('keeps the rows before broken quoting and names the line where it starts', () => {
    const file = 'term,translation\r\nHaus,"house,\r\nhome"\r\nBaum,tree\r\nHund,"dog\r\nKatze,cat\r\n';
    const result = parseNotesCsv(file);
    expect(result.rows.map((r) => [r.line, r.input.term])).toEqual([
      [2, 'Haus'],
      [4, 'Baum'],
    ]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].line).toBe(5);
    expect(result.errors[0].message).toMatch(/quoted field is not closed.*Check the quotes in this row/);
  });

  it('asks for a header row with a "term" column, naming the export as the model', () => {
    const result = parseNotesCsv('Haus,house\nBaum,tree\n');
    expect(result.rows).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].line).toBe(1);
    expect(result.errors[0].message).toContain('"term" column');
    expect(result.errors[0].message).toContain('exported from Nebeneinander: term,base_form,noun_article');
    expect(parseNotesCsv('').errors).toEqual(result.errors);
  });

  it('reports a 201-character term on its line and keeps the other rows', () => {
    const result = parseNotesCsv(`term\nHaus\n${'a'.repeat(201)}\nBaum\n`);
    expect(result.rows.map((r) => r.input.term)).toEqual(['Haus', 'Baum']);
    expect(result.errors).toEqual([{ line: 3, message: '"term" is too long: at most 200 characters.' }]);
  });

  it('reads a file with only some columns, in any order and case, and ignores unknown ones', () => {
    const result = parseNotesCsv(' Noun_Article ,Lieblingsfarbe,TERM,paragraph,created_at,article_slug\nDas,blau,Haus,,,\n');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ line: 2, input: { term: 'Haus', nounArticle: 'das', paragraph: null, articleSlug: null } }]);
  });

  it('reads rows with fewer or more cells than the header', () => {
    const result = parseNotesCsv('term,translation,note\nHaus\nBaum,tree,Laubbaum,extra\n');
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.input)).toEqual([
      { term: 'Haus', translation: '', note: '' },
      { term: 'Baum', translation: 'tree', note: 'Laubbaum' },
    ]);
  });

  it('says what is wrong with a paragraph that is not a whole number', () => {
    const result = parseNotesCsv('term,paragraph\nHaus,drei\nBaum,2\n');
    expect(result.errors).toEqual([{ line: 2, message: '"paragraph" must be a whole number.' }]);
    expect(result.rows).toEqual([{ line: 3, input: { term: 'Baum', paragraph: 2 } }]);
  });

  it('reads a file saved by a German Excel (semicolons, BOM)', () => {
    const result = parseNotesCsv('\uFEFFterm;translation;note\r\nHaus;house, home;Plural: Häuser\r\n');
    expect(result.errors).toEqual([]);
    expect(result.rows[0].input).toEqual({ term: 'Haus', translation: 'house, home', note: 'Plural: Häuser' });
  });

  it(`refuses a file of more than ${MAX_IMPORT_ROWS} rows whole`, () => {
    const result = parseNotesCsv(`term\n${'Haus\n'.repeat(MAX_IMPORT_ROWS + 1)}`);
    expect(result.rows).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toContain(`at most ${MAX_IMPORT_ROWS.toLocaleString('en')}`);
  });
});
