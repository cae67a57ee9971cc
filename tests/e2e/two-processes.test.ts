// Two app processes on one database, as several instances behind a load balancer: what one changes, the
// other's cached pages show within a poll (lib/cache/page-changes.ts), and a learner's look-ups count
// once whichever answers them (lib/vocabulary/rate-limit.ts). Two servers of this file's own on one
// SQLite file (each with its own fake DeepL).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type OwnApp } from './support/app-server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nb-two-processes-'));
const databaseFile = path.join(dir, 'app.db');
let a: OwnApp;
let b: OwnApp;

beforeAll(async () => {
  a = await startApp({ databaseFile });
  b = await startApp({ databaseFile });
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

const WAIT = { timeout: 10_000, interval: 50 };

async function page(app: OwnApp, urlPath: string) {
  const res = await fetch(app.baseUrl + urlPath);
  return { status: res.status, cache: res.headers.get('x-nextjs-cache'), body: await res.text() };
}

async function importOn(app: OwnApp, title: string, text: string): Promise<string> {
  const res = await fetch(`${app.baseUrl}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...app.editorHeaders() },
    body: JSON.stringify({ title, text }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { slug: string }).slug;
}

describe('two processes on one database', () => {
  it('an article imported on one is in the other’s library, which it had kept', async () => {
    await page(b, '/');
    expect((await page(b, '/')).cache).toBe('HIT');
    const slug = await importOn(a, 'Von Prozess A', 'Ein Satz, auf A importiert.');
    await expect.poll(async () => (await page(b, '/')).body.includes(`/a/${slug}"`), WAIT).toBe(true);
  });

  it('an article removed on one is a 404 on the other, which had kept its page', async () => {
    const slug = await importOn(a, 'Bald weg von B', 'Ein Satz, der auf A entfernt wird.');
    // Translated (A's fake DeepL) and kept by B.
    await expect.poll(async () => (await page(b, `/a/${slug}`)).cache, WAIT).toBe('HIT');
    expect((await fetch(`${a.baseUrl}/api/articles/${slug}`, { method: 'DELETE', headers: a.editorHeaders() })).status).toBe(204);
    await expect.poll(async () => (await page(b, `/a/${slug}`)).status, WAIT).toBe(404);
    expect((await page(b, `/a/${slug}`)).body).toContain('This article was removed');
    expect((await page(b, '/')).body).not.toContain(`/a/${slug}"`);
  });

  it('a learner’s 61st look-up in a minute is refused, their look-ups spread over both', async () => {
    // A learner cookie first (signed with the instance secret both processes read from the database).
    const cookie = (await fetch(`${a.baseUrl}/api/vocabulary`)).headers.getSetCookie()[0].split(';')[0];
    const lookUp = async (app: OwnApp) =>
      (
        await fetch(`${app.baseUrl}/api/vocabulary/lookup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ slug: 'putin-und-kim-treffen-sich-am-weltraumbahnhof', paragraph: 7, sentence: 0, text: 'Putin' }),
        })
      ).status;
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push(await lookUp(i % 2 === 0 ? a : b));
    expect(statuses).toEqual([...Array(60).fill(200), 429]);
  });
});
