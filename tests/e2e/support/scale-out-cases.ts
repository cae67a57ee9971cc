// Several app instances on one database, as behind a load balancer: what one changes, the others' cached
// pages show within a second (lib/cache/page-changes.ts); each text goes to DeepL once (claims); a
// learner's look-ups count once whichever instance answers; saves racing on both are all kept; DeepL
// found down by one holds back the other (lib/translation/shared-breaker.ts); and a translation whose
// instance is killed is finished by another. Two setups, the same tests (scale-out-sqlite.test.ts, scale-out-postgres.test.ts):
// - two processes of this file's own on one SQLite file (a request goes to one of them in turn);
// - two instances on a real PostgreSQL (tests/support/postgres.ts) behind the shipped haproxy.cfg
//   (tests/support/haproxy.ts), which shared requests go through.
// Both instances share one fake DeepL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAPROXY_MISSING, startLoadBalancer, type TestLoadBalancer } from '../../support/haproxy';
import { migrateUrl } from '../../support/migrate';
import { POSTGRES_MISSING, startPostgres, type TestPostgres } from '../../support/postgres';
import { importArticle, startApp, type OwnApp } from './app-server';

interface Instances {
  a: OwnApp;
  b: OwnApp;
  /** Where requests that may go to either are sent: the load balancer, or A and B in turn. */
  spread(i: number): string;
  stop(): Promise<void>;
}

async function onSqlite(): Promise<Instances> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nb-scale-out-'));
  const databaseFile = path.join(dir, 'app.db');
  const a = await startApp({ databaseFile });
  const b = await startApp({ databaseFile, fakeOf: a });
  return {
    a,
    b,
    spread: (i) => (i % 2 === 0 ? a.baseUrl : b.baseUrl),
    stop: async () => {
      await b.stop();
      await a.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Null (the tests skip, saying why) when this machine has no PostgreSQL or no haproxy. */
async function onPostgresBehindHaproxy(): Promise<Instances | null> {
  let server: TestPostgres | null = null;
  let a: OwnApp | undefined;
  let b: OwnApp | undefined;
  let lb: TestLoadBalancer | null = null;
  const stop = async () => {
    await lb?.stop();
    await b?.stop();
    await a?.stop();
    await server?.stop();
  };
  try {
    server = await startPostgres();
    if (!server) return (console.warn(POSTGRES_MISSING), null);
    const databaseUrl = await server.createDatabase('scale_out');
    migrateUrl(databaseUrl);
    // The load balancer's X-Forwarded-For is believed, as the README says to configure it.
    const env = { TRUSTED_PROXIES: '127.0.0.1' };
    a = await startApp({ databaseUrl, env });
    b = await startApp({ databaseUrl, env, fakeOf: a });
    lb = await startLoadBalancer([a.baseUrl, b.baseUrl]);
    if (!lb) {
      console.warn(HAPROXY_MISSING);
      await stop();
      return null;
    }
    const front = lb.url;
    return { a, b, spread: () => front, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const WAIT = { timeout: 15_000, interval: 50 };

async function page(base: string | OwnApp, urlPath: string) {
  const res = await fetch((typeof base === 'string' ? base : base.baseUrl) + urlPath);
  return { status: res.status, cache: res.headers.get('x-nextjs-cache'), body: await res.text() };
}

const importOn = (app: OwnApp, title: string, text: string) => importArticle(app, text, title);
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const SETUPS = {
  sqlite: { name: 'two processes on one SQLite file', setUp: onSqlite, postgres: false },
  postgres: { name: 'two instances on PostgreSQL behind the shipped haproxy.cfg', setUp: onPostgresBehindHaproxy, postgres: true },
};

/** The tests, on one setup: each setup is a file of its own, so the two run at the same time. */
export function scaleOutTests(which: keyof typeof SETUPS): void {
  const { name, setUp, postgres } = SETUPS[which];
  describe(name, () => {
    let instances: Instances | null = null;
    beforeAll(async () => {
      instances = await setUp();
    });
    afterAll(async () => {
      await instances?.stop();
    });
    /** The instances, or a skip when this machine cannot run them (said once, in the set-up). */
    const running = (skip: (note?: string) => void): Instances => {
      if (!instances) skip('needs PostgreSQL and haproxy');
      return instances!;
    };

    it('an article imported on A is in B’s library, which B had kept, and is sent to DeepL once when read on B', async ({ skip }) => {
      const { a, b } = running(skip);
      await page(b, '/');
      expect((await page(b, '/')).cache).toBe('HIT');
      const word = unique('Einmal');
      const slug = await importOn(a, `Von A ${word}`, `Der erste Absatz über ${word}.\n\nDer zweite Absatz über ${word}.`);
      await expect.poll(async () => (await page(b, '/')).body.includes(`/a/${slug}"`), WAIT).toBe(true);
      await expect.poll(async () => (await page(b, `/a/${slug}`)).cache, WAIT).toBe('HIT');
      const requests = await a.fake.requestsFor(word);
      expect(requests).toHaveLength(1);
      expect(requests.flatMap((r) => r.texts)).toHaveLength(2);
    });

    it('an article imported on A, held at DeepL, and read on B meanwhile is sent to DeepL once', async ({ skip }) => {
      const { a, b } = running(skip);
      const word = unique('Zweimal');
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

    it('20 first views of a new article spread over both send each block once', async ({ skip }) => {
      const { a, b, spread } = running(skip);
      const word = unique('Zwanzig');
      // DeepL holds the import's request (30 blocks: one request): twenty readers meanwhile, on both instances.
      await a.fake.faultWhen(word, { kind: 'hold' });
      const text = Array.from({ length: 30 }, (_, i) => `Absatz ${i + 1} über ${word}. Noch ein Satz dazu.`).join('\n\n');
      const slug = await importOn(a, `Zwanzig Leser ${word}`, text);
      await a.fake.waitHeld(word);
      await Promise.all(Array.from({ length: 20 }, (_, i) => page(i % 4 === 0 ? spread(i) : i % 2 === 0 ? a : b, `/a/${slug}`)));
      await a.fake.release(word);
      await expect.poll(async () => (await page(b, `/a/${slug}`)).cache, WAIT).toBe('HIT');
      const sent = (await a.fake.requestsFor(word)).flatMap((r) => r.texts);
      expect(sent).toHaveLength(30);
      expect(new Set(sent).size).toBe(30);
    });

    it('an article removed on A is a 404 on B within a second, though B had kept its page', async ({ skip }) => {
      const { a, b } = running(skip);
      const word = unique('Weg');
      const slug = await importOn(a, `Bald weg von B ${word}`, `Ein Satz über ${word}, der auf A entfernt wird.`);
      // Translated (A's fake DeepL) and kept by B.
      await expect.poll(async () => (await page(b, `/a/${slug}`)).cache, WAIT).toBe('HIT');
      expect((await fetch(`${a.baseUrl}/api/articles/${slug}`, { method: 'DELETE', headers: a.editorHeaders() })).status).toBe(204);
      // The bound, counted from the removal's answer: every instance polls the changes each 250 ms.
      await expect.poll(async () => (await page(b, `/a/${slug}`)).status, { timeout: 1_000, interval: 50 }).toBe(404);
      expect((await page(b, `/a/${slug}`)).body).toContain('This article was removed');
      expect((await page(b, '/')).body).not.toContain(`/a/${slug}"`);
    });

    it('a learner’s 61st look-up in a minute is refused, their look-ups spread over both', async ({ skip }) => {
      const { a, spread } = running(skip);
      const word = unique('Nachschlagen');
      const slug = await importOn(a, `Nachschlagen ${word}`, `Putin traf ${word} am Weltraumbahnhof.`);
      // A learner cookie first (signed with the instance secret every instance reads from the database).
      const cookie = (await fetch(`${a.baseUrl}/api/vocabulary`)).headers.getSetCookie()[0].split(';')[0];
      const lookUp = async (i: number) =>
        (
          await fetch(`${spread(i)}/api/vocabulary/lookup`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie },
            body: JSON.stringify({ slug, paragraph: 1, sentence: 0, text: 'Putin' }),
          })
        ).status;
      const statuses: number[] = [];
      for (let i = 0; i < 61; i++) statuses.push(await lookUp(i));
      expect(statuses).toEqual([...Array(60).fill(200), 429]);
    });

    it('200 notes saved at once, spread over both, are all kept', async ({ skip }) => {
      const { a, b, spread } = running(skip);
      const cookie = (await fetch(`${a.baseUrl}/api/vocabulary`)).headers.getSetCookie()[0].split(';')[0];
      const save = (i: number) =>
        fetch(`${i % 3 === 0 ? spread(i) : i % 3 === 1 ? a.baseUrl : b.baseUrl}/api/vocabulary`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ term: `Wort${i}`, translation: `word ${i}` }),
        }).then((res) => res.status);
      const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => save(i)));
      expect(statuses.filter((s) => s === 201)).toHaveLength(200);
      const { notes } = (await (await fetch(`${b.baseUrl}/api/vocabulary`, { headers: { cookie } })).json()) as { notes: Array<{ term: string }> };
      expect(new Set(notes.map((n) => n.term)).size).toBe(200);
    });

    // SQLite only, and last there: DeepL stays "down" for both instances for the 30 s pause afterwards
    // (tests/integration/shared-breaker.test.ts has the probe and the rest; the database is not what differs).
    it.runIf(!postgres)('DeepL failing for an import on A: an import on B is refused as a server error without a request from B', async ({ skip }) => {
      const { a, b } = running(skip);
      const down = unique('Ausfall');
      const other = unique('Danach');
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

    // PostgreSQL only, and last there: it kills A. The SQLite setup shows the same claims in
    // tests/integration/translation-claims.test.ts.
    it.runIf(postgres)('an instance killed (-9) while DeepL translates an article: the other finishes it', async ({ skip }) => {
      const { a, b } = running(skip);
      const word = unique('Absturz');
      await a.fake.faultWhen(word, { kind: 'hold' });
      const slug = await importOn(a, `Absturz ${word}`, `Der erste Absatz über ${word}.\n\nDer zweite Absatz über ${word}.`);
      await a.fake.waitHeld(word); // A has claimed the blocks and is waiting for DeepL
      await a.kill('SIGKILL');
      await a.fake.clearFaults(word); // DeepL answers again; A is gone and will never store its answer
      // B's readers: once A has missed its heartbeats (a few seconds), B takes A's claims and translates.
      await expect.poll(async () => (await page(b, `/a/${slug}`)).cache, { timeout: 30_000, interval: 250 }).toBe('HIT');
      const body = (await page(b, `/a/${slug}`)).body;
      // The fake DeepL's English is the German in EN(...).
      expect(body).toContain(`EN(Der erste Absatz über ${word}.)`);
      expect(body).toContain(`EN(Der zweite Absatz über ${word}.)`);
    });
  });
}
