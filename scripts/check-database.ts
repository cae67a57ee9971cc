// `npm start`, before the migrations: is DATABASE_URL's file a database this app can use? A text file,
// a damaged file or another app's database would otherwise fail in `prisma migrate deploy` with
// "External error id#0" or a misleading hint.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { getEnvOrThrow } from '../lib/env';

const SQLITE_HEADER = 'SQLite format 3\0';
const WHAT_TO_DO = 'move it away or set DATABASE_URL to another file';

/** The file as a person would name it: relative to the project when it is inside. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function readHeader(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, header, 0, header.length, 0);
    return header.subarray(0, read).toString('latin1');
  } finally {
    fs.closeSync(fd);
  }
}

/** What is wrong with the file, or null when migrations may run on it (also when it does not exist yet). */
function databaseProblem(file: string): string | null {
  if (!fs.existsSync(file)) return null;
  const stat = fs.statSync(file);
  if (!stat.isFile()) return `${shown(file)} is not a file: ${WHAT_TO_DO}.`;
  if (stat.size === 0) return null; // SQLite takes an empty file as an empty database
  const damaged = `${shown(file)} is not a SQLite database (or is damaged): ${WHAT_TO_DO}.`;
  if (readHeader(file) !== SQLITE_HEADER) return damaged;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
    // Reads every page once (no index cross-checks): a few hundred ms for a large library.
    if (db.pragma('quick_check', { simple: true }) !== 'ok') return damaged;
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    if (tables.length > 0 && !tables.includes('_prisma_migrations')) {
      const listed = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
      return `${shown(file)} is another program's SQLite database (tables ${listed}), not Nebeneinander's: ${WHAT_TO_DO}.`;
    }
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Another process writing to it right now is not damage: migrate says so itself.
    if (/locked|busy/i.test(message)) return null;
    return `${damaged} (SQLite: ${message})`;
  } finally {
    db?.close();
  }
}

const problem = databaseProblem(getEnvOrThrow().DATABASE_URL.replace(/^file:/, ''));
if (problem) {
  console.error(problem);
  process.exitCode = 1;
}
