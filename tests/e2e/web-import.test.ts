// Owns the end-to-end tests of importing a web page or an EPUB book (issue 18): a server of its own whose
// IMPORT_ALLOWED_HOSTS names one local page server on 127.0.0.1, serving German pages and a book written for
// this project. Every address here is on this machine's loopback: the refused ones (another loopback address,
// another port, 127.0.0.1 spelled as a number, [::1]) are refused before anything connects to them.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type OwnApp } from './support/app-server';
import { launchBrowser } from './support/browser';
import { callFormAction } from './support/server-actions';
import {
  ARTICLE_CREDIT,
  ARTICLE_PAGE,
  ARTICLE_SITE,
  ARTICLE_TITLE,
  LATIN1_PAGE,
  LATIN1_TITLE,
  NO_ARTICLE_PAGE,
  latin1Bytes,
} from '../support/german-pages';
import { BOOK_TITLE, CHAPTERS, CHAPTER_2_TEXTS, buildEpub } from '../support/epub';

interface Served {
  server: http.Server;
  port: number;
  paths: string[];
}

let pages: Served;
/** A server the allow list does not name: redirects to it must never reach it. */
let outside: Served;
let app: OwnApp;
let browser: Browser | undefined;
/** Answers to /langsam, held until the test lets them go (the form's progress is asserted meanwhile). */
const held: http.ServerResponse[] = [];

async function serve(handler: (path: string, res: http.ServerResponse) => void): Promise<Served> {
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    paths.push(req.url ?? '/');
    handler(req.url ?? '/', res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, paths };
}

function send(res: http.ServerResponse, body: string | Buffer, type: string): void {
  res.writeHead(200, { 'content-type': type });
  res.end(body);
}

beforeAll(async () => {
  outside = await serve((_, res) => send(res, ARTICLE_PAGE, 'text/html'));
  pages = await serve((p, res) => {
    if (p === '/insel/faehre') return send(res, ARTICLE_PAGE, 'text/html; charset=utf-8');
    if (p === '/koeln') return send(res, latin1Bytes(LATIN1_PAGE), 'text/html; charset=ISO-8859-1');
    if (p === '/start') return send(res, NO_ARTICLE_PAGE, 'text/html; charset=utf-8');
    if (p === '/langsam') return void held.push(res);
    if (p === '/fahrplan.pdf') return send(res, '%PDF-1.7 Fahrplan', 'application/pdf');
    if (p === '/buecher/reise.epub') return send(res, Buffer.from(buildEpub()), 'application/epub+zip');
    if (p === '/riesig') return send(res, `<p>${'Wort '.repeat(1_100_000)}</p>`, 'text/html');
    if (p.startsWith('/weiter?')) {
      res.writeHead(302, { location: decodeURIComponent(p.slice('/weiter?'.length)) });
      return res.end();
    }
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<p>Nicht gefunden</p>');
  });
  app = await startApp({ template: 'empty', env: { IMPORT_ALLOWED_HOSTS: `127.0.0.1:${pages.port}` } });
});

afterAll(async () => {
  for (const res of held) res.destroy();
  await browser?.close();
  await app?.stop();
  await Promise.all([pages, outside].filter(Boolean).map(({ server }) => new Promise((resolve) => server.close(resolve))));
});

const page = (p: string) => `http://127.0.0.1:${pages.port}${p}`;

async function post(route: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${app.baseUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...app.editorHeaders() },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

interface ArticleJson {
  title: string;
  source: string | null;
  blocks: Array<{ n: number; kind: string; text: string; credit?: string; translation: { status: string } }>;
}

async function article(slug: string): Promise<ArticleJson> {
  const res = await fetch(`${app.baseUrl}/api/articles/${slug}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ArticleJson;
}

async function articleCount(): Promise<number> {
  const html = await (await fetch(`${app.baseUrl}/`, { headers: { accept: 'text/html' } })).text();
  return (html.match(/class="library-item"/g) ?? []).length;
}

describe('importing a web page by its address', () => {
  it('POST /api/articles { url }: 201, the blocks kind by kind, the credit verbatim and never sent to DeepL, the source line', async () => {
    const res = await post('/api/articles', { url: page('/insel/faehre') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({ slug: 'die-faehre-nach-hiddensee-faehrt-wieder', url: `${app.baseUrl}/a/die-faehre-nach-hiddensee-faehrt-wieder` });
    const stored = await article(res.body.slug as string);
    expect(stored.title).toBe(ARTICLE_TITLE);
    expect(stored.source).toBe(`Lena Musterfrau · ${ARTICLE_SITE} · ${page('/insel/faehre')}`);
    expect(stored.blocks.map((b) => [b.n, b.kind])).toEqual([
      [1, 'paragraph'], [2, 'paragraph'], [3, 'caption'], [4, 'heading'], [5, 'paragraph'], [6, 'paragraph'],
      [7, 'paragraph'], [8, 'paragraph'], [9, 'heading'], [10, 'quote'], [11, 'paragraph'],
    ]);
    expect(stored.blocks[2]).toMatchObject({ text: 'Die neue Fähre am Anleger in Schaprode.', credit: ARTICLE_CREDIT });
    expect(stored.blocks.map((b) => b.text).filter((t) => /^(Was sich|Stimmen)/.test(t))).toEqual(['Was sich für Fahrgäste ändert', 'Stimmen vom Anleger']);
    expect(stored.blocks[9].text).toBe('Endlich können wir wieder ohne Umweg zur Arbeit fahren.');
    expect(stored.blocks.slice(5, 8).map((b) => b.text)).toEqual(['Die erste Fähre fährt um 7.10 Uhr.', 'Fahrräder kosten fünf Euro extra.', 'Hunde fahren kostenlos mit.']);
    // The caption went to DeepL; its credit, in none of the requests.
    await expect.poll(async () => (await app.fake.requestsFor('Anleger in Schaprode')).length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await app.fake.requestsFor('Jana Beispiel')).toEqual([]);
    expect(await app.fake.requestsFor('Inselbild')).toEqual([]);
    // The reader shows the credit beside the caption, as the page had it.
    const reader = await (await fetch(`${app.baseUrl}/a/${res.body.slug}`, { headers: { accept: 'text/html' } })).text();
    expect(reader).toContain(ARTICLE_CREDIT);
    expect(reader).not.toContain('Impressum');
  });

  it('a Latin-1 page (charset in its Content-Type) keeps its umlauts', async () => {
    const res = await post('/api/articles', { url: page('/koeln') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const stored = await article(res.body.slug as string);
    expect(stored.title).toBe(LATIN1_TITLE);
    expect(stored.blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph']);
    expect(stored.blocks[0].text).toBe('Seit Donnerstag fährt die Straßenbahn wieder über die Brücke. Die Bürgerinnen und Bürger freuen sich über kürzere Wege zur Arbeit und zum Einkaufen.');
  });

  it('POST /api/articles/preview: what it found, nothing saved', async () => {
    const before = await articleCount();
    const res = await post('/api/articles/preview', { url: page('/insel/faehre') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: ARTICLE_TITLE, source: `Lena Musterfrau · ${ARTICLE_SITE} · ${page('/insel/faehre')}`, summary: '7 paragraphs, 2 headings, 1 caption, 1 quote' });
    expect((res.body.blocks as unknown[]).length).toBe(11);
    expect((res.body.blocks as unknown[])[2]).toEqual({ n: 3, kind: 'caption', text: 'Die neue Fähre am Anleger in Schaprode.', credit: ARTICLE_CREDIT });
    expect(await articleCount()).toBe(before);
  });

  it('a saved web page uploaded as a multipart form (field "file"): 201 with the same blocks; an .epub that is no zip: 415, nothing saved', async () => {
    const upload = async (name: string, bytes: Buffer, type: string) => {
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(bytes)], { type }), name);
      const res = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: app.editorHeaders(), body: form });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const html = await upload('faehre.html', Buffer.from(ARTICLE_PAGE.replaceAll(ARTICLE_TITLE, 'Fähre, gespeichert')), 'text/html');
    expect(html.status, JSON.stringify(html.body)).toBe(201);
    const stored = await article(html.body.slug as string);
    expect(stored.title).toBe('Fähre, gespeichert');
    expect(stored.source).toBe(`Lena Musterfrau · ${ARTICLE_SITE}`);
    expect(stored.blocks[2]).toMatchObject({ kind: 'caption', credit: ARTICLE_CREDIT });
    const before = await articleCount();
    const epub = await upload('roman.epub', Buffer.from('PK\u0003\u0004 kein Buch'), 'application/epub+zip');
    expect(epub).toEqual({ status: 415, body: { error: '"roman.epub" is not an EPUB book (it is not even a zip file): export the book as EPUB, or upload its text as .txt, .md or .html.' } });
    expect(await articleCount()).toBe(before);
  });
});

describe('bad addresses: a clear error, nothing saved', () => {
  it.each([
    ['a redirect to 127.0.0.2 (another loopback address)', () => page(`/weiter?${encodeURIComponent(`http://127.0.0.2:${pages.port}/insel/faehre`)}`), 403, /127\.0\.0\.2.*loopback\): only public web pages can be imported/],
    ['a redirect to 127.0.0.1 on a port the list does not name', () => page(`/weiter?${encodeURIComponent(`http://127.0.0.1:${outside.port}/insel/faehre`)}`), 403, /only public web pages/],
    ['a redirect to 127.0.0.1 spelled as a number (2130706433)', () => page(`/weiter?${encodeURIComponent(`http://2130706433:${outside.port}/insel/faehre`)}`), 403, /only public web pages/],
    ['a redirect to [::1]', () => page(`/weiter?${encodeURIComponent(`http://[::1]:${outside.port}/insel/faehre`)}`), 403, /\[::1\].*loopback/],
    ['127.0.0.1 on another port, asked directly', () => `http://127.0.0.1:${outside.port}/insel/faehre`, 403, /only public web pages/],
    ['0x7f.1 (hex) on another port', () => `http://0x7f.1:${outside.port}/`, 403, /only public web pages/],
    ['a PDF', () => page('/fahrplan.pdf'), 415, /not a web page \(its type is "application\/pdf"\)/],
    ['a start page without an article', () => page('/start'), 400, /No article text was found on 127\.0\.0\.1:\d+/],
    ['a page over 5 MB', () => page('/riesig'), 413, /larger than 5 MB/],
    ['a 404', () => page('/gibt-es-nicht'), 400, /answered 404/],
    ['an ftp: address', () => 'ftp://127.0.0.1/artikel.html', 400, /Only http:\/\/ and https:\/\/ addresses can be imported/],
  ])('%s', async (_, address, status, message) => {
    const before = await articleCount();
    const outsideBefore = outside.paths.length;
    for (const route of ['/api/articles/preview', '/api/articles']) {
      const res = await post(route, { url: address() });
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error).toMatch(message);
    }
    expect(outside.paths.length).toBe(outsideBefore);
    expect(await articleCount()).toBe(before);
  });

  it('an allowed host whose server refuses the connection: 400 "refused the connection"', async () => {
    const closed = await serve(() => undefined);
    await new Promise((resolve) => closed.server.close(resolve));
    const own = await startApp({ template: 'empty', fakeOf: app, env: { IMPORT_ALLOWED_HOSTS: `127.0.0.1:${closed.port}` } });
    try {
      const res = await fetch(`${own.baseUrl}/api/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...own.editorHeaders() },
        body: JSON.stringify({ url: `http://127.0.0.1:${closed.port}/artikel` }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: `127.0.0.1:${closed.port} refused the connection: check the address, or paste the article's text.` });
    } finally {
      await own.stop();
    }
  });

  it('{ url } and { text } together, or a "url" that is not a string: 400', async () => {
    expect(await post('/api/articles', { url: page('/insel/faehre'), text: 'Ein Satz.' })).toEqual({ status: 400, body: { error: 'Send either "url" or "text", not both.' } });
    expect((await post('/api/articles', { url: 42 })).body.error).toMatch(/"url" must be a string/);
  });
});

describe('the import form’s actions, called as a script would', () => {
  const PREVIEW = { file: 'app/import/actions.ts', name: 'previewArticleAction' };
  const IMPORT = { file: 'app/import/actions.ts', name: 'importArticleAction' };

  it('a web address and pasted text together: "Give one source", nothing saved', async () => {
    const before = await articleCount();
    for (const action of [PREVIEW, IMPORT]) {
      const answer = await callFormAction(app.baseUrl, '/import', action, { url: page('/insel/faehre'), text: 'Ein Satz.', title: '' }, app.editorHeaders());
      expect(answer.result).toEqual({ error: 'Give one source: a web address, a file or pasted text. Clear the others.' });
    }
    expect(await articleCount()).toBe(before);
  });

  it('the preview of a redirect to a loopback address outside the list: its refusal; without an editor: "sign in", and the page server is not asked', async () => {
    const redirect = page(`/weiter?${encodeURIComponent(`http://127.0.0.2:${pages.port}/`)}`);
    const answer = await callFormAction(app.baseUrl, '/import', PREVIEW, { url: redirect, text: '', title: '' }, app.editorHeaders());
    expect(answer.result).toEqual({ error: expect.stringMatching(/^127\.0\.0\.2:\d+ is an address inside a private network \(127\.0\.0\.2, loopback\)/) });
    const asked = pages.paths.length;
    const anonymous = await callFormAction(app.baseUrl, '/import', PREVIEW, { url: page('/insel/faehre'), text: '', title: '' });
    expect(anonymous.result).toEqual({ error: expect.stringMatching(/sign in/i) });
    expect(pages.paths.length).toBe(asked);
  });
});

describe('the import form', () => {
  it('paste an address, see the preview, import, open the article (screenshots at 1280x800 and 390x844)', async () => {
    browser ??= await launchBrowser();
    const shots = process.env.NB_SCREENSHOT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'nebeneinander-web-import-'));
    for (const [name, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 800 }]] as const) {
      const context = await browser.newContext({ viewport });
      await app.signInBrowser(context);
      const tab = await context.newPage();
      await tab.goto(`${app.baseUrl}/import`);
      await tab.locator('#url').fill(page('/insel/faehre'));
      await tab.getByRole('button', { name: 'Preview' }).click();
      const preview = tab.locator('.import-preview');
      await preview.waitFor({ timeout: 20_000 });
      expect(await preview.locator('.preview-title').textContent()).toBe(ARTICLE_TITLE);
      expect(await preview.locator('.preview-summary').textContent()).toBe('Found 7 paragraphs, 2 headings, 1 caption, 1 quote.');
      expect(await preview.locator('.preview-source').textContent()).toBe(`Lena Musterfrau · ${ARTICLE_SITE} · ${page('/insel/faehre')}`);
      expect(await preview.locator('.kind-caption .credit').textContent()).toBe(ARTICLE_CREDIT);
      await preview.scrollIntoViewIfNeeded();
      await tab.screenshot({ path: path.join(shots, `import-preview-${name}.png`), fullPage: true });
      // Changing the address hides the preview: it no longer says what would be imported.
      await tab.locator('#url').fill(page('/koeln'));
      expect(await preview.count()).toBe(0);
      await tab.locator('#url').fill(page('/insel/faehre'));
      if (name === 'desktop') {
        await tab.getByRole('button', { name: 'Preview' }).click();
        await tab.getByRole('button', { name: 'Import this article' }).click();
        await tab.waitForURL(/\/a\/die-faehre-nach-hiddensee-faehrt-wieder(-\d+)?$/, { timeout: 30_000 });
        expect(await tab.locator('article[data-reader] h1').textContent()).toBe(ARTICLE_TITLE);
        expect(await tab.getByText(ARTICLE_CREDIT).count()).toBeGreaterThan(0);
      }
      await context.close();
    }
  });

  it('while a slow page is fetched, the form says so and both buttons wait; then the preview', async () => {
    browser ??= await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await app.signInBrowser(context);
    const tab = await context.newPage();
    await tab.goto(`${app.baseUrl}/import`);
    await tab.locator('#url').fill(page('/langsam'));
    await tab.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => held.length, { timeout: 20_000 }).toBe(1);
    expect((await tab.locator('.import-progress').textContent())?.trim()).toBe('Fetching the page and finding its article…');
    expect(await tab.locator('.import-progress progress').count()).toBe(1);
    expect(await tab.getByRole('button', { name: 'Import and read' }).isDisabled()).toBe(true);
    expect(await tab.getByRole('button', { name: 'Reading…' }).isDisabled()).toBe(true);
    if (process.env.NB_SCREENSHOT_DIR) await tab.screenshot({ path: path.join(process.env.NB_SCREENSHOT_DIR, 'import-progress-desktop.png') });
    send(held.shift()!, ARTICLE_PAGE, 'text/html; charset=utf-8');
    await tab.locator('.import-preview').waitFor({ timeout: 20_000 });
    expect(await tab.locator('.import-progress').textContent()).toBe('');
    await context.close();
  });

  it('a page without an article: the form says so, nothing saved', async () => {
    browser ??= await launchBrowser();
    const before = await articleCount();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await app.signInBrowser(context);
    const tab = await context.newPage();
    await tab.goto(`${app.baseUrl}/import`);
    await tab.locator('#url').fill(page('/start'));
    await tab.getByRole('button', { name: 'Import and read' }).click();
    await tab.locator('#import-error').waitFor({ timeout: 20_000 });
    expect(await tab.locator('#import-error').textContent()).toMatch(/^No article text was found on 127\.0\.0\.1:\d+: open the article itself/);
    expect(await articleCount()).toBe(before);
    await context.close();
  });
});

describe('importing an EPUB book', () => {
  /** The fake DeepL's requests holding any of `texts`, each request once, and their billed characters. */
  async function sentFor(texts: string[]): Promise<{ requests: number; chars: number }> {
    const seen = new Map<string, number>();
    for (const text of texts) for (const r of await app.fake.requestsFor(text)) seen.set(JSON.stringify(r.texts), r.chars);
    return { requests: seen.size, chars: [...seen.values()].reduce((a, b) => a + b, 0) };
  }

  it('the API: an uploaded .epub → 201 { slug, url, chapters }; GET lists the chapters; 0 characters to DeepL', async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(buildEpub({ title: 'Die Reise, hochgeladen' }))], { type: 'application/epub+zip' }), 'reise.epub');
    const res = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: app.editorHeaders(), body: form });
    const body = (await res.json()) as { slug: string; url: string; chapters: Array<{ n: number; title: string; url: string }> };
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body).toEqual({
      slug: 'die-reise-hochgeladen',
      url: `${app.baseUrl}/a/die-reise-hochgeladen`,
      chapters: CHAPTERS.map((c, i) => ({ n: i + 1, title: c.title, url: `${app.baseUrl}/a/die-reise-hochgeladen/${i + 1}` })),
    });
    const book = (await (await fetch(`${app.baseUrl}/api/articles/die-reise-hochgeladen`)).json()) as { chapters: Array<{ n: number; slug: string; blocks: number }>; blocks: unknown[] };
    expect(book.blocks).toEqual([]);
    expect(book.chapters.map((c) => [c.n, c.slug, c.blocks])).toEqual([[1, 'die-reise-hochgeladen/1', 4], [2, 'die-reise-hochgeladen/2', 7], [3, 'die-reise-hochgeladen/3', 4]]);
    const chapter = (await (await fetch(`${app.baseUrl}/api/articles/die-reise-hochgeladen/2`)).json()) as ArticleJson;
    expect(chapter.blocks.map((b) => b.text)).toEqual(CHAPTER_2_TEXTS);
    expect(await sentFor(['Koffer', 'Stralsund stieg', 'Pension lag'])).toEqual({ requests: 0, chars: 0 });
  });

  it('paste the book’s address, see the preview, import, open chapter 2 (exactly its characters go to DeepL), share ¶3 of chapter 2', async () => {
    browser ??= await launchBrowser();
    const shots = process.env.NB_SCREENSHOT_DIR;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
    await app.signInBrowser(context);
    const tab = await context.newPage();
    await tab.goto(`${app.baseUrl}/import`);
    // The file, chosen in the form: uploaded by XMLHttpRequest (its progress shown), previewed the same.
    await tab.locator('#file').setInputFiles({ name: 'reise.epub', mimeType: 'application/epub+zip', buffer: Buffer.from(buildEpub()) });
    await tab.getByRole('button', { name: 'Preview' }).click();
    const preview = tab.locator('.import-preview');
    await preview.waitFor({ timeout: 20_000 });
    expect(await preview.locator('.preview-summary').textContent()).toBe('Found 3 chapters, 12 paragraphs, 1 heading, 1 caption, 1 quote.');
    await tab.locator('#file').setInputFiles([]);
    // The book's address, pasted.
    await tab.locator('#url').fill(page('/buecher/reise.epub'));
    await tab.getByRole('button', { name: 'Preview' }).click();
    await preview.waitFor({ timeout: 20_000 });
    expect(await preview.locator('.preview-title').textContent()).toBe(BOOK_TITLE);
    expect(await preview.locator('.preview-summary').textContent()).toBe('Found 3 chapters, 12 paragraphs, 1 heading, 1 caption, 1 quote.');
    expect(await preview.locator('.preview-chapters li [lang="de"]').allTextContents()).toEqual(CHAPTERS.map((c) => c.title));
    if (shots) await tab.screenshot({ path: path.join(shots, 'epub-preview-desktop.png'), fullPage: true });
    await tab.getByRole('button', { name: 'Import this book' }).click();
    await tab.waitForURL(/\/a\/die-reise-nach-ruegen$/, { timeout: 30_000 });
    // The contents page: the book once, its chapters; nothing was sent to DeepL.
    expect(await tab.locator('article[data-book] h1').textContent()).toBe(BOOK_TITLE);
    expect(await tab.locator('.book-contents a').allTextContents()).toEqual(CHAPTERS.map((c) => c.title));
    if (shots) await tab.screenshot({ path: path.join(shots, 'epub-contents-desktop.png'), fullPage: true });
    expect(await sentFor(['Koffer', 'Stralsund stieg', 'Pension lag'])).toEqual({ requests: 0, chars: 0 });

    await tab.getByRole('link', { name: CHAPTERS[1].title }).click();
    await tab.waitForURL(/\/a\/die-reise-nach-ruegen\/2$/);
    expect(await tab.locator('article[data-reader] h1').textContent()).toBe(CHAPTERS[1].title);
    expect(await tab.locator('.chapter-nav [rel="prev"]').textContent()).toBe(`← ${CHAPTERS[0].title}`);
    expect(await tab.locator('.chapter-nav [rel="next"]').textContent()).toBe(`${CHAPTERS[2].title} →`);
    // Opening chapter 2 sent exactly its characters; chapters 1 and 3 stay unsent.
    await expect.poll(async () => (await sentFor(CHAPTER_2_TEXTS)).chars, { timeout: 20_000 }).toBe(CHAPTER_2_TEXTS.join('').length);
    expect(await sentFor(['Koffer', 'Pension lag'])).toEqual({ requests: 0, chars: 0 });
    await tab.locator('#p-7 .cell.en:not(.state-pending)').waitFor({ timeout: 20_000 });
    if (shots) await tab.screenshot({ path: path.join(shots, 'epub-chapter-desktop.png') });

    // Share ¶3 of chapter 2: the link is /a/{book}/2/p/3 and opens there, highlighted.
    await expect
      .poll(async () => {
        await tab.locator('button[data-link="3"]').click();
        return tab.locator('.share-toast').count();
      }, { timeout: 15_000 })
      .toBe(1);
    const link = await tab.locator('.share-toast .share-url').getAttribute('href');
    expect(link).toBe(`${app.baseUrl}/a/die-reise-nach-ruegen/2/p/3`);
    await tab.goto(link!);
    expect(await tab.$$eval('section.row.in-passage', (rows) => rows.map((r) => r.getAttribute('data-row')))).toEqual(['3']);
    expect(await tab.locator('#p-3 [lang="de"]').first().textContent()).toContain('Möwen kreisten über dem Wasser.');
    const meta = await tab.locator('meta[property="og:image"]').getAttribute('content');
    expect(meta).toBe(`${app.baseUrl}/a/die-reise-nach-ruegen/2/p/3/og.png`);
    const qr = await fetch(`${app.baseUrl}/a/die-reise-nach-ruegen/2/p/3/qr.svg`);
    expect([qr.status, qr.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^image\/svg\+xml/)]);
    // A paragraph chapter 2 does not have: a 404 that says so.
    expect((await fetch(`${app.baseUrl}/a/die-reise-nach-ruegen/2/p/8`, { headers: { accept: 'text/html' } })).status).toBe(404);
    await context.close();

    if (shots) {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
      await app.signInBrowser(phone);
      const small = await phone.newPage();
      await small.goto(`${app.baseUrl}/import`);
      await small.locator('#url').fill(page('/buecher/reise.epub'));
      await small.getByRole('button', { name: 'Preview' }).click();
      await small.locator('.import-preview').waitFor({ timeout: 20_000 });
      await small.screenshot({ path: path.join(shots, 'epub-preview-phone.png'), fullPage: true });
      await small.goto(`${app.baseUrl}/a/die-reise-nach-ruegen`);
      await small.screenshot({ path: path.join(shots, 'epub-contents-phone.png'), fullPage: true });
      await small.goto(`${app.baseUrl}/a/die-reise-nach-ruegen/2`);
      await small.screenshot({ path: path.join(shots, 'epub-chapter-phone.png') });
      await phone.close();
    }
  });
});
