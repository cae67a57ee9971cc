// Owns "a database with the committed migrations applied" (a SQLite file, or a PostgreSQL database), as `npm start` applies them (Prisma's CLI,
// JS engine, nothing downloaded): for the test templates and the benchmark's databases.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function migrate(file: string): void {
  migrateUrl(`file:${file}`);
}

/** The migrations of the database the URL names (prisma/migrations or prisma/postgresql/migrations). */
export function migrateUrl(url: string): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'prisma', 'build', 'index.js'), 'migrate', 'deploy'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: '1' },
    stdio: 'pipe',
  });
}
