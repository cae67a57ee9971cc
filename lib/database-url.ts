// The database DATABASE_URL names: the default SQLite location and which of the two databases a URL
// selects, shared by the app (lib/env.ts, lib/db.ts), the Prisma CLI config and the start script.
import path from 'node:path';

export const DEFAULT_DATABASE_URL = `file:${path.join(process.cwd(), 'prisma', 'nebeneinander.db')}`;

export type DatabaseKind = 'sqlite' | 'postgresql';

const POSTGRES_URL = /^postgres(ql)?:\/\/./i;
const SQLITE_URL = /^file:./;

/** A URL the app can open: a SQLite `file:` URL or a PostgreSQL one. */
export function isDatabaseUrl(url: string): boolean {
  return SQLITE_URL.test(url) || POSTGRES_URL.test(url);
}

/** `postgresql://` or `postgres://` selects PostgreSQL; anything else (a `file:` URL) SQLite. */
export function databaseKind(url: string): DatabaseKind {
  return POSTGRES_URL.test(url) ? 'postgresql' : 'sqlite';
}
