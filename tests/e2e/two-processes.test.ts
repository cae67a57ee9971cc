// Two app processes on one database, as several instances behind a load balancer: what one changes, the
// other's cached pages show within a poll (lib/cache/page-changes.ts), and a learner's look-ups count
// once whichever answers them (lib/vocabulary/rate-limit.ts), and DeepL found down by one holds back the
// other too (lib/translation/shared-breaker.ts). Two servers of this file's own on one
// SQLite file and one fake DeepL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArticle, startApp, type OwnApp } from './support/app-server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nb-two-processes-'));
const databaseFile = path.join(dir, 'app.db');
let a: OwnApp;
let b: OwnApp;

beforeAll(async () => {
  a = await startApp({ databaseFile });
  b = await startApp({ databaseFile, fakeOf: a });
});

afterAll(async () => {
  await b?.stop();
  await a?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const WAIT = { timeout: 10_000, interval: 50 };

async function page(app: OwnApp, urlPath: string) {
  const res = await fetch(app.baseUrl + urlPath);
  return { status: res.status, cache: res.headers.get('x-nextjs-cache'), body: await res.text() };
}

const importOn = (app: OwnApp, title: string, text: string) => importArticle(app, text, title);

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

  it('an article imported on one and read on the other is sent to DeepL once', async () => {
    const word = `Zweimal${Date.now().toString(36)}`;
    await a.fake.faultWhen(word, { kind: 'hold' });
    const slug = await importOn(a, `Einmal bezahlt ${word}`, `Der erste Absatz über ${word}.\n\nDer zweite Absatz über ${word}.`);
    await a.fake.waitHeld(word); // A's request is at DeepL
    // Readers on B meanwhile: B's renders start translating too, and must leave A's keys to A.
    await Promise.all(Array.from({ length: 10 }, () => page(b, `/a/${slug}`)));
    await a.fake.release(word);
    await expect.poll(async () => (await page(b, `/a/${slug}`)).cache, WAIT).toBe('HIT');
    const requests = await a.fake.requestsFor(word);
    expect(requests.flatMap((r) => r.texts)).toHaveLength(2);
    expect(requests).toHaveLength(1);
  });

  it('20 first views of a new article spread over both send each block once', async () => {
    const word = `Zwanzig${Date.now().toString(36)}`;
    // DeepL holds the import's request (30 blocks: one request): twenty readers meanwhile, on both processes.
    await a.fake.faultWhen(word, { kind: 'hold' });
    const text = Array.from({ length: 30 }, (_, i) => `Absatz ${i + 1} über ${word}. Noch ein Satz dazu.`).join('\n\n');
    const slug = await importOn(a, `Zwanzig Leser ${word}`, text);
    await a.fake.waitHeld(word);
    await Promise.all(Array.from({ length: 20 }, (_, i) => page(i % 2 === 0 ? a : b, `/a/${slug}`)));
    await a.fake.release(word);
    await expect.poll(async () => (await page(b, `/a/${slug}`)).cache, WAIT).toBe('HIT');
    const sent = (await a.fake.requestsFor(word)).flatMap((r) => r.texts);
    expect(sent).toHaveLength(30);
    expect(new Set(sent).size).toBe(30);
  });

  // Last: DeepL stays "down" for both processes for the 30 s cooldown afterwards.
  it('DeepL failing for an import on A: an import on B is refused as a server error without a request from B', async () => {
    const down = `Ausfall${Date.now().toString(36)}`;
    const other = `Danach${Date.now().toString(36)}`;
    await a.fake.faultWhen(down, { kind: 'status', status: 503 });
    const failed = await importOn(a, `DeepL fällt aus ${down}`, `Ein Satz über ${down}.`);
    await expect.poll(async () => (await page(a, `/a/${failed}`)).body, WAIT).toContain('not translated');
    // B learns it from the database within a poll, with no request of its own.
    await expect.poll(async () => (await page(b, '/status')).body, WAIT).toContain('Learnt from another app process');
    const refused = await importOn(b, `Nach dem Ausfall ${other}`, `Ein Satz über ${other}, den DeepL übersetzen könnte.`);
    await expect.poll(async () => (await page(b, `/a/${refused}`)).body, WAIT).toContain('not translated');
    expect((await page(b, `/a/${refused}`)).body).toContain('The translation service has a problem just now.');
    expect(await a.fake.attemptsFor(other)).toBe(0);
  });
});
