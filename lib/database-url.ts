// The default SQLite location, shared by the app (lib/env.ts) and the Prisma CLI config.
import path from 'node:path';

export const DEFAULT_DATABASE_URL = `file:${path.join(process.cwd(), 'prisma', 'nebeneinander.db')}`;
