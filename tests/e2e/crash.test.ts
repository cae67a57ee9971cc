// Owns "killing the server never leaves half an article or loses translations" (issue 6): the whole
// server (scripts/start.mjs and next-server) is killed with SIGKILL at several moments of an import
// and of a translation, then started again on the same SQLite file. The database is read directly
// (better-sqlite3, read-only) between the runs.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ARTICLE_BLOCKS } from '@/lib/articles/limits';
import { segmentArticle } from '@/lib/text/segment';
import { generatedArticle } from '../bench/support';
import { startApp, type RunningApp } from './support/app-server';

const WAIT = { timeout: 30_000, interval: 20 };
/** DeepL's answer takes this long while a translation is to be interrupted: requests are in flight. */
const SLOW_DEEPL_MS = 800;

let tmp: string;
let dbFile: string;
let app: RunningApp;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nebeneinander-crash-'));
  dbFile = path.join(tmp, 'app.db');
  app = await startApp({ databaseFile: dbFile, env: { SEED_DEMO: 'false' } });
});

afterAll(async () => {
  await app?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Starts the server again on the same database file (after a kill). */
async function restart(): Promise<void> {
  await app.stop();
  app = await startApp({ databaseFile: dbFile, env: { SEED_DEMO: 'false' } });
}

/** Opens the database read-only for one look (the server may be running or dead). */
function readDb<T>(look: (db: Database.Database) => T): T {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return look(db);
  } finally {
    db.close();
  }
}

interface Stored {
  blocks: number;
  /** Cache rows of the article's blocks: key → English text. */
  cached: Map<string, string>;
}

function stored(title: string): Stored | null {
  return readDb((db) => {
    const article = db.prepare('SELECT id FROM Article WHERE title = ?').get(title) as { id: number } | undefined;
    if (!article) return null;
    const blocks = (db.prepare('SELECT COUNT(*) AS n FROM Block WHERE articleId = ?').get(article.id) as { n: number }).n;
    const rows = db
      .prepare('SELECT c.key, c.text FROM TranslationCache c JOIN Block b ON b.cacheKey = c.key WHERE b.articleId = ?')
      .all(article.id) as Array<{ key: string; text: string }>;
    return { blocks, cached: new Map(rows.map((r) => [r.key, r.text])) };
  });
}

/** Sends POST /api/articles and resolves once the whole body is on its way (the answer is not awaited). */
function sendImport(title: string, text: string): Promise<{ answer: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ title, text });
    let settle: (status: number) => void = () => undefined;
    const answer = new Promise<number>((r) => (settle = r));
    const req = http.request(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...app.editorHeaders() } }, (res) => {
      res.resume();
      settle(res.statusCode ?? 0);
    });
    // A killed server never answers: the request then ends in an error, and `answer` in 0.
    req.on('error', (error) => {
      settle(0);
      reject(error);
    });
    req.end(body, () => resolve({ answer }));
  });
}

/**
 * Kills the server the moment it is inside a write transaction: a second connection's
 * BEGIN IMMEDIATE fails with SQLITE_BUSY exactly while another writer holds the lock. The probe
 * takes the lock for microseconds every millisecond, so the server's own writes are not held up.
 */
function killInsideWrite(deadlineMs: number): { killed: Promise<void> | null } {
  const probe = new Database(dbFile, { timeout: 0 });
  const tick = new Int32Array(new SharedArrayBuffer(4));
  try {
    for (const end = Date.now() + deadlineMs; Date.now() < end; Atomics.wait(tick, 0, 0, 1)) {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        return { killed: app.kill('SIGKILL') }; // the signal is sent before kill() first awaits
      }
    }
    return { killed: null };
  } finally {
    probe.close();
  }
}

/** Block identity in German text and in DeepL requests: each generated block starts with a unique label. */
function labelsIn(text: string, seed: string): string[] {
  return text.match(new RegExp(`Abschnitt \\d+ \\(${seed}\\)|Teil \\d+ der Übersicht ${seed}`, 'g')) ?? [];
}

function expectCompleteOrAbsent(title: string, text: string): 'complete' | 'absent' {
  const found = stored(title);
  if (found === null) return 'absent';
  expect(found.blocks, `${title}: stored blocks`).toBe(segmentArticle(text).length);
  return 'complete';
}

describe('SIGKILL during an import leaves the article complete or absent, never half', () => {
  const outcomes: string[] = [];

  afterAll(() => {
    console.log(`Import kills: ${outcomes.join('; ')}`);
  });

  it('killed while the server reads and segments the request', async () => {
    const text = generatedArticle(300, 'lesen');
    await sendImport('Beim Lesen getötet', text);
    await app.kill('SIGKILL');
    outcomes.push(`while reading: ${expectCompleteOrAbsent('Beim Lesen getötet', text)}`);
    await restart();
  });

  it('killed inside the write transaction of a 1,000-block article: nothing of it is stored', async () => {
    // As many paragraphs as an article may have, each long: one long multi-row insert, so the kill lands inside it.
    const filler = 'Die Liste ist lang, und jeder ihrer Absätze ist ein ganzer Satz mit vielen Wörtern darin.';
    const text = Array.from({ length: MAX_ARTICLE_BLOCKS }, (_, i) => `Satz ${i + 1} der langen Liste. ${filler}`).join('\n\n');
    await sendImport('Beim Schreiben getötet', text);
    const { killed } = killInsideWrite(60_000);
    expect(killed, 'the server was seen writing').not.toBeNull();
    await killed;
    const outcome = expectCompleteOrAbsent('Beim Schreiben getötet', text);
    outcomes.push(`inside the transaction: ${outcome}`);
    expect(outcome).toBe('absent');
    await restart();
  });

  it('killed right after the 201: the article is complete, and its translation had not been stored', async () => {
    const text = generatedArticle(300, 'danach');
    app.fake.setLatency(60_000);
    const { answer } = await sendImport('Nach dem Import getötet', text);
    expect(await answer).toBe(201);
    await app.kill('SIGKILL');
    outcomes.push(`after the answer: ${expectCompleteOrAbsent('Nach dem Import getötet', text)}`);
    expect(stored('Nach dem Import getötet')).toEqual({ blocks: segmentArticle(text).length, cached: new Map() });
  });

  it('after the restarts the library lists exactly the complete articles', async () => {
    await restart();
    const library = await (await fetch(`${app.baseUrl}/`, { headers: { accept: 'text/html' } })).text();
    expect(library).toContain('Nach dem Import getötet');
    expect(library).not.toContain('Beim Schreiben getötet');
    const listed = readDb((db) => db.prepare('SELECT title FROM Article ORDER BY id').all() as Array<{ title: string }>).map((a) => a.title);
    for (const title of listed) expect(library).toContain(title);
  });
});

describe('SIGKILL during translation loses no cached rows, and the article finishes after a restart', () => {
  const TITLE = 'Nach dem Import getötet';
  const SEED = 'danach';
  const text = generatedArticle(300, SEED);
  const total = segmentArticle(text).length;
  let slug: string;
  /** Rows stored when the second kill came: none of them may be sent to DeepL again. */
  let cachedAtKill = new Map<string, string>();

  /** Opens the reader as a learner would: that starts the missing translations after the response. */
  async function openReader(): Promise<void> {
    const res = await fetch(`${app.baseUrl}/a/${slug}`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }

  beforeAll(() => {
    slug = readDb((db) => (db.prepare('SELECT slug FROM Article WHERE title = ?').get(TITLE) as { slug: string }).slug);
  });

  it('killed while the first requests wait for DeepL: the article is intact, nothing half-stored', async () => {
    app.fake.setLatency(SLOW_DEEPL_MS);
    await openReader();
    await expect.poll(() => app.fake.allTranslateAttempts, WAIT).toBeGreaterThan(0);
    const before = stored(TITLE)!;
    await app.kill('SIGKILL');
    const after = stored(TITLE)!;
    expect(after.blocks).toBe(total);
    for (const [key, english] of before.cached) expect(after.cached.get(key)).toBe(english);
    await restart();
  });

  it('killed after some batches were stored: every row stored before the kill is still there', async () => {
    app.fake.setLatency(SLOW_DEEPL_MS);
    await openReader();
    await expect.poll(() => stored(TITLE)!.cached.size, WAIT).toBeGreaterThan(0);
    const seen = stored(TITLE)!.cached;
    await app.kill('SIGKILL');
    cachedAtKill = stored(TITLE)!.cached;
    expect(cachedAtKill.size, 'rows after the kill').toBeGreaterThanOrEqual(seen.size);
    expect(cachedAtKill.size, 'the kill came before the last batch').toBeLessThan(total);
    for (const [key, english] of seen) expect(cachedAtKill.get(key), key).toBe(english);
    console.log(`Translation kill: ${cachedAtKill.size} of ${total} blocks were stored`);
    await restart();
  });

  it('after the restart, the next view translates the rest: each missing block sent once, no stored one again', async () => {
    await openReader();
    await expect
      .poll(async () => {
        const body = (await (await fetch(`${app.baseUrl}/api/articles/${slug}`)).json()) as { blocks: Array<{ translation: { status: string } }> };
        return body.blocks.filter((b) => b.translation.status === 'done').length;
      }, WAIT)
      .toBe(total);
    const final = stored(TITLE)!;
    expect(final.blocks).toBe(total);
    expect(final.cached.size).toBe(total);
    for (const [key, english] of cachedAtKill) expect(final.cached.get(key), key).toBe(english);

    const storedLabels = new Set(
      readDb((db) => db.prepare('SELECT b.text, b.cacheKey FROM Block b JOIN Article a ON a.id = b.articleId WHERE a.slug = ?').all(slug) as Array<{ text: string; cacheKey: string }>)
        .filter((b) => cachedAtKill.has(b.cacheKey))
        .flatMap((b) => labelsIn(b.text, SEED)),
    );
    const sent = app.fake.requests.flatMap((r) => r.texts.flatMap((t) => labelsIn(t, SEED)));
    expect(sent.filter((label) => storedLabels.has(label)), 'blocks sent again although stored').toEqual([]);
    expect(new Set(sent).size, 'a block sent twice').toBe(sent.length);
    expect(sent.length).toBe(total - cachedAtKill.size);
  });
});
