// `npm start`, before the migrations: is DATABASE_URL's database one this app can use? A text file,
// a damaged file or another app's database would otherwise fail in `prisma migrate deploy` with
// "External error id#0" or a misleading hint; an unreachable PostgreSQL with an engine-download error.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { databaseKind } from '../lib/database-url';
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

/** The server and database as a person would name them, without the password. */
function shownServer(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL database "${decodeURIComponent(u.pathname.slice(1)) || '(default)'}" at ${u.hostname || 'localhost'}:${u.port || 5432}`;
  } catch {
    return 'the PostgreSQL server DATABASE_URL names';
  }
}

/** What is wrong with the PostgreSQL database, or null when migrations may run on it (also when it is empty). */
async function postgresProblem(url: string): Promise<string | null> {
  const where = shownServer(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === '3D000') return `${where} does not exist: create it (e.g. \`createdb\` with its name) or set DATABASE_URL to another database.`;
    if (code === '28P01' || code === '28000') return `${where} refused the user or password in DATABASE_URL (${message}).`;
    return `Cannot reach ${where} (${code ?? message}): is PostgreSQL running, and are host and port in DATABASE_URL right?`;
  }
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    const tables = rows.map((r) => r.name);
    if (tables.length > 0 && !tables.includes('_prisma_migrations')) {
      const listed = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
      return `${where} holds another program's tables (${listed}), not Nebeneinander's: give Nebeneinander a database of its own.`;
    }
    return null;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const url = getEnvOrThrow().DATABASE_URL;
  const problem = databaseKind(url) === 'postgresql' ? await postgresProblem(url) : databaseProblem(url.replace(/^file:/, ''));
  if (problem) {
    console.error(problem);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
