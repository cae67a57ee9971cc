// Pages from Next's own cache: one HTML per page for every visitor and every kind of request, kept only
// when final, forgotten where the data changes, and never a way in for a script.
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArticle, startApp, type OwnApp } from './support/app-server';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { startHoldControl, type HoldControl } from './support/hold-control';

const DEMO = '/a/putin-und-kim-treffen-sich-am-weltraumbahnhof';
let app: OwnApp;
let holds: HoldControl;
let browser: Browser;

beforeAll(async () => {
  holds = await startHoldControl();
  app = await startApp({ env: holds.env });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await holds?.close();
});

const BROWSER = { accept: 'text/html,application/xhtml+xml', 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' };

async function get(path: string, headers: Record<string, string> = BROWSER) {
  const res = await fetch(app.baseUrl + path, { headers });
  return { status: res.status, cache: res.headers.get('x-nextjs-cache'), headers: res.headers, body: await res.text() };
}

const importText = (text: string, title?: string) => importArticle(app, text, title);

const remove = async (slug: string) => (await fetch(`${app.baseUrl}/api/articles/${slug}`, { method: 'DELETE', headers: app.editorHeaders() })).status;

describe('one page for every visitor', () => {
  it('a browser, curl and a link-preview bot get the same kept page, byte for byte', async () => {
    const first = await get(`${DEMO}/p/2`);
    const plain = await get(`${DEMO}/p/2`, {});
    const bot = await get(`${DEMO}/p/2`, { accept: '*/*', 'user-agent': 'Slackbot-LinkExpanding 1.0' });
    expect(first.status).toBe(200);
    expect([plain.cache, bot.cache]).toEqual(['HIT', 'HIT']);
    expect(plain.body).toBe(first.body);
    expect(bot.body).toBe(first.body);
  });

  it('is the same whatever the learner chose or whoever is signed in: no preference or editor control in it', async () => {
    const plain = await get(DEMO);
    const german = await get(DEMO, { ...BROWSER, cookie: 'nb-mode=german; nb-theme=dark; nb-size=large' });
    const editor = await get(DEMO, { ...BROWSER, cookie: await app.editorCookie() });
    expect(german.body).toBe(plain.body);
    expect(editor.body).toBe(plain.body);
    expect(plain.body).not.toContain('Remove this article');
  });

  it('keeps one page for every variant of an address that does not change it (?v=1 … ?v=200, ?mode=)', async () => {
    await get(`${DEMO}?v=0`);
    const caches = [];
    for (let v = 1; v <= 200; v++) caches.push((await get(`${DEMO}?v=${v}&utm_source=attack-${v}&mode=practice`)).cache);
    expect(caches.filter((c) => c !== 'HIT')).toEqual([]);
  });

  it('a browser that has the page is told it has not changed; one that takes gzip gets it compressed; HEAD gets no body', async () => {
    await get(DEMO);
    const kept = await get(DEMO);
    const etag = kept.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await fetch(app.baseUrl + DEMO, { headers: { ...BROWSER, 'if-none-match': etag! } });
    expect([again.status, await again.text()]).toEqual([304, '']);
    const zipped = await new Promise<{ encoding?: string; body: string }>((resolve, reject) => {
      // node:http, which leaves the body as sent (fetch would unzip it).
      http.get(app.baseUrl + DEMO, { headers: { ...BROWSER, 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: zlib.gunzipSync(Buffer.concat(chunks)).toString('utf8') }));
      }).on('error', reject);
    });
    expect(zipped).toEqual({ encoding: 'gzip', body: kept.body });
    const head = await fetch(app.baseUrl + DEMO, { method: 'HEAD', headers: BROWSER });
    expect([head.status, head.headers.get('x-nextjs-cache'), await head.text()]).toEqual([200, 'HIT', '']);
  });

  it('tells caches on the way (a school proxy, a CDN) not to keep pages this server may forget', async () => {
    const page = await get(DEMO);
    expect(page.cache).toBe('HIT');
    expect(page.headers.get('cache-control')).toBe('no-cache');
  });
});

describe('kept only when final, forgotten where the data changes', () => {
  it('never keeps a page that is still translating; it is kept once the last block arrives', async () => {
    const SLOW = 'Noch ein Absatz, der wartet.';
    await app.fake.faultWhen(SLOW, { kind: 'hold' });
    let slug = '';
    try {
      slug = await importText(`Ein langsamer Text.\n\n${SLOW}`);
      await app.fake.waitHeld(SLOW);
      const first = await get(`/a/${slug}`);
      const second = await get(`/a/${slug}`);
      expect(first.body).toContain('Translating…');
      expect(second.cache).not.toBe('HIT');
    } finally {
      await app.fake.release(SLOW);
    }
    await expect.poll(async () => (await get(`/a/${slug}`)).cache, { timeout: 20_000, interval: 100 }).toBe('HIT');
    expect((await get(`/a/${slug}`)).body).toContain(`EN(${SLOW})`);
  });

  it('keeps the library, but never shows an old list: an import and its English show at once', async () => {
    await get('/');
    expect((await get('/')).cache).toBe('HIT');
    const slug = await importText('Ein neuer Satz für die Liste.', 'Frisch in der Bibliothek');
    const after = await get('/');
    expect(after.cache).not.toBe('HIT');
    expect(after.body).toContain(`/a/${slug}`);
    const item = async () => (await get('/')).body.split('<li').find((li) => li.includes(`/a/${slug}"`)) ?? '';
    await expect.poll(item, { timeout: 20_000, interval: 100 }).toContain('all translated');
  });

  it('a removed article is a 404 that says so from the next request on, for every kind of request', async () => {
    const slug = await importText('Bald entfernt. Wirklich.');
    await expect.poll(async () => (await get(`/a/${slug}/p/1`)).cache, { timeout: 20_000, interval: 100 }).toBe('HIT');
    expect((await get(`/a/${slug}`)).status).toBe(200);
    expect(await remove(slug)).toBe(204);
    for (const path of [`/a/${slug}`, `/a/${slug}/p/1`]) {
      for (const headers of [BROWSER, {}]) {
        const page = await get(path, headers);
        expect([page.status, page.body.includes('This article was removed')]).toEqual([404, true]);
      }
    }
  });

  it('does not keep a page whose render began before the article was removed', async () => {
    const slug = await importText('Gleich weg. Noch wird gelesen.', 'Hold removal');
    expect(slug).toBe('hold-removal');
    const translated = async () => {
      const article = (await (await fetch(`${app.baseUrl}/api/articles/${slug}`)).json()) as { blocks: Array<{ translation: { status: string } }> };
      return article.blocks.every((b) => b.translation.status === 'done');
    };
    await expect.poll(translated, { timeout: 20_000, interval: 100 }).toBe(true);
    // The finished render is held before the cache can keep it; the article goes meanwhile.
    const reading = get(`/a/${slug}`);
    await holds.arrived(slug);
    try {
      expect(await remove(slug)).toBe(204);
    } finally {
      holds.release(slug);
    }
    expect((await reading).status).toBe(200); // it began before the removal
    const after = await get(`/a/${slug}`);
    expect(after.status).toBe(404);
    expect(after.body).toContain('This article was removed');
  });

  it('the cache’s own routes cannot be asked for directly', async () => {
    for (const path of ['/library/1', '/library/2', `${DEMO}/p/2/o/${Buffer.from('https://evil.example').toString('base64url')}`]) {
      const page = await get(path);
      expect([path, page.status]).toEqual([path, 404]);
      expect(page.body).not.toContain('evil.example');
    }
  });
});

describe('no way in for a script', () => {
  it('a kept page allows exactly its own inline scripts, by hash, and the reader still works with it', async () => {
    await get(DEMO);
    const kept = await get(DEMO);
    expect(kept.cache).toBe('HIT');
    const policies = (kept.headers.get('content-security-policy') ?? '').split(',').map((p) => p.trim());
    const strict = policies.find((p) => p.startsWith('script-src') && p.includes("'sha256-"));
    expect(strict).toBeDefined();
    expect(strict).not.toContain('unsafe-inline');
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => void (m.text().includes('Content Security Policy') && violations.push(m.text())));
      await page.goto(app.baseUrl + DEMO);
      // Hydrated: the toolbar switches the mode in the browser.
      await page.getByRole('button', { name: 'Interleaved' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.mode)).toBe('interleaved');
      // A script slipped into the page (as an injected article text would be) does not run.
      const ran = await page.evaluate(async () => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.body.append(s);
        await new Promise((r) => setTimeout(r, 50));
        return (window as unknown as { __injected?: boolean }).__injected === true;
      });
      expect(ran).toBe(false);
      // The refused script is the only thing the policy stopped.
      expect(violations).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});
