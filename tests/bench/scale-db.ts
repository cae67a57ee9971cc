// Builds the benchmark's large library in a separate SQLite file: 1,000 articles (15,000 blocks)
// and 100,000 translation cache rows, inserted directly for speed.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { blockCacheKey } from '@/lib/translation/settings';
import { segmentArticle } from '@/lib/text/segment';
import { generatedArticle } from './support';

export function migrate(file: string): void {
  execFileSync(process.execPath, [path.join('node_modules', 'prisma', 'build', 'index.js'), 'migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: '1' },
    stdio: 'pipe',
  });
}

export function buildScaleDatabase(file: string, articles = 1000, cacheRows = 100_000): { blocks: number; cacheRows: number } {
  migrate(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const insertArticle = db.prepare('INSERT INTO Article (slug, title, source, isDemo, createdAt) VALUES (?, ?, NULL, 0, ?)');
  const insertBlock = db.prepare('INSERT INTO Block (articleId, n, kind, text, credit, sentences, cacheKey) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertCache = db.prepare(
    "INSERT OR IGNORE INTO TranslationCache (key, engine, targetLang, sentences, text, aligned, billedChars, createdAt) VALUES (?, 'deepl', 'EN-US', ?, ?, 1, ?, ?)",
  );
  const now = Date.now();
  let blocks = 0;
  let rows = 0;
  db.transaction(() => {
    for (let a = 0; a < articles; a++) {
      const text = generatedArticle(15, `Archiv ${a}`);
      const created = new Date(now - (articles - a) * 60_000).toISOString();
      const id = Number(insertArticle.run(`archiv-artikel-${a}`, `Archivartikel Nummer ${a}`, created).lastInsertRowid);
      for (const b of segmentArticle(text)) {
        const key = blockCacheKey(b.sentences);
        insertBlock.run(id, b.n, b.kind, b.text, b.credit ?? null, JSON.stringify(b.sentences), key);
        const en = b.sentences.map((s) => `EN(${s})`);
        rows += insertCache.run(key, JSON.stringify(en), en.join(' '), b.text.length, created).changes;
        blocks++;
      }
    }
    for (let i = 0; rows < cacheRows; i++) {
      const key = createHash('sha256').update(`unrelated ${i}`).digest('hex');
      rows += insertCache.run(key, JSON.stringify([`Sentence ${i}.`]), `Sentence ${i}.`, 12, new Date(now).toISOString()).changes;
    }
  })();
  db.close();
  return { blocks, cacheRows: rows };
}
