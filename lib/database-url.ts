// The default SQLite location, shared by the app (lib/env.ts) and the Prisma CLI config.
import path from 'node:path';

export const DEFAULT_DATABASE_URL = `file:${path.join(process.cwd(), 'prisma', 'nebeneinander.db')}`;

/** better-sqlite3 wants a file path; Prisma's URLs say `file:...`. */
export function sqlitePathFromUrl(url: string): string {
  return url.startsWith('file:') ? url.slice('file:'.length) : url;
}
