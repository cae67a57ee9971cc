// Owns "killing the server never leaves half an article or loses translations" (issue 6): the server
// is killed with SIGKILL at several moments of an import and of a translation, then started again on
// the same SQLite file. Each kill lands at a moment the test has made sure of: a request body sent only
// in part, the import stopped inside its write transaction (TEST_HOLD_ARTICLE_IMPORT, after a log line),
// DeepL requests held by the fake. The database is read directly (better-sqlite3) between the runs.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ARTICLE_BLOCKS } from '@/lib/articles/limits';
import { segmentArticle } from '@/lib/text/segment';
import { generatedArticle } from '../bench/support';
import { startApp, type OwnApp } from './support/app-server';
import { writeLockHeld } from './support/sqlite';

const WAIT = { timeout: 60_000, interval: 50 };

/** A describe's own SQLite file (no demo article) and the server on it, started again after each kill. */
function serverOnFile(name: string) {
  let dir = '';
  let app: OwnApp | undefined;
  return {
    get file() {
      return path.join(dir, 'app.db');
    },
    /** Stops (or cleans up after) the last server and starts one on the file; `env` adds to its environment. */
    async serve(env: Record<string, string> = {}): Promise<OwnApp> {
      if (!dir) dir = fs.mkdtempSync(path.join(os.tmpdir(), `nebeneinander-crash-${name}-`));
      await app?.stop();
      app = undefined;
      app = await startApp({ databaseFile: path.join(dir, 'app.db'), template: 'empty', env });
      return app;
    },
    async close(): Promise<void> {
      await app?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the database read-only for one look (the server may be running or dead). */
function readDb<T>(file: string, look: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
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

function stored(file: string, title: string): Stored | null {
  return readDb(file, (db) => {
    const article = db.prepare('SELECT id FROM Article WHERE title = ?').get(title) as { id: number } | undefined;
    if (!article) return null;
    const blocks = (db.prepare('SELECT COUNT(*) AS n FROM Block WHERE articleId = ?').get(article.id) as { n: number }).n;
    const rows = db
      .prepare('SELECT c.key, c.text FROM TranslationCache c JOIN Block b ON b.cacheKey = c.key WHERE b.articleId = ?')
      .all(article.id) as Array<{ key: string; text: string }>;
    return { blocks, cached: new Map(rows.map((r) => [r.key, r.text])) };
  });
}

/**
 * Sends POST /api/articles and resolves once the body is on its way (the answer is not awaited); with
 * `inPart`, only the first half of the body is sent and the rest never comes.
 */
function sendImport(app: OwnApp, title: string, text: string, { inPart = false } = {}): Promise<{ answer: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(JSON.stringify({ title, text }));
    let settle: (status: number) => void = () => undefined;
    const answer = new Promise<number>((r) => (settle = r));
    const req = http.request(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length, ...app.editorHeaders() } }, (res) => {
      res.resume();
      settle(res.statusCode ?? 0);
    });
    // A killed server never answers: the request then ends in an error, and `answer` in 0.
    req.on('error', (error) => {
      settle(0);
      reject(error);
    });
    if (inPart) req.write(body.subarray(0, body.length >> 1), () => resolve({ answer }));
    else req.end(body, () => resolve({ answer }));
  });
}

/** Block identity in German text and in DeepL requests: each generated block starts with a unique label. */
function labelsIn(text: string, seed: string): string[] {
  return text.match(new RegExp(`Abschnitt \\d+ \\(${seed}\\)|Teil \\d+ der Übersicht ${seed}`, 'g')) ?? [];
}

function expectCompleteOrAbsent(file: string, title: string, text: string): 'complete' | 'absent' {
  const found = stored(file, title);
  if (found === null) return 'absent';
  expect(found.blocks, `${title}: stored blocks`).toBe(segmentArticle(text).length);
  return 'complete';
}

describe('SIGKILL during an import leaves the article complete or absent, never half', () => {
  const server = serverOnFile('import');

  afterAll(async () => {
    await server.close();
  });

  it('killed while the server reads and segments the request', async () => {
    const app = await server.serve();
    const text = generatedArticle(300, 'lesen');
    // Half the body is on its way and the rest never comes: the server is still reading when it dies.
    const { answer } = await sendImport(app, 'Beim Lesen getötet', text, { inPart: true });
    await app.kill('SIGKILL');
    expect(await answer).toBe(0);
    expect(expectCompleteOrAbsent(server.file, 'Beim Lesen getötet', text)).toBe('absent');
  });

  it('killed inside the write transaction of a 1,000-block article: nothing of it is stored', async () => {
    // The server stops inside the import's transaction (article and blocks written, not committed) and says so.
    const app = await server.serve({ TEST_HOLD_ARTICLE_IMPORT: 'true' });
    const filler = 'Die Liste ist lang, und jeder ihrer Absätze ist ein ganzer Satz mit vielen Wörtern darin.';
    const text = Array.from({ length: MAX_ARTICLE_BLOCKS }, (_, i) => `Satz ${i + 1} der langen Liste. ${filler}`).join('\n\n');
    const { answer } = await sendImport(app, 'Beim Schreiben getötet', text);
    await expect.poll(() => app.output(), WAIT).toContain(`article import: holding the write transaction open after ${MAX_ARTICLE_BLOCKS} blocks`);
    expect(writeLockHeld(server.file), 'the server was seen writing').toBe(true);
    await app.kill('SIGKILL');
    expect(await answer).toBe(0);
    expect(expectCompleteOrAbsent(server.file, 'Beim Schreiben getötet', text)).toBe('absent');
  });

  it('killed right after the 201: the article is complete, and its translation had not been stored', async () => {
    const app = await server.serve();
    const text = generatedArticle(300, 'danach');
    // DeepL keeps every request: the translation, started with the import, cannot store anything.
    await app.fake.faultWhen('', { kind: 'hold' });
    const { answer } = await sendImport(app, 'Nach dem Import getötet', text);
    expect(await answer).toBe(201);
    await app.fake.waitHeld(''); // the translation is under way
    await app.kill('SIGKILL');
    expect(expectCompleteOrAbsent(server.file, 'Nach dem Import getötet', text)).toBe('complete');
    expect(stored(server.file, 'Nach dem Import getötet')).toEqual({ blocks: segmentArticle(text).length, cached: new Map() });
  });

  it('after the restarts the library lists exactly the complete articles', async () => {
    const app = await server.serve();
    const library = await (await fetch(`${app.baseUrl}/`, { headers: { accept: 'text/html' } })).text();
    expect(library).toContain('Nach dem Import getötet');
    expect(library).not.toContain('Beim Schreiben getötet');
    expect(library).not.toContain('Beim Lesen getötet');
    const listed = readDb(server.file, (db) => db.prepare('SELECT title FROM Article ORDER BY id').all() as Array<{ title: string }>).map((a) => a.title);
    for (const title of listed) expect(library).toContain(title);
  });
});

describe('SIGKILL during translation loses no cached rows, and the article finishes after a restart', () => {
  const server = serverOnFile('translation');
  const TITLE = 'Beim Übersetzen getötet';
  const SEED = 'uebersetzt';
  const text = generatedArticle(300, SEED);
  const total = segmentArticle(text).length;
  let slug: string;
  /** Rows stored when the second kill came: none of them may be sent to DeepL again. */
  let cachedAtKill = new Map<string, string>();

  /** Opens the reader as a learner would: that starts the missing translations after the response. */
  async function openReader(app: OwnApp): Promise<void> {
    const res = await fetch(`${app.baseUrl}/a/${slug}`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }

  beforeAll(async () => {
    // The article of this describe, and none of its English: DeepL keeps the import's requests until the kill.
    const app = await server.serve();
    await app.fake.faultWhen(SEED, { kind: 'hold' });
    const { answer } = await sendImport(app, TITLE, text);
    if ((await answer) !== 201) throw new Error(`the import answered ${await answer}`);
    await app.fake.waitHeld(SEED);
    await app.kill('SIGKILL');
    slug = readDb(server.file, (db) => (db.prepare('SELECT slug FROM Article WHERE title = ?').get(TITLE) as { slug: string }).slug);
  });

  afterAll(async () => {
    await server.close();
  });

  it('killed while the first requests wait for DeepL: the article is intact, nothing half-stored', async () => {
    const app = await server.serve();
    await app.fake.faultWhen(SEED, { kind: 'hold' });
    await openReader(app);
    await app.fake.waitHeld(SEED); // the first requests are at DeepL, unanswered
    const before = stored(server.file, TITLE)!;
    await app.kill('SIGKILL');
    const after = stored(server.file, TITLE)!;
    expect(after.blocks).toBe(total);
    for (const [key, english] of before.cached) expect(after.cached.get(key)).toBe(english);
    expect(after.cached.size, 'DeepL answered nothing, so nothing is stored').toBe(0);
  });

  it('killed after some batches were stored: every row stored before the kill is still there', async () => {
    const app = await server.serve();
    // The last block travels in the last batch, which is sent after all the others: DeepL keeps that one.
    const last = labelsIn(text, SEED).at(-1)!;
    await app.fake.faultWhen(last, { kind: 'hold' });
    await openReader(app);
    await app.fake.waitHeld(last);
    // Every block has been sent; every request but the held one was answered, and its rows are stored.
    const labels = labelsIn(text, SEED);
    await expect
      .poll(async () => {
        for (const label of labels) if ((await app.fake.attemptsFor(label)) === 0) return label;
        return 'every block sent';
      }, WAIT)
      .toBe('every block sent');
    const answered = (await app.fake.requestsFor(SEED)).reduce((n, r) => n + r.texts.length, 0);
    expect(answered, 'batches answered before the held one').toBeGreaterThan(0);
    await expect.poll(() => stored(server.file, TITLE)!.cached.size, WAIT).toBe(answered);
    const seen = stored(server.file, TITLE)!.cached;
    await app.kill('SIGKILL');
    cachedAtKill = stored(server.file, TITLE)!.cached;
    expect(cachedAtKill.size, 'rows after the kill').toBeGreaterThanOrEqual(seen.size);
    expect(cachedAtKill.size, 'the kill came before the last batch').toBeLessThan(total);
    expect(cachedAtKill.size, 'every answered batch, no more').toBe(answered);
    for (const [key, english] of seen) expect(cachedAtKill.get(key), key).toBe(english);
  });

  it('after the restart, the next view translates the rest: each missing block sent once, no stored one again', async () => {
    const app = await server.serve();
    await openReader(app);
    await expect
      .poll(async () => {
        const body = (await (await fetch(`${app.baseUrl}/api/articles/${slug}`)).json()) as { blocks: Array<{ translation: { status: string } }> };
        return body.blocks.filter((b) => b.translation.status === 'done').length;
      }, WAIT)
      .toBe(total);
    const final = stored(server.file, TITLE)!;
    expect(final.blocks).toBe(total);
    expect(final.cached.size).toBe(total);
    for (const [key, english] of cachedAtKill) expect(final.cached.get(key), key).toBe(english);

    const storedLabels = new Set(
      readDb(server.file, (db) => db.prepare('SELECT b.text, b.cacheKey FROM Block b JOIN Article a ON a.id = b.articleId WHERE a.slug = ?').all(slug) as Array<{ text: string; cacheKey: string }>)
        .filter((b) => cachedAtKill.has(b.cacheKey))
        .flatMap((b) => labelsIn(b.text, SEED)),
    );
    const sent = (await app.fake.requestsFor(SEED)).flatMap((r) => r.texts.flatMap((t) => labelsIn(t, SEED)));
    expect(sent.filter((label) => storedLabels.has(label)), 'blocks sent again although stored').toEqual([]);
    expect(new Set(sent).size, 'a block sent twice').toBe(sent.length);
    expect(sent.length).toBe(total - cachedAtKill.size);
  });
});
