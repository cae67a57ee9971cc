// Prisma CLI configuration: the JS (wasm) schema engine over a driver adapter, so that no native engine
// is downloaded (see README, "Prisma without downloads"). DATABASE_URL's scheme picks the database:
// a `file:` URL SQLite (prisma/schema.prisma, prisma/migrations), `postgresql://` PostgreSQL
// (prisma/postgresql/schema.prisma and its own migrations).
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { DEFAULT_DATABASE_URL, databaseKind } from './lib/database-url';
import { applyPostgresCliWorkarounds } from './prisma/postgresql/cli-workarounds';

process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
const url = process.env.DATABASE_URL;
const postgres = databaseKind(url) === 'postgresql';
if (postgres) applyPostgresCliWorkarounds();
const folder = postgres ? path.join('prisma', 'postgresql') : 'prisma';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(folder, 'schema.prisma'),
  migrations: { path: path.join(folder, 'migrations') },
  // allowExitOnIdle: the pool's idle connections would keep the CLI running 10 s after its work.
  adapter: async () => (postgres ? new PrismaPg({ connectionString: url, allowExitOnIdle: true }) : new PrismaBetterSQLite3({ url })),
});
