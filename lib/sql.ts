// The raw-SQL pieces that are written differently on SQLite and PostgreSQL and shared by several
// queries: the values of a JSON array passed as one parameter, and rows of a JSON array of objects.
// Everything else in the app's raw SQL is written once, valid on both: identifiers in double quotes (PostgreSQL folds unquoted names to lower
// case), `INSERT ... ON CONFLICT (...) DO NOTHING` instead of `INSERT OR IGNORE`.
import { sqlDialect } from './db';
import { Prisma } from './generated/prisma/client';

/**
 * `SELECT value FROM json_each(?)` on SQLite, `SELECT jsonb_array_elements_text(?::jsonb)` on
 * PostgreSQL: a list of a few hundred keys as one parameter, for `x IN (...)`. On SQLite this is ~10x
 * cheaper than Prisma binding each value of an `in` filter.
 */
export function jsonArrayValues(values: readonly (string | number)[]): Prisma.Sql {
  const json = JSON.stringify(values);
  return sqlDialect() === 'postgresql'
    ? Prisma.sql`SELECT jsonb_array_elements_text(CAST(${json} AS jsonb))`
    : Prisma.sql`SELECT value FROM json_each(${json})`;
}

/** A time as Prisma's SQLite adapter stores DateTime, so that both sort and read back alike (PostgreSQL
 *  reads it as the same UTC time). */
export const sqliteTime = (date: Date) => date.toISOString().replace('Z', '+00:00');

/** A column of `jsonRecords`: its name (a constant of the code, never input) and its type. */
type RecordColumns = Readonly<Record<string, 'TEXT' | 'INTEGER' | 'DOUBLE PRECISION' | 'TIMESTAMP(3)'>>;

/**
 * Rows from a JSON array of objects passed as one parameter, as a subquery with the named columns, for
 * `INSERT ... SELECT r.a, r.b FROM ${jsonRecords(rows, { a: 'TEXT', b: 'INTEGER' })} AS r`: many rows
 * in one statement (Prisma's createMany spends ~0.3 ms binding each row's values). SQLite reads the JSON
 * with json_each, PostgreSQL with jsonb_to_recordset. A TIMESTAMP(3) is given as SQLite stores DateTime
 * (`2026-11-26T09:00:00.000+00:00`), which PostgreSQL reads as the same UTC time.
 */
export function jsonRecords(rows: readonly object[], columns: RecordColumns): Prisma.Sql {
  const json = JSON.stringify(rows);
  const names = Object.keys(columns);
  if (names.some((name) => !/^\w+$/.test(name))) throw new Error(`not a column name: ${names.join(', ')}`);
  return sqlDialect() === 'postgresql'
    ? Prisma.sql`(SELECT * FROM jsonb_to_recordset(CAST(${json} AS jsonb)) AS j(${Prisma.raw(names.map((n) => `"${n}" ${columns[n]}`).join(', '))}))`
    : Prisma.sql`(SELECT ${Prisma.raw(names.map((n) => `json_extract(value, '$.${n}') AS "${n}"`).join(', '))} FROM json_each(${json}))`;
}
