// Owns "the DeepL key never reaches a browser" (issue 6): the app is built (by the e2e global setup)
// and served with a known fake key (E2E_DEEPL_KEY), and neither the build's static files nor any page,
// RSC payload or API answer holds it, also while DeepL refuses the key and the reader explains why.
// A server of its own: DeepL's refusal opens the circuit breaker.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_DEEPL_KEY, builtWithKey, startApp, type OwnApp } from './support/app-server';

const DEMO_SLUG = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';
const NEXT_DIR = path.resolve(import.meta.dirname, '..', '..', '.next');
/** The key, and the key without its ":fx" suffix or as the distinctive part alone. */
const NEEDLES = [E2E_DEEPL_KEY, E2E_DEEPL_KEY.replace(/:fx$/, ''), '7f3c1a9e52d4'];
const WAIT = { timeout: 15_000, interval: 100 };

let app: OwnApp;
let failingSlug: string;

async function importArticle(title: string, text: string): Promise<string> {
  const res = await fetch(`${app.baseUrl}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...app.editorHeaders() },
    body: JSON.stringify({ title, text }),
  });
  if (res.status !== 201) throw new Error(`import answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { slug: string }).slug;
}

/** Polls `check` until it is true (hooks cannot use expect.poll). */
async function waitUntil(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 15_000; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  app = await startApp({ deeplKey: E2E_DEEPL_KEY });
  await importArticle('Mit Schlüssel', 'Ein Satz, den DeepL mit dem Schlüssel übersetzt.');
  await waitUntil('DeepL was asked once', () => app.fake.requestCount > 0);
  // Then an article whose translation DeepL refuses (403, as for a wrong key): its reader says why.
  await app.fake.faultWhen('DeepL lehnt den Schlüssel ab.', { kind: 'status', status: 403 });
  failingSlug = await importArticle('Schlüssel abgelehnt', 'DeepL lehnt den Schlüssel ab. Der Leser erfährt warum.');
});

afterAll(async () => {
  await app?.stop();
});

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function leaks(text: string): string[] {
  return NEEDLES.filter((n) => text.includes(n));
}

describe('the DeepL key never reaches a browser', () => {
  it('the app under test was built, and is running, with the known fake key', () => {
    expect(builtWithKey(E2E_DEEPL_KEY)).toBe(true);
    expect(app.fake.requests[0].authKey).toBe(E2E_DEEPL_KEY);
  });

  it('no file under .next/static holds it (nor the files of pages prerendered at build time)', () => {
    const files = [...filesUnder(path.join(NEXT_DIR, 'static')), ...filesUnder(path.join(NEXT_DIR, 'server', 'app')).filter((f) => /\.(html|rsc|body|meta|segments)$/.test(f) || f.includes('.segments'))];
    expect(files.filter((f) => f.includes(`${path.sep}static${path.sep}`)).length).toBeGreaterThan(10);
    const found = files.filter((f) => leaks(fs.readFileSync(f).toString('latin1')).length > 0);
    expect(found).toEqual([]);
  });

  it.each([
    ['the library', '/'],
    ['the demo reader', `/a/${DEMO_SLUG}`],
    ['a passage', `/a/${DEMO_SLUG}/p/3-5`],
    ['the reader of an article DeepL refused', 'FAILING'],
    ['the import form', '/import'],
    ['/vocabulary', '/vocabulary'],
    ['/assignments', '/assignments'],
    ['/signin', '/signin'],
    ['/status', '/status'],
    ['a 404', '/a/no-such-article'],
  ])('%s: neither its HTML nor its RSC payload holds it', async (_, urlPath) => {
    const target = urlPath === 'FAILING' ? `/a/${failingSlug}` : urlPath;
    if (urlPath === 'FAILING') {
      // Wait until the page says DeepL refused: that message is the one most likely to quote a key.
      await expect.poll(async () => (await (await fetch(`${app.baseUrl}/api/articles/${failingSlug}`)).json()) as { blocks: Array<{ translation: { status: string } }> }, WAIT).toMatchObject({ blocks: [{ translation: { status: 'failed' } }] });
    }
    // As a learner and as an editor (who sees the import form, the assignments and "Translate again").
    const editor = { cookie: await app.editorCookie() };
    for (const headers of [{ accept: 'text/html' }, { rsc: '1' }, { rsc: '1', 'next-router-prefetch': '1' }, { accept: 'text/html', ...editor }, { rsc: '1', ...editor }] as Record<string, string>[]) {
      const res = await fetch(app.baseUrl + target, { headers });
      const body = await res.text();
      expect(res.status, `${target} ${JSON.stringify(headers)}`).toBeLessThan(500);
      expect(leaks(body), `${target} ${JSON.stringify(headers)}`).toEqual([]);
      expect(leaks(JSON.stringify([...res.headers])), `${target} headers`).toEqual([]);
    }
  });

  it.each([
    ['GET /api/articles/{slug} of the refused article', () => `/api/articles/${failingSlug}`],
    ['GET /api/articles/{slug} of the demo', () => `/api/articles/${DEMO_SLUG}`],
    ['GET /api/vocabulary', () => '/api/vocabulary'],
  ])('%s does not hold it', async (_, urlPath) => {
    const res = await fetch(app.baseUrl + urlPath());
    expect(leaks(await res.text())).toEqual([]);
  });

  it('a look-up while DeepL refuses the key answers why, without the key', async () => {
    app.fake.setFault({ kind: 'status', status: 403 });
    try {
      const res = await fetch(`${app.baseUrl}/api/vocabulary/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ slug: DEMO_SLUG, paragraph: 7, sentence: 0, text: 'Weltraumbahnhof' }),
      });
      const body = await res.text();
      // 503: no English now, said in the learner's words (never a bare 500, never the key).
      expect(res.status).toBe(503);
      expect(leaks(body)).toEqual([]);
    } finally {
      app.fake.setFault(null);
    }
  });
});
