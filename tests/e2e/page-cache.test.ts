// The in-memory page cache in front of finished reader pages: fast, and never stale or shared wrongly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type OwnApp } from './support/app-server';
import { startHoldControl, type HoldControl } from './support/hold-control';

const DEMO = '/a/putin-und-kim-treffen-sich-am-weltraumbahnhof';
let app: OwnApp;
let holds: HoldControl;

beforeAll(async () => {
  // The tests play a proxy on loopback that forwards clients of several schools (X-Forwarded-Host).
  holds = await startHoldControl();
  app = await startApp({ env: { ...holds.env, TRUSTED_PROXIES: '127.0.0.1' } });
});

afterAll(async () => {
  await app?.stop();
  await holds?.close();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(app.baseUrl + path, { headers: { accept: 'text/html', ...headers } });
  return { status: res.status, cache: res.headers.get('x-nb-cache'), body: await res.text() };
}

describe('page cache', () => {
  it('serves a finished reader page from memory the second time, byte for byte', async () => {
    const first = await get(`${DEMO}/p/2`);
    const second = await get(`${DEMO}/p/2`);
    expect(first.status).toBe(200);
    expect(second.cache).toBe('hit');
    expect(second.body).toBe(first.body);
  });

  it('keeps each preference apart: a German-only reader never gets the English page', async () => {
    await get(DEMO);
    const german = await get(DEMO, { cookie: 'nb-mode=german' });
    expect(german.body).not.toContain('For the first time in years');
    const side = await get(DEMO, { cookie: 'nb-mode=side' });
    expect(side.body).toContain('For the first time in years');
  });

  it('keeps the address the client used for share links', async () => {
    const a = await get(DEMO, { 'x-forwarded-host': 'school-a.example' });
    const b = await get(DEMO, { 'x-forwarded-host': 'school-b.example' });
    expect(a.body).toContain('school-a.example');
    expect(b.body).toContain('school-b.example');
    expect(b.body).not.toContain('school-a.example');
  });

  it('never keeps a page that is still translating, and leaves the router’s requests alone', async () => {
    // DeepL keeps this article's request until the test lets it go: both views come while it is translating.
    const SLOW = 'Noch ein Absatz, der wartet.';
    await app.fake.faultWhen(SLOW, { kind: 'hold' });
    try {
      const res = await fetch(`${app.baseUrl}/api/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...app.editorHeaders() },
        body: JSON.stringify({ text: `Ein langsamer Text.\n\n${SLOW}` }),
      });
      const { slug } = (await res.json()) as { slug: string };
      await app.fake.waitHeld(SLOW);
      const first = await get(`/a/${slug}`);
      const second = await get(`/a/${slug}`);
      expect(first.body).toContain('Translating…');
      expect(second.cache).not.toBe('hit');
    } finally {
      await app.fake.release(SLOW);
    }
    // The router's own requests (RSC payloads) ask for */*, never for HTML: they always render.
    await get(DEMO);
    const router = await get(DEMO, { accept: '*/*', rsc: '1' });
    expect(router.cache).toBeNull();
    expect(router.body).not.toMatch(/^<!DOCTYPE html>/i);
  });

  it('keeps the library too, but never shows an old list: an import or new English shows at once', async () => {
    await get('/');
    expect((await get('/')).cache).toBe('hit');
    const res = await fetch(`${app.baseUrl}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...app.editorHeaders() },
      body: JSON.stringify({ title: 'Frisch in der Bibliothek', text: 'Ein neuer Satz für die Liste.' }),
    });
    const { slug } = (await res.json()) as { slug: string };
    const after = await get('/');
    expect(after.cache).not.toBe('hit');
    expect(after.body).toContain(`/a/${slug}`);
    const item = async () => (await get('/')).body.split('<li').find((li) => li.includes(`/a/${slug}"`)) ?? '';
    await expect.poll(item, { timeout: 20_000, interval: 200 }).toContain('all translated');
  });

  it('forgets an article’s pages when it is removed', async () => {
    const res = await fetch(`${app.baseUrl}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...app.editorHeaders() },
      body: JSON.stringify({ text: 'Bald entfernt. Wirklich.' }),
    });
    const { slug } = (await res.json()) as { slug: string };
    await expect.poll(async () => (await get(`/a/${slug}`)).cache, { timeout: 20_000, interval: 200 }).toBe('hit');
    expect((await fetch(`${app.baseUrl}/api/articles/${slug}`, { method: 'DELETE', headers: app.editorHeaders() })).status).toBe(204);
    expect((await get(`/a/${slug}`)).status).toBe(404);
  });

  it('keeps one page for every variant of an address that does not change it (?v=1 … ?v=200)', async () => {
    const first = await get(`${DEMO}?v=0`);
    expect(first.status).toBe(200);
    const caches = [];
    for (let v = 1; v <= 200; v++) caches.push((await get(`${DEMO}?v=${v}&utm_source=attack-${v}`)).cache);
    // Every variant was served from the one entry: none rendered or stored another copy.
    expect(caches.filter((c) => c !== 'hit')).toEqual([]);
    const practice = await get(`${DEMO}?v=1&mode=practice`);
    expect(practice.cache).not.toBe('hit');
    expect(practice.body).toContain('Reveal all');
  });

  it('does not keep a page whose render began before the article was removed', async () => {
    const res = await fetch(`${app.baseUrl}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...app.editorHeaders() },
      body: JSON.stringify({ title: 'Mitten im Lesen entfernt', text: 'Gleich weg. Noch wird gelesen.' }),
    });
    const { slug } = (await res.json()) as { slug: string };
    const translated = async () => {
      const article = (await (await fetch(`${app.baseUrl}/api/articles/${slug}`)).json()) as { blocks: Array<{ translation: { status: string } }> };
      return article.blocks.every((b) => b.translation.status === 'done');
    };
    await expect.poll(translated, { timeout: 20_000, interval: 200 }).toBe(true);
    // The proxy renders the finished page, then is held before it can keep it.
    const reading = get(`/a/${slug}`, { 'x-nb-test-hold': 'removal' });
    await holds.arrived('removal');
    try {
      expect((await fetch(`${app.baseUrl}/api/articles/${slug}`, { method: 'DELETE', headers: app.editorHeaders() })).status).toBe(204);
    } finally {
      holds.release('removal');
    }
    expect((await reading).status).toBe(200); // it began before the removal
    const after = await get(`/a/${slug}`);
    expect(after.cache).not.toBe('hit');
    expect(after.status).toBe(404);
    expect(after.body).toContain('This article was removed');
  });
});
