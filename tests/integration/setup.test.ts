// What `npm start` runs before serving: migrations and the demo seed, twice, lose and duplicate nothing.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { importArticleOrThrow } from '@/lib/articles/import-article';

function run(args: string[]): string {
  return execFileSync(process.execPath, args, {
    env: { ...process.env, CHECKPOINT_DISABLE: '1', DEEPL_AUTH_KEY: '' },
    encoding: 'utf8',
    stdio: 'pipe',
  });
}

/** Like `npm start`, migrations run while no other process has the database open (WAL mode needs that). */
async function migrate(): Promise<string> {
  await db.$disconnect();
  return run([path.join('node_modules', 'prisma', 'build', 'index.js'), 'migrate', 'deploy']);
}
const seed = () => run([path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), 'prisma/seed.ts']);

describe('migrations and seed at start', () => {
  it('are idempotent and keep what learners imported', async () => {
    expect(seed()).toMatch(/demo article added/);
    const mine = await importArticleOrThrow({ title: 'Mein Artikel', text: 'Ein eigener Satz.' });
    expect(await migrate()).toMatch(/No pending migrations/);
    expect(seed()).toMatch(/demo article already there/);
    expect(await migrate()).toMatch(/No pending migrations/);
    expect(await db.article.count()).toBe(2);
    expect(await db.article.findUnique({ where: { slug: mine.slug }, select: { title: true } })).toEqual({ title: 'Mein Artikel' });
    expect(await db.translationCache.count({ where: { engine: 'bundled' } })).toBe(15);
  });
});
