// Owns the security headers of issue 6: present on every kind of response (pages rendered or
// replayed from memory by proxy.ts, API answers, static files, images, errors), and a
// Content-Security-Policy the app really works under, proven in Chromium with no violation.
// Runs on the shared default server: its learners are fresh browser contexts, its articles have titles of its own.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sharedApp, type RunningApp } from './support/app-server';
import { launchBrowser } from './support/browser';

const DEMO_SLUG = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';
const DEMO_PATH = `/a/${DEMO_SLUG}`;
const WAIT = { timeout: 15_000, interval: 100 };

const CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const EXPECTED_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=()',
};

// At once, not in beforeAll: a table of requests below is built with its editor credentials.
const app: RunningApp = sharedApp('default');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The site-wide headers. A page Next keeps carries a second policy of its own (see keptPagePolicy). */
function securityHeaders(res: Response): Record<string, string | null> {
  const site = Object.fromEntries(Object.keys(EXPECTED_HEADERS).map((k) => [k, res.headers.get(k)]));
  return { ...site, 'content-security-policy': site['content-security-policy']?.split(',')[0].trim() ?? null };
}

/** A kept page's own script policy (lib/cache/page-cache-handler.cjs): its inline scripts by hash, nothing else inline. */
function keptPagePolicy(res: Response): string | undefined {
  return (res.headers.get('content-security-policy') ?? '').split(',').map((p) => p.trim()).find((p) => p.startsWith("script-src 'self' 'sha256-"));
}

/** The pages Next keeps in its cache (the demo is final: fully translated). */
const KEPT = new Set(['the library', 'a reader page', 'a passage page', 'the router’s RSC request for a reader page']);

describe('every response carries the security headers', () => {
  it.each<[string, string, Record<string, string>, RequestInit?]>([
    ['the library', '/', { accept: 'text/html' }],
    ['a reader page', DEMO_PATH, { accept: 'text/html' }],
    ['a passage page', `${DEMO_PATH}/p/3-5`, { accept: 'text/html' }],
    ['the router’s RSC request for a reader page', DEMO_PATH, { rsc: '1' }],
    ['the import form', '/import', { accept: 'text/html' }],
    ['/vocabulary', '/vocabulary', { accept: 'text/html' }],
    ['/signin', '/signin', { accept: 'text/html' }],
    ['/status', '/status', { accept: 'text/html' }],
    ['a 404 page', '/a/no-such-article', { accept: 'text/html' }],
    ['a link preview card (PNG)', `${DEMO_PATH}/p/3/og.png`, {}],
    ['a QR code (SVG)', `${DEMO_PATH}/p/3/qr.svg`, {}],
    ['GET /api/articles/{slug}', `/api/articles/${DEMO_SLUG}`, {}],
    ['GET /api/vocabulary', '/api/vocabulary', {}],
    ['GET /api/health', '/api/health', {}],
    ['a CSV export', '/api/vocabulary/export?format=csv', {}],
    ['an API error (400)', '/api/articles', { 'content-type': 'application/json', ...app.editorHeaders() }, { method: 'POST', body: '{}' }],
    ['an API refusal without editor credentials (401)', '/api/articles', { 'content-type': 'application/json' }, { method: 'POST', body: '{}' }],
    ['a broken %-escape answered by the proxy (400)', '/a/%E0%A4%A', { accept: 'text/html' }],
  ])('%s', async (name, urlPath, headers, init) => {
    let res = await fetch(app.baseUrl + urlPath, { headers, ...init });
    await res.arrayBuffer();
    // A kept page is rendered afresh (MISS, without its own policy yet) when another file's import just changed it.
    for (let i = 0; KEPT.has(name) && res.headers.get('x-nextjs-cache') !== 'HIT' && i < 20; i++) {
      res = await fetch(app.baseUrl + urlPath, { headers, ...init });
      await res.arrayBuffer();
    }
    expect(res.status, urlPath).toBeLessThan(500);
    expect(securityHeaders(res)).toEqual(EXPECTED_HEADERS);
    // A page Next keeps allows only its own inline scripts; anything rendered per request has only the site's policy.
    if (KEPT.has(name)) expect(keptPagePolicy(res)).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+$/);
    else expect(res.headers.get('content-security-policy')).toBe(CSP);
  });

  it('a static script file', async () => {
    const page = await (await fetch(`${app.baseUrl}/`, { headers: { accept: 'text/html' } })).text();
    const script = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(page)?.[1];
    expect(script).toBeDefined();
    const res = await fetch(app.baseUrl + script!);
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    expect(securityHeaders(res)).toEqual(EXPECTED_HEADERS);
  });

  it('a reader page rendered for Next’s cache (x-nextjs-cache: MISS) and served from it (HIT)', async () => {
    // An article of this file's own (no other file uses its title), so that no other file has asked for its pages; kept once translated.
    const imported = await fetch(`${app.baseUrl}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...app.editorHeaders() },
      body: JSON.stringify({ title: 'Kopfzeilen aus dem Speicher', text: 'Jede Antwort trägt ihre Kopfzeilen.\n\nAuch die Seite aus dem Speicher.' }),
    });
    expect(imported.status).toBe(201);
    const { slug } = (await imported.json()) as { slug: string };
    const translated = async () => ((await (await fetch(`${app.baseUrl}/api/articles/${slug}`)).json()) as { blocks: Array<{ translation: { status: string } }> }).blocks.map((b) => b.translation.status);
    await expect.poll(translated, WAIT).toEqual(['done', 'done']);
    const url = `${app.baseUrl}/a/${slug}/p/2?mode=interleaved`;
    const first = await fetch(url, { headers: { accept: 'text/html' } });
    const firstBody = await first.text();
    expect(first.headers.get('x-nextjs-cache')).toBe('MISS');
    let second = first;
    let secondBody = '';
    const replayed = async () => {
      second = await fetch(url, { headers: { accept: 'text/html' } });
      secondBody = await second.text();
      return second.headers.get('x-nextjs-cache');
    };
    await expect.poll(replayed, WAIT).toBe('HIT');
    expect(secondBody).toBe(firstBody);
    expect(securityHeaders(first)).toEqual(EXPECTED_HEADERS);
    expect(securityHeaders(second)).toEqual(EXPECTED_HEADERS);
    // The kept page names exactly the inline scripts it has.
    const inline = [...secondBody.matchAll(/<script(?![^>]*\ssrc=)[^>]*>/g)].length;
    expect(keptPagePolicy(second)?.match(/'sha256-/g)?.length).toBe(inline);
  });
});

// ---------------------------------------------------------------- the app under its policy

interface Problems {
  /** securitypolicyviolation events, kept in sessionStorage across navigations of the tab. */
  violations: string[];
  /** Console errors and warnings (a failed load is listed under `failed` with its address instead). */
  console: string[];
  pageErrors: string[];
  /** Responses of 400 and above. */
  failed: string[];
}

/** A tab that records every CSP violation event, console error or warning and uncaught error. */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; problems: () => Promise<Problems> }> {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const seen = JSON.parse(sessionStorage.getItem('nb-csp') ?? '[]') as string[];
      seen.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
      sessionStorage.setItem('nb-csp', JSON.stringify(seen));
    });
  });
  const page = await context.newPage();
  const consoleMessages: string[] = [];
  const pageErrors: string[] = [];
  const failed: string[] = [];
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warning') && !m.text().startsWith('Failed to load resource')) consoleMessages.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  return {
    page,
    problems: async () => ({
      violations: page.url().startsWith(app.baseUrl) ? await page.evaluate(() => JSON.parse(sessionStorage.getItem('nb-csp') ?? '[]') as string[]) : [],
      console: [...consoleMessages],
      pageErrors: [...pageErrors],
      failed: [...failed],
    }),
  };
}

const NONE: Problems = { violations: [], console: [], pageErrors: [], failed: [] };

describe('the app works under its Content-Security-Policy', () => {
  let context: BrowserContext;
  let page: Page;
  let problems: () => Promise<Problems>;

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'], acceptDownloads: true });
    ({ page, problems } = await watchedPage(context));
  });

  /** Clicks until the page's script has hydrated and `done` holds (a first click may come too early). */
  async function clickUntil(selector: string, done: () => Promise<boolean>): Promise<void> {
    await expect
      .poll(async () => {
        if (!(await done())) await page.locator(selector).first().click();
        return done();
      }, WAIT)
      .toBe(true);
  }

  it('the library loads and hydrates', async () => {
    await page.goto(`${app.baseUrl}/`);
    await page.waitForLoadState('load');
    await page.waitForFunction(() => Object.keys(document.querySelector('header a') ?? {}).some((k) => k.startsWith('__react')), null, WAIT);
    expect(await problems()).toEqual(NONE);
    await context.close();
  });

  it('the reader: switching mode, selecting a word to open the vocabulary panel, saving the note', async () => {
    const marks = page.waitForResponse((r) => r.url().includes('/api/vocabulary/marks?'), WAIT);
    await page.goto(app.baseUrl + DEMO_PATH);
    await marks;
    await clickUntil('[data-mode-choice="interleaved"]', async () => (await page.evaluate(() => document.documentElement.dataset.mode)) === 'interleaved');
    await clickUntil('[data-mode-choice="side"]', async () => (await page.evaluate(() => document.documentElement.dataset.mode)) === 'side');

    const sentence = page.locator('#p-7 .cell.de .s[data-s="0"]');
    await sentence.scrollIntoViewIfNeeded();
    const box = await sentence.evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? '').indexOf('Weltraumbahnhof');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'Weltraumbahnhof'.length);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      throw new Error('word not found');
    });
    await page.mouse.dblclick(box.x, box.y);
    const panel = page.locator('dialog.vocab-panel');
    await expect.poll(() => panel.evaluate((d) => (d as HTMLDialogElement).open), WAIT).toBe(true);
    await expect.poll(() => panel.locator('input[name="translation"]').inputValue(), WAIT).toBe('EN(Weltraumbahnhof)');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('#p-7 .cell.de mark.vocab').count(), WAIT).toBeGreaterThan(0);
    expect(await problems()).toEqual(NONE);
    await context.close();
  });

  it('the import form imports an article and opens it in the reader', async () => {
    await app.signInBrowser(context);
    await page.goto(`${app.baseUrl}/import`);
    await page.locator('#text').fill('Ein Test unter der Richtlinie\n\nDer Browser führt nur eigene Skripte aus. Alles andere bleibt draußen.');
    await page.waitForFunction(() => Object.keys(document.querySelector('#text') ?? {}).some((k) => k.startsWith('__react')), null, WAIT);
    await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/a/'), WAIT), page.getByRole('button', { name: 'Import and read' }).click()]);
    // The first line is a heading, so it is the title and ¶1 is the paragraph.
    await expect.poll(() => page.locator('#p-1 .cell.en').textContent(), WAIT).toContain('EN(Der Browser führt nur eigene Skripte aus.)');
    expect(await problems()).toEqual(NONE);
    await context.close();
  });

  it('/vocabulary lists, searches and exports', async () => {
    await context.request.post(`${app.baseUrl}/api/vocabulary`, { data: { term: 'Richtlinie', translation: 'policy' } });
    await page.goto(`${app.baseUrl}/vocabulary`);
    await expect.poll(() => page.locator('.vocab-item').count(), WAIT).toBe(1);
    // The search is a GET form (form-action 'self').
    await page.getByRole('searchbox').fill('richt');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('q') === 'richt', WAIT), page.getByRole('button', { name: 'Show' }).click()]);
    expect(await page.locator('p.meta[aria-live]').textContent()).toBe('1 of your notes match.');
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(await problems()).toEqual(NONE);
    await context.close();
  });

  it('the passage page: its QR code dialog loads the SVG, and its og.png card opens', async () => {
    await page.goto(`${app.baseUrl}${DEMO_PATH}/p/3-5`);
    await clickUntil('button[data-link="3"]', async () => (await page.locator('.share-toast').count()) === 1);
    await page.locator('.share-toast').getByRole('button', { name: 'QR code' }).click();
    const img = page.locator('dialog.qr-dialog img');
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth), WAIT).toBeGreaterThan(0);
    const card = await page.goto(`${app.baseUrl}${DEMO_PATH}/p/3-5/og.png`);
    expect(card?.headers()['content-type']).toBe('image/png');
    expect(await problems()).toEqual(NONE);
    await context.close();
  });

  it('the policy is enforced: an inline script slipped into a kept page, eval, another site’s image and framing by another site are refused', async () => {
    await page.goto(`${app.baseUrl}/`);
    // The library is kept by Next: only its own inline scripts run, not one added to it.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = "document.body.dataset.injected = 'ran';";
      document.body.append(script);
    });
    await expect.poll(async () => (await problems()).violations.join('\n'), WAIT).toContain('script-src-elem blocked inline');
    expect(await page.locator('body').getAttribute('data-injected')).toBeNull();
    // A page rendered per request allows inline scripts (Next's own differ on every render), but not eval.
    await page.goto(`${app.baseUrl}/import`);
    // The page's own code may not eval. (Code the test evaluates is exempt, and so is what runs in its
    // call stack: the added script tries eval later, from a timer of the page.)
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent =
        "setTimeout(() => { try { eval('1 + 1'); document.body.dataset.evalResult = 'ran'; } catch (e) { document.body.dataset.evalResult = e.name; } }, 0);";
      document.body.append(script);
    });
    await expect.poll(() => page.locator('body').getAttribute('data-eval-result'), WAIT).toBe('EvalError');
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://images.example.org/tracker.png';
      document.body.append(img);
    });
    await expect.poll(async () => (await problems()).violations.join('\n'), WAIT).toContain('img-src blocked https://images.example.org/tracker.png');
    // A page of another origin (here: about:blank's opaque origin) cannot frame the app.
    const framer = await context.newPage();
    const refused: string[] = [];
    framer.on('console', (m) => refused.push(m.text()));
    await framer.setContent(`<iframe src="${app.baseUrl}/"></iframe>`);
    await expect.poll(() => refused.join('\n'), WAIT).toMatch(/Framing '[^']+' violates the following Content Security Policy directive: "frame-ancestors 'none'"/);
    await context.close();
  });

  it('Permissions-Policy leaves the clipboard and speech to the page and turns off camera, microphone and location', async () => {
    await page.goto(`${app.baseUrl}${DEMO_PATH}`);
    const allowed = await page.evaluate(() => {
      const policy = (document as unknown as { featurePolicy?: { allowsFeature(f: string): boolean } }).featurePolicy;
      return Object.fromEntries(['clipboard-write', 'camera', 'microphone', 'geolocation'].map((f) => [f, policy?.allowsFeature(f) ?? null]));
    });
    expect(allowed).toEqual({ 'clipboard-write': true, camera: false, microphone: false, geolocation: false });
    expect(await page.evaluate(() => typeof window.speechSynthesis?.speak)).toBe('function');
    expect(await problems()).toEqual(NONE);
    await context.close();
  });
});
