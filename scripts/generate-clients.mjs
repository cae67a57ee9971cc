// `npm install` (postinstall): generates both Prisma clients, SQLite's (lib/generated/prisma) and
// PostgreSQL's (lib/generated/postgres), whatever DATABASE_URL says. Each schema's datasource url must
// resolve to a URL of its own kind or the CLI falls back to downloading an engine; nothing connects.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const prisma = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');

for (const url of ['file:./prisma/nebeneinander.db', 'postgresql://localhost/nebeneinander']) {
  const result = spawnSync(process.execPath, [prisma, 'generate'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: '1' },
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
