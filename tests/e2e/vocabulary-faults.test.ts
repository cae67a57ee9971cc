// Owns "a vocabulary import killed part way leaves none of its notes" (issue 11) and look-ups while DeepL
// cannot be reached. The server first runs with TEST_HOLD_VOCABULARY_IMPORT: an import stops inside its
// write transaction after a log line, so the SIGKILL provably lands there; then it runs again on the same
// SQLite file without the hold. The database is read directly (better-sqlite3) between the runs. Each
// describe has a server of its own: one is killed, the other loses its fake DeepL.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type OwnApp } from './support/app-server';
import { writeLockHeld } from './support/sqlite';

const WAIT = { timeout: 60_000, interval: 50 };
const DEMO_SLUG = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';
const ROWS = 20_000;

let tmp: string;
let dbFile: string;

/** A new learner's Cookie header, and the learner id it carries. */
async function newLearner(app: OwnApp): Promise<{ cookie: string; id: string }> {
  const res = await fetch(`${app.baseUrl}/api/vocabulary`);
  await res.arrayBuffer();
  const cookie = res.headers.getSetCookie().find((line) => line.startsWith('nb-learner='))?.split(';')[0];
  if (!cookie) throw new Error('no nb-learner cookie');
  return { cookie, id: cookie.slice('nb-learner='.length).split('.')[0] };
}

/** What the database holds of a learner, read directly (the server may be running or dead). */
function stored(learnerId: string): { learner: boolean; notes: number } {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return {
      learner: db.prepare('SELECT 1 FROM Learner WHERE id = ?').get(learnerId) !== undefined,
      notes: (db.prepare('SELECT COUNT(*) AS n FROM VocabularyNote WHERE learnerId = ?').get(learnerId) as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

const csvOf = (count: number) => `term,translation\n${Array.from({ length: count }, (_, i) => `Wort${i},word ${i}`).join('\n')}\n`;

function postImport(app: OwnApp, cookie: string, csv: string): Promise<{ status: number; body: unknown }> {
  return fetch(`${app.baseUrl}/api/vocabulary/import`, { method: 'POST', headers: { cookie, 'content-type': 'text/csv' }, body: csv }).then(
    async (res) => ({ status: res.status, body: await res.json() }),
    () => ({ status: 0, body: null }), // the server was killed before answering
  );
}

describe('SIGKILL inside the write transaction of a vocabulary import', () => {
  let app: OwnApp;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nebeneinander-vocabulary-faults-'));
    dbFile = path.join(tmp, 'app.db');
    app = await startApp({ databaseFile: dbFile, env: { TEST_HOLD_VOCABULARY_IMPORT: 'true' } });
  });

  afterAll(async () => {
    await app?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('leaves none of its notes (nor its learner); after a restart the same file imports whole', async () => {
    const learner = await newLearner(app);
    const answer = postImport(app, learner.cookie, csvOf(ROWS));
    await expect.poll(() => app.output(), WAIT).toContain(`vocabulary import: holding the write transaction open after ${ROWS / 2} notes`);
    // Inside the transaction: the server holds the write lock, and half the rows are written but not committed.
    expect(writeLockHeld(dbFile)).toBe(true);
    expect(stored(learner.id)).toEqual({ learner: false, notes: 0 });
    await app.kill('SIGKILL');
    expect((await answer).status).toBe(0);
    expect(stored(learner.id)).toEqual({ learner: false, notes: 0 });

    await app.stop();
    app = await startApp({ databaseFile: dbFile });
    const again = await postImport(app, learner.cookie, csvOf(ROWS));
    expect(again).toEqual({ status: 200, body: { added: ROWS, merged: 0, errors: [] } });
    expect(stored(learner.id)).toEqual({ learner: true, notes: ROWS });
  });
});

describe('a look-up while DeepL cannot be reached', () => {
  let app: OwnApp;

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('answers 503 with the reason and the rest of the look-up, never 500', async () => {
    const { cookie } = await newLearner(app);
    await app.fake.close(); // nothing listens on its port any more: connection refused
    const res = await fetch(`${app.baseUrl}/api/vocabulary/lookup`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: DEMO_SLUG, paragraph: 7, sentence: 0, text: 'Weltraumbahnhof' }),
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      term: 'Weltraumbahnhof',
      translation: null,
      code: 'unreachable',
      error: expect.stringMatching(/\w/),
      baseForm: 'Weltraumbahnhof',
      isNoun: true,
    });
  });
});
