// The CSV export opens safely in a spreadsheet and imports back unchanged; import errors name the right line.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, notesToCsv, parseNotesCsv } from '@/lib/vocabulary/csv';
import { MAX_IMPORT_ROWS } from '@/lib/vocabulary/limits';
import type { VocabularyNote } from '@/lib/vocabulary/types';
import { makeNote } from './make-note';

/** What the importer should give back for a note: its fields, without id, updatedAt and the lemma key (worked out on saving). */
function asInput({ id: _id, updatedAt: _updatedAt, lemma: _lemma, ...fields }: VocabularyNote) {
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
  it('gives back every field of notes with quotes, commas, line breaks, umlauts, emoji and formula-like cells', async () => {
    const result = await parseNotesCsv(notesToCsv(tricky));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.input)).toEqual(tricky.map(asInput));
  });

  it('numbers rows by the line they start on, counting the lines of multi-line notes', async () => {
    const result = await parseNotesCsv(notesToCsv(tricky));
    // Header on line 1; the first note's note and context each add a line.
    expect(result.rows.map((r) => r.line)).toEqual([2, 5, 6, 7]);
  });
});

describe('notesToCsv as a spreadsheet reads it', () => {
  const csv = notesToCsv(tricky);
  // Any line break ends a record unless it is inside quotes, as in spreadsheets that guess the line ending.
  const records: string[][] = parse(csv, { bom: true, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true });

  it('starts with a BOM and a header row, and ends records with CRLF', async () => {
    expect(csv.startsWith('\uFEFFterm,base_form,noun_article,translation,note,context,article_title,article_slug,paragraph,created_at,review\r\n')).toBe(true);
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(records).toHaveLength(tricky.length + 1);
  });

  it('puts an apostrophe before every cell a spreadsheet would run as a formula', async () => {
    const cells = records.flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(records[3].slice(0, 6)).toEqual(["'=cmd", "'@SUM(A1)", '', "'-2", "'+1", `'=HYPERLINK("http://x")`]);
  });

  it('writes empty cells for a missing article and paragraph', async () => {
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
    ['CR', '\r'],
  ])('names the right line for a bad row after a multi-line record (%s)', async (_name, eol) => {
    const file = ['term,note', 'Haus,"erste Zeile', 'zweite Zeile"', '', ',,', ',kein Wort', 'Baum,ok'].join(eol);
    const result = await parseNotesCsv(file);
    expect(result.rows).toEqual([
      { line: 2, input: { term: 'Haus', note: 'erste Zeile\nzweite Zeile' } },
      { line: 7, input: { term: 'Baum', note: 'ok' } },
    ]);
    expect(result.errors).toEqual([{ line: 6, message: 'The term is empty: select or type a German word or phrase.' }]);
  });

  it('keeps the rows before broken quoting and names the line where it starts', async () => {
    const file = 'term,translation\r\nHaus,"house,\r\nhome"\r\nBaum,tree\r\nHund,"dog\r\nKatze,cat\r\n';
    const result = await parseNotesCsv(file);
    expect(result.rows.map((r) => [r.line, r.input.term])).toEqual([
      [2, 'Haus'],
      [4, 'Baum'],
    ]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].line).toBe(5);
    expect(result.errors[0].message).toMatch(/quoted field is not closed.*Check the quotes in this row/);
  });

  it('asks for a header row with a "term" column, naming the export as the model', async () => {
    const result = await parseNotesCsv('Haus,house\nBaum,tree\n');
    expect(result.rows).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].line).toBe(1);
    expect(result.errors[0].message).toContain('"term" column');
    expect(result.errors[0].message).toContain('exported from Nebeneinander: term,base_form,noun_article');
    expect((await parseNotesCsv('')).errors).toEqual(result.errors);
  });

  it('reports a 201-character term on its line and keeps the other rows', async () => {
    const result = await parseNotesCsv(`term\nHaus\n${'a'.repeat(201)}\nBaum\n`);
    expect(result.rows.map((r) => r.input.term)).toEqual(['Haus', 'Baum']);
    expect(result.errors).toEqual([{ line: 3, message: '"term" is too long: at most 200 characters.' }]);
  });

  it('reads a file with only some columns, in any order and case, and ignores unknown ones', async () => {
    const result = await parseNotesCsv(' Noun_Article ,Lieblingsfarbe,TERM,paragraph,created_at,article_slug\nDas,blau,Haus,,,\n');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ line: 2, input: { term: 'Haus', nounArticle: 'das', paragraph: null, articleSlug: null } }]);
  });

  it('reads rows with fewer or more cells than the header', async () => {
    const result = await parseNotesCsv('term,translation,note\nHaus\nBaum,tree,Laubbaum,extra\n');
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.input)).toEqual([
      { term: 'Haus', translation: '', note: '' },
      { term: 'Baum', translation: 'tree', note: 'Laubbaum' },
    ]);
  });

  it('says what is wrong with a paragraph that is not a whole number', async () => {
    const result = await parseNotesCsv('term,paragraph\nHaus,drei\nBaum,2\n');
    expect(result.errors).toEqual([{ line: 2, message: '"paragraph" must be a whole number.' }]);
    expect(result.rows).toEqual([{ line: 3, input: { term: 'Baum', paragraph: 2 } }]);
  });

  it('reads a file saved by a German Excel (semicolons, BOM)', async () => {
    const result = await parseNotesCsv('\uFEFFterm;translation;note\r\nHaus;house, home;Plural: Häuser\r\n');
    expect(result.errors).toEqual([]);
    expect(result.rows[0].input).toEqual({ term: 'Haus', translation: 'house, home', note: 'Plural: Häuser' });
  });

  it(`reads ${MAX_IMPORT_ROWS.toLocaleString('en')} rows, and refuses a file of one more whole (413), saying how to split it`, async () => {
    const full = await parseNotesCsv(`term\n${'Haus\n'.repeat(MAX_IMPORT_ROWS)}`);
    expect(full.rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(full.rows.at(-1)?.line).toBe(MAX_IMPORT_ROWS + 1);
    const refused = parseNotesCsv(`term\n${'Haus\n'.repeat(MAX_IMPORT_ROWS + 1)}`);
    await expect(refused).rejects.toThrow(`more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows, so nothing was imported`);
    await expect(refused).rejects.toMatchObject({ code: 'too_large', status: 413 });
  });
});

describe('parseNotesCsv with line endings mixed as editors and scripts leave them', () => {
  it('reads LF rows after a CRLF header as rows, not as part of a cell (issue 12 item 2)', async () => {
    const result = await parseNotesCsv('term,translation\r\nHaus,house\nBaum,tree\nAuto,car\n');
    expect(result).toEqual({
      rows: [
        { line: 2, input: { term: 'Haus', translation: 'house' } },
        { line: 3, input: { term: 'Baum', translation: 'tree' } },
        { line: 4, input: { term: 'Auto', translation: 'car' } },
      ],
      errors: [],
    });
  });

  it('ends rows at CRLF, LF and CR alike, keeps the line breaks of quoted cells, and numbers the lines', async () => {
    const file = 'term,note\r\nHaus,"eins\r\nzwei\ndrei"\nBaum,ok\rAuto,"a\rb"\r\n,leer\nZug,ja';
    const result = await parseNotesCsv(file);
    expect(result.rows).toEqual([
      { line: 2, input: { term: 'Haus', note: 'eins\nzwei\ndrei' } },
      { line: 5, input: { term: 'Baum', note: 'ok' } },
      { line: 6, input: { term: 'Auto', note: 'a\nb' } },
      { line: 9, input: { term: 'Zug', note: 'ja' } },
    ]);
    expect(result.errors).toEqual([{ line: 8, message: 'The term is empty: select or type a German word or phrase.' }]);
  });

  it('reads a file of several chunks with endings, quoted breaks and umlauts at random: every row on its line', async () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    const endings = ['\r\n', '\n', '\r'];
    const lines: string[] = ['term,note'];
    let file = 'term,note';
    const expected: Array<{ line: number; input: { term: string; note: string } }> = [];
    for (let i = 0; i < 4_000; i++) {
      file += endings[random(3)];
      const term = `Größe${i}`;
      const breaks = random(4) === 0 ? 1 + random(2) : 0;
      const note = Array.from({ length: breaks + 1 }, (_, k) => `Zeile ${k} für Übung ${i}`).join(endings[random(3)]);
      expected.push({ line: lines.length + 1, input: { term, note: note.replace(/\r\n?/g, '\n') } });
      lines.push(...note.split(/\r\n|\n|\r/));
      file += `${term},"${note}"`;
    }
    expect(Buffer.byteLength(file)).toBeGreaterThan(3 * 64 * 1024);
    const result = await parseNotesCsv(Buffer.from(file));
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual(expected);
  });
});
