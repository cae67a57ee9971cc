// Owns the bad-input cases of issue 6 through `next start`: each input a person or a script could
// send, and the clear answer it gets (or, where the input is fine, that it arrives intact and
// renders as text). Lib-level cases live in tests/integration/import.test.ts and tests/unit/.
// Runs on the shared default server (the articles it stores have titles and texts of its own, its
// learners are fresh cookies). A refusal's "nothing stored" counts every article, which only a server
// of this file's own can: those requests go there (countingApp).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sharedApp, startApp, type OwnApp, type RunningApp } from './support/app-server';
import { launchBrowser } from './support/browser';
import { callFormAction, serverActionId } from './support/server-actions';

const DEMO_SLUG = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';
const MB = 1_000_000;
const IMPORT_ACTION = { file: 'app/import/actions.ts', name: 'importArticleAction' };
const WAIT = { timeout: 15_000, interval: 100 };

let app: RunningApp;
let counting: Promise<OwnApp> | undefined;
let browser: Browser | undefined;
let tmp: string;

beforeAll(async () => {
  app = sharedApp('default');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nebeneinander-bad-input-'));
});

afterAll(async () => {
  await browser?.close();
  await counting?.then((own) => own.stop(), () => undefined);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------- helpers

interface ArticleJson {
  slug: string;
  title: string;
  blocks: Array<{ n: number; text: string; translation: { status: string; text?: string } }>;
}

/** A server of this file's own, started when first needed: no other file adds articles to it, so its count of articles is this file's. */
function countingApp(): Promise<OwnApp> {
  return (counting ??= startApp());
}

async function postArticle(
  body: unknown,
  contentType = 'application/json',
  server: RunningApp = app,
): Promise<{ status: number; body: { slug?: string; error?: string } }> {
  const res = await fetch(`${server.baseUrl}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...server.editorHeaders() },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { slug?: string; error?: string } };
}

async function getArticle(slug: string): Promise<ArticleJson> {
  const res = await fetch(`${app.baseUrl}/api/articles/${slug}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ArticleJson;
}

async function articleCount(server: OwnApp): Promise<number> {
  const html = await (await fetch(`${server.baseUrl}/`, { headers: { accept: 'text/html' } })).text();
  return Number(/Page 1 of \d+ · ([\d,]+) articles/.exec(html)?.[1]?.replace(/,/g, '') ?? (html.match(/class="library-item"/g) ?? []).length);
}

/** Posts an article that must be refused with `status` and a message matching `message`, storing nothing (on countingApp). */
async function expectRefused(body: unknown, status: number, message: RegExp, contentType?: string): Promise<void> {
  const server = await countingApp();
  const before = await articleCount(server);
  const res = await postArticle(body, contentType, server);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error).toMatch(message);
  expect(await articleCount(server)).toBe(before);
}

/** Polls `check` until it is true (hooks cannot use expect.poll). */
async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function html(urlPath: string): Promise<{ status: number; text: string }> {
  const res = await fetch(app.baseUrl + urlPath, { headers: { accept: 'text/html' } });
  return { status: res.status, text: await res.text() };
}

/** A tab signed in as an editor (the import form needs one). */
async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  browser ??= await launchBrowser();
  const context = await browser.newContext({ viewport });
  await app.signInBrowser(context);
  return context.newPage();
}

/**
 * Streams a body of about `total` bytes in 1 MB chunks (head + filler + tail) and notes how much had
 * been written when the answer arrived: a server that refuses early answers long before the end.
 */
function streamUpload(
  server: RunningApp,
  urlPath: string,
  headers: Record<string, string>,
  parts: { head: string; total: number; tail: string },
): Promise<{ status: number; sentWhenAnswered: number; body: string }> {
  return new Promise((resolve) => {
    let sent = 0;
    let answered = false;
    const req = http.request(server.baseUrl + urlPath, { method: 'POST', headers: { 'transfer-encoding': 'chunked', ...headers } }, (res) => {
      answered = true;
      const at = sent;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, sentWhenAnswered: at, body }));
    });
    req.on('error', (e) => {
      if (!answered) resolve({ status: 0, sentWhenAnswered: sent, body: String(e) });
    });
    const chunk = Buffer.alloc(MB, 0x61);
    req.write(parts.head);
    sent += parts.head.length;
    const pump = (): void => {
      while (!answered && sent < parts.total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end(parts.tail);
    };
    pump();
  });
}

// ---------------------------------------------------------------- article text

describe('article text and titles (POST /api/articles)', () => {
  it('empty text: 400 "The article is empty"', async () => {
    await expectRefused({ text: '' }, 400, /The article is empty: paste or upload some German text/);
  });

  it('white space only (spaces, tabs, line breaks, no-break and zero-width spaces): 400 "The article is empty"', async () => {
    await expectRefused({ text: ' \t\n\n\u00a0\u200b\r\n ' }, 400, /The article is empty/);
  });

  it('200,001 characters: 413 naming the length and the limit', async () => {
    await expectRefused({ text: 'a'.repeat(200_001) }, 413, /too long \(200,001 characters\).*at most 200,000/);
  });

  it.each([
    ['the text', { text: 'Ein Fuchs \ud83e.' }, /^The text contains half of a character \(U\+D83E, an unpaired surrogate/],
    ['the title', { title: '\udc00 Titel', text: 'Ein Satz.' }, /^The title contains half of a character \(U\+DC00, an unpaired surrogate/],
  ])('half of a character (an unpaired surrogate, "\\ud800" in JSON) in %s: 400 naming it, not a 500', async (_, body, message) => {
    await expectRefused(body, 400, message);
  });

  it('20,000 one-word paragraphs: 413 saying to split the text into several articles', async () => {
    await expectRefused({ text: 'Wort\n\n'.repeat(20_000) }, 413, /^The text has 20,000 paragraphs .*at most 1,000: split it into several articles\.$/);
  });

  it('CRLF line breaks count as one character: exactly 200,000 is accepted, 200,001 is refused with that count', async () => {
    const lf = 'Ein Satz.\n'.repeat(20_000);
    expect(lf.length).toBe(200_000);
    const res = await postArticle({ title: 'Windows-Zeilen', text: lf.replace(/\n/g, '\r\n') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await expectRefused({ text: `${lf}x`.replace(/\n/g, '\r\n') }, 413, /too long \(200,001 characters\)/);
  });

  it('a NUL byte in the text: 400 "control characters"', async () => {
    await expectRefused({ text: 'Hallo\u0000Welt. Ein Satz.' }, 400, /The text contains control characters: paste plain text/);
  });

  it('other control characters (bell, escape, DEL) in the text: 400 "control characters"', async () => {
    for (const c of ['\u0007', '\u001b[31m', '\u007f']) {
      await expectRefused({ text: `Ein Satz${c} mit Steuerzeichen.` }, 400, /control characters/);
    }
  });

  it('control characters in the title: 400 "The title contains control characters"', async () => {
    await expectRefused({ title: 'Ti\u0000tel\u0008', text: 'Ein Satz.' }, 400, /The title contains control characters/);
  });

  it('a right-to-left override in the title: 400 naming U+202E', async () => {
    await expectRefused({ title: 'Rechnung \u202Etxt.exe', text: 'Ein Satz.' }, 400, /title contains an invisible text-direction character \(U\+202E\)/);
  });

  it('a right-to-left isolate in the text: 400 naming U+2067', async () => {
    await expectRefused({ text: 'Der Preis ist \u2067 100 \u2069 Euro.' }, 400, /text contains an invisible text-direction character \(U\+2067\)/);
  });

  it('right-to-left script (Hebrew, Arabic) is text like any other: stored and shown as sent', async () => {
    const text = 'Auf Hebräisch heißt Frieden שלום und auf Arabisch سلام.';
    const res = await postArticle({ title: 'Frieden שלום', text });
    expect(res.status).toBe(201);
    const article = await getArticle(res.body.slug!);
    expect([article.title, article.blocks[0].text]).toEqual(['Frieden שלום', text]);
  });

  it('zero-width spaces, word joiners and soft hyphens are removed from title and text, so words stay whole', async () => {
    const res = await postArticle({ title: 'Haus\u200bboot', text: 'Das Welt\u00adraum\u00adbahn\u2060hof liegt\u200b im Osten.' });
    expect(res.status).toBe(201);
    expect(res.body.slug).toBe('hausboot');
    const article = await getArticle(res.body.slug!);
    expect(article.title).toBe('Hausboot');
    expect(article.blocks[0].text).toBe('Das Weltraumbahnhof liegt im Osten.');
  });

  it('a 10,000-character "word": every character kept, and the reader and library do not widen a phone’s screen', async () => {
    const word = 'Donaudampfschifffahrtsgesellschaft'.repeat(300).slice(0, 10_000);
    const text = `Vorher ein Satz. ${word} und danach.`;
    const res = await postArticle({ title: 'Ein langes Wort', text });
    expect(res.status).toBe(201);
    const article = await getArticle(res.body.slug!);
    expect(article.blocks.map((b) => b.text).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    const page = await newPage({ width: 390, height: 844 });
    for (const urlPath of [`/a/${res.body.slug}`, '/']) {
      await page.goto(app.baseUrl + urlPath);
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(widths[0], `${urlPath}: page width ${widths[0]} in a ${widths[1]} px window`).toBeLessThanOrEqual(widths[1]);
    }
    await page.context().close();
  });

  it('a 20,000-character run without a space: every character kept (long "sentences" are cut, not truncated)', async () => {
    const run = 'a.'.repeat(10_000);
    const res = await postArticle({ title: 'Ohne Leerzeichen', text: run });
    expect(res.status).toBe(201);
    const article = await getArticle(res.body.slug!);
    expect(article.blocks.map((b) => b.text).join('').replace(/\s/g, '')).toBe(run);
  });

  it('emoji: an emoji-only title gets a readable slug, and a paragraph of 3,000 emoji arrives whole, translated', async () => {
    const emoji = '🦊'.repeat(3_000);
    const text = `x${emoji} Ende 👩‍👩‍👧.`;
    const res = await postArticle({ title: '🦊🐻', text });
    expect(res.status).toBe(201);
    expect(res.body.slug).toMatch(/^artikel(-\d+)?$/);
    await expect.poll(async () => (await getArticle(res.body.slug!)).blocks.every((b) => b.translation.status === 'done'), WAIT).toBe(true);
    const article = await getArticle(res.body.slug!);
    expect(article.title).toBe('🦊🐻');
    const stored = article.blocks.map((b) => b.text).join('');
    expect(stored.replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    // No emoji cut in half: no lone surrogates, no replacement characters, here or in the English.
    const english = article.blocks.map((b) => b.translation.text ?? '').join('');
    for (const s of [stored, english]) expect(s).not.toMatch(/\ufffd|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(english.match(/🦊/g)).toHaveLength(3_000);
  });
});

// ---------------------------------------------------------------- markup in titles and text

describe('markup in titles, text and notes is shown as text everywhere', () => {
  const TITLE = '<script>alert("title")</script><img src=x onerror=alert(1)> javascript:alert(2)';
  const TEXT = [
    'Er schrieb <script>alert(3)</script> in den Text.',
    '<img src=x onerror="alert(4)"> Ein Bild, das keines ist.',
    '[Klick hier](javascript:alert(5)) und javascript:alert(6) als Link.',
  ].join('\n\n');
  /** Markup that would run: a script or image tag, or a javascript: link (escaped, the same text is harmless). */
  const RAW = [/<script>alert/, /<img src=x/, /href="javascript:/i];
  let slug: string;

  beforeAll(async () => {
    const res = await postArticle({ title: TITLE, text: TEXT });
    expect(res.status).toBe(201);
    slug = res.body.slug!;
    await waitUntil('the article is translated', async () => (await getArticle(slug)).blocks.every((b) => b.translation.status === 'done'));
  });

  it('the API answers the title and text exactly as sent (JSON is not HTML)', async () => {
    const article = await getArticle(slug);
    expect(article.title).toBe(TITLE);
    expect(article.blocks.map((b) => b.text)).toEqual(TEXT.split('\n\n'));
  });

  it('reader, passage and library HTML (first render and from memory) hold it only escaped; link previews too', async () => {
    for (const urlPath of [`/a/${slug}`, `/a/${slug}`, `/a/${slug}/p/1-3`, '/', '/']) {
      const page = await html(urlPath);
      expect(page.status).toBe(200);
      for (const raw of RAW) expect(page.text, `${urlPath} holds ${raw}`).not.toMatch(raw);
    }
    const passage = await html(`/a/${slug}/p/2`);
    const head = passage.text.slice(0, passage.text.indexOf('</head>'));
    expect(head).toContain('<meta property="og:title" content="&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; javascript:alert(2) ¶2"');
    expect(head).toContain('content="&lt;img src=x onerror=&quot;alert(4)&quot;&gt; Ein Bild, das keines ist.');
    const card = await fetch(`${app.baseUrl}/a/${slug}/p/2/og.png`);
    expect([card.status, card.headers.get('content-type')]).toEqual([200, 'image/png']);
  });

  it('in the browser nothing runs: no dialog, no image, no javascript: link on the reader, passage and library', async () => {
    const page = await newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const urlPath of [`/a/${slug}`, `/a/${slug}/p/2`, '/']) {
      await page.goto(app.baseUrl + urlPath);
      await page.waitForLoadState('load');
      const found = await page.evaluate(() => ({
        images: document.querySelectorAll('main img').length,
        handlers: document.querySelectorAll('[onerror], [onclick], [onload]').length,
        jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
        scripts: [...document.querySelectorAll('main script')].length,
      }));
      expect(found, urlPath).toEqual({ images: 0, handlers: 0, jsLinks: 0, scripts: 0 });
    }
    await page.goto(`${app.baseUrl}/a/${slug}`);
    expect(await page.locator('article[data-reader] h1').textContent()).toBe(TITLE);
    expect(await page.locator('#p-3 .cell.de').textContent()).toContain('[Klick hier](javascript:alert(5))');
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('a vocabulary note with markup: the /vocabulary page shows it as text, the CSV keeps it as a plain cell, the Anki file escapes it', async () => {
    const term = '<img src=x onerror=alert(7)>';
    const note = '<script>alert(8)</script> javascript:alert(9)';
    const page = await newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${app.baseUrl}/vocabulary`);
    const api = page.context().request;
    const saved = await api.post(`${app.baseUrl}/api/vocabulary`, { data: { term, translation: 'x', note } });
    expect(saved.status()).toBe(201);
    await page.reload();
    const item = page.locator('.vocab-item').first();
    expect(await item.locator('h2').textContent()).toContain(term);
    expect(await item.locator('.vocab-note').textContent()).toBe(note);
    expect(await page.evaluate(() => document.querySelectorAll('main img, [onerror], main script').length)).toBe(0);

    const csv = await (await api.get(`${app.baseUrl}/api/vocabulary/export?format=csv`)).text();
    expect(csv.split('\r\n')[1].split(',')).toEqual(expect.arrayContaining([term, 'x', note]));
    const anki = await (await api.get(`${app.baseUrl}/api/vocabulary/export?format=anki`)).text();
    expect(anki).toContain('&lt;img src=x onerror=alert(7)&gt;');
    expect(anki).toContain('&lt;script&gt;alert(8)&lt;/script&gt;');
    expect(anki).not.toMatch(/<img src=x|<script>/);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });
});

// ---------------------------------------------------------------- uploads

describe('uploads', () => {
  it('a 50 MB file chosen in the import form: a message right away, nothing uploaded', async () => {
    const file = path.join(tmp, 'riesig.txt');
    fs.writeFileSync(file, Buffer.alloc(50 * MB, 0x61));
    const page = await newPage();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.url());
    });
    await page.goto(`${app.baseUrl}/import`);
    await expect
      .poll(async () => {
        await page.locator('#file').setInputFiles(file);
        return page.locator('#import-error').count();
      }, WAIT)
      .toBe(1);
    expect(await page.locator('#import-error').textContent()).toBe(
      '"riesig.txt" is too large (50.0 MB): articles can be at most 200,000 characters. Split it into parts.',
    );
    expect(await page.getByRole('button', { name: 'Import and read' }).isDisabled()).toBe(true);
    expect(posts).toEqual([]);
    await page.context().close();
  });

  it('a 50 MB upload a script streams to the import action is cut off at the 6 MB limit, long before its end', async () => {
    const boundary = 'nb-boundary-50mb';
    const server = await countingApp();
    const before = await articleCount(server);
    const { status, sentWhenAnswered } = await streamUpload(
      server,
      '/import',
      { 'content-type': `multipart/form-data; boundary=${boundary}`, 'next-action': serverActionId(IMPORT_ACTION.file, IMPORT_ACTION.name), ...server.editorHeaders() },
      {
        head: `--${boundary}\r\nContent-Disposition: form-data; name="_1_file"; filename="riesig.txt"\r\nContent-Type: text/plain\r\n\r\n`,
        total: 50 * MB,
        tail: `\r\n--${boundary}\r\nContent-Disposition: form-data; name="0"\r\n\r\n[{},"$K1"]\r\n--${boundary}--\r\n`,
      },
    );
    expect(status).toBeGreaterThanOrEqual(400);
    expect(sentWhenAnswered).toBeLessThan(20 * MB);
    await expect.poll(() => server.output(), WAIT).toContain('Body exceeded 6mb limit');
    expect(await articleCount(server)).toBe(before);
  });

  it('a 50 MB JSON body sent in chunks (no Content-Length) to POST /api/articles: 413 before it is read whole', async () => {
    const server = await countingApp();
    const before = await articleCount(server);
    const res = await streamUpload(server, '/api/articles', { 'content-type': 'application/json', ...server.editorHeaders() }, { head: '{"text":"', total: 50 * MB, tail: '"}' });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: 'The body is larger than 1,000,000 bytes.' });
    expect(res.sentWhenAnswered).toBeLessThan(20 * MB);
    expect(await articleCount(server)).toBe(before);
  });

  it('a 50 MB CSV sent in chunks to POST /api/vocabulary/import: 413 before it is read whole', async () => {
    const res = await streamUpload(app, '/api/vocabulary/import', { 'content-type': 'text/csv' }, { head: 'term\n', total: 50 * MB, tail: '\n' });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error).toMatch(/larger than 10 MB/);
    expect(res.sentWhenAnswered).toBeLessThan(20 * MB);
  });

  it.each([
    ['a binary file (a ZIP archive)', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]), 'artikel.txt', /"artikel.txt" is not a text file: upload a .txt or .md file/],
    ['an image (PNG bytes)', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), 'bild.txt', /"bild.txt" is not UTF-8 text: open it in an editor and save it as UTF-8/],
    ['a Latin-1 file (not UTF-8)', new Uint8Array([...Buffer.from('Gr'), 0xfc, 0xdf, 0x65, ...Buffer.from(' aus K'), 0xf6, ...Buffer.from('ln.')]), 'alt.txt', /"alt.txt" is not UTF-8 text/],
    ['a Word document', new Uint8Array(Buffer.from('PK not really a docx')), 'artikel.docx', /"artikel.docx" is not a .txt or .md file: save the article as plain text first/],
  ])('%s uploaded through the import form’s action: its clear error, nothing stored', async (_, bytes, filename, message) => {
    const server = await countingApp();
    const before = await articleCount(server);
    const answer = await callFormAction(server.baseUrl, '/import', IMPORT_ACTION, { title: '', text: '', file: { blob: new Blob([bytes]), filename } }, server.editorHeaders());
    expect(answer.status).toBe(200);
    expect(answer.result).toEqual({ error: expect.stringMatching(message) });
    expect(await articleCount(server)).toBe(before);
  });
});

// ---------------------------------------------------------------- slugs and paragraph links

describe('slugs and paragraph links', () => {
  it.each([
    ['../ (encoded)', '/a/..%2F..%2Fetc%2Fpasswd'],
    ['%00', '/a/%00'],
    ['a NUL inside a real slug', `/a/${DEMO_SLUG}%00`],
    ['a 300-character slug', `/a/${'a'.repeat(300)}`],
    ['a 5,000-character slug', `/a/${'b-'.repeat(2_500)}`],
  ])('a reader link with %s: 404 "There is no article at this address"', async (_, urlPath) => {
    const page = await html(urlPath);
    expect(page.status).toBe(404);
    expect(page.text).toContain('There is no article at this address');
  });

  it.each([
    ['/a/', `/a/%E0%A4%A`, 'text/plain'],
    ['/s/', `/s/%E0%A4%A`, 'text/plain'],
    ['a paragraph link', `/a/${DEMO_SLUG}/p/%E0%A4%A`, 'text/plain'],
    ['/api/articles/', `/api/articles/%E0%A4%A`, 'application/json'],
  ])('a broken %%-escape under %s: 400 saying so, not a bare 500', async (_, urlPath, type) => {
    const res = await fetch(app.baseUrl + urlPath, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain(type);
    expect(await res.text()).toContain('This address has a broken %-escape: check the link');
  });

  it.each([
    ['../', `/api/articles/..%2F..%2F${DEMO_SLUG}`],
    ['%00', '/api/articles/%00'],
    ['a 300-character slug', `/api/articles/${'a'.repeat(300)}`],
  ])('DELETE /api/articles with %s: 404 JSON, nothing removed', async (_, urlPath) => {
    const res = await fetch(app.baseUrl + urlPath, { method: 'DELETE', headers: app.editorHeaders() });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/No article has this slug/);
    expect((await getArticle(DEMO_SLUG)).slug).toBe(DEMO_SLUG);
  });

  it.each([
    ['0', 'Paragraphs are numbered from 1, so there is no paragraph 0.'],
    ['0-3', 'Paragraphs are numbered from 1, so there is no paragraph 0.'],
    ['5-3', 'The range ¶5–3 runs backwards: the first number must not be larger than the second.'],
    ['16', 'This article has 15 paragraphs, so there is no ¶16.'],
    ['3-99', 'This article has 15 paragraphs, so there is no ¶99.'],
    ['abc', 'This link does not name a paragraph. Paragraph links look like /p/3 or /p/3-5.'],
    ['3-', 'This link does not name a paragraph.'],
    ['-3', 'This link does not name a paragraph.'],
    ['1-2-3', 'This link does not name a paragraph.'],
    ['3.5', 'This link does not name a paragraph.'],
    ['1e3', 'This link does not name a paragraph.'],
    ['%00', 'This link does not name a paragraph.'],
    ['3%2C5', 'This link does not name a paragraph.'],
    ['99999999999', 'This link does not name a paragraph.'],
    [`${'1'.repeat(5_000)}`, 'This link does not name a paragraph.'],
  ])('the paragraph link /p/%s: 404 "No such paragraph" saying why, with a link to the article', async (range, message) => {
    const page = await html(`/a/${DEMO_SLUG}/p/${range}`);
    expect(page.status).toBe(404);
    expect(page.text).toContain('No such paragraph');
    // Next streams a 404 after the shell as page data, so the message may be JSON inside a script.
    expect(page.text).toContain(message);
    expect(page.text).toContain('Read the whole article');
    const unescaped = page.text.replace(/\\"/g, '"');
    expect(unescaped.includes(`href="/a/${DEMO_SLUG}"`) || unescaped.includes(`"href":"/a/${DEMO_SLUG}"`)).toBe(true);
  });
});

// ---------------------------------------------------------------- vocabulary and JSON bodies

describe('vocabulary limits, CSV and JSON bodies', () => {
  async function vocab(method: string, urlPath: string, body: string, contentType: string, cookie?: string) {
    const res = await fetch(app.baseUrl + urlPath, { method, headers: { 'content-type': contentType, ...(cookie ? { cookie } : {}) }, body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, cookie: res.headers.getSetCookie()[0]?.split(';')[0] };
  }

  it.each([
    ['a term of 201 characters', { term: 'W'.repeat(201) }, /"term" is too long: at most 200 characters/],
    ['a translation of 501 characters', { term: 'Haus', translation: 't'.repeat(501) }, /"translation" is too long: at most 500 characters/],
    ['a note of 2,001 characters', { term: 'Haus', note: 'n'.repeat(2_001) }, /"note" is too long: at most 2,000 characters/],
    ['a base form of 201 characters', { term: 'Haus', baseForm: 'b'.repeat(201) }, /"baseForm" is too long: at most 200 characters/],
  ])('POST /api/vocabulary with %s: 400 naming the field and its limit', async (_, note, message) => {
    const res = await vocab('POST', '/api/vocabulary', JSON.stringify(note), 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it.each([
    ['the term', { term: 'Haus\ud800' }, /^"term" contains half of a character \(U\+D800, an unpaired surrogate\)/],
    ['the note', { term: 'Haus', note: 'Notiz \udfff' }, /^"note" contains half of a character \(U\+DFFF/],
  ])('POST /api/vocabulary with half of a character in %s: 400 naming it, not a 500', async (_, note, message) => {
    const res = await vocab('POST', '/api/vocabulary', JSON.stringify(note), 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it('POST /api/vocabulary/lookup with half of a character in the slug: 400 naming it, not a 500', async () => {
    const res = await vocab('POST', '/api/vocabulary/lookup', JSON.stringify({ slug: `${DEMO_SLUG}\ud800`, paragraph: 1, sentence: 0, text: 'Putin' }), 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/half of a character \(U\+D800/);
  });

  it('PATCH of a note past its limit: 400, and the note is unchanged', async () => {
    const saved = await vocab('POST', '/api/vocabulary', JSON.stringify({ term: 'Grenze', translation: 'border' }), 'application/json');
    expect(saved.status).toBe(201);
    const id = (saved.body.note as { id: string }).id;
    const res = await vocab('PATCH', `/api/vocabulary/${id}`, JSON.stringify({ note: 'n'.repeat(2_001) }), 'application/json', saved.cookie);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/"note" is too long: at most 2,000 characters/);
    const list = await fetch(`${app.baseUrl}/api/vocabulary`, { headers: { cookie: saved.cookie! } });
    expect(((await list.json()) as { notes: Array<{ note: string }> }).notes.map((n) => n.note)).toEqual(['']);
  });

  it('a CSV import with broken quoting: the rows before it are kept, and the line where it breaks is named', async () => {
    const csv = 'term,translation\r\nHaus,house\r\nBaum,tree\r\n"Garten,garden\r\nWald,forest\r\n';
    const res = await vocab('POST', '/api/vocabulary/import', csv, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ added: 2, merged: 0 });
    expect(res.body.errors).toEqual([{ line: 4, message: expect.stringMatching(/quot/i) }]);
  });

  it.each([
    ['"text" as a number', JSON.stringify({ text: 42 }), 'application/json', 400, /"text"/],
    ['"text" as a list of paragraphs', JSON.stringify({ text: ['Ein Satz.'] }), 'application/json', 400, /"text"/],
    ['a JSON string instead of an object', JSON.stringify('Ein Satz.'), 'application/json', 400, /JSON object/],
    ['JSON null', 'null', 'application/json', 400, /JSON object/],
    ['a raw NUL byte inside the JSON', '{"text":"Ein\u0000Satz."}', 'application/json', 400, /not valid JSON/],
    ['the right JSON sent as text/plain', JSON.stringify({ text: 'Ein Satz.' }), 'text/plain', 415, /Content-Type: application\/json/],
    ['a multipart form without a "file" field', '--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nEin Satz.\r\n--x--\r\n', 'multipart/form-data; boundary=x', 400, /form field named "file"/],
    ['"url" of a loopback address no IMPORT_ALLOWED_HOSTS names', JSON.stringify({ url: 'http://127.0.0.1:9/artikel' }), 'application/json', 403, /127\.0\.0\.1, loopback\): only public web pages can be imported/],
    ['"url" of [::1]', JSON.stringify({ url: 'http://[::1]:9/artikel' }), 'application/json', 403, /::1, loopback\)/],
    ['"url" that is a file: address', JSON.stringify({ url: 'file:///etc/passwd' }), 'application/json', 400, /Only http:\/\/ and https:\/\/ addresses/],
  ])('POST /api/articles with %s: refused with its status and message', async (_, body, contentType, status, message) => {
    await expectRefused(body, status, message, contentType);
  });

  it.each([
    ['a JSON array', '["Putin"]', 'application/json', 400, /a selection in an article/],
    ['"paragraph" as text', JSON.stringify({ slug: DEMO_SLUG, paragraph: 'sieben', sentence: 0, text: 'Putin' }), 'application/json', 400, /"paragraph"/],
    ['a CSV body', 'slug,paragraph\r\nx,1\r\n', 'text/csv', 415, /application\/json/],
  ])('POST /api/vocabulary/lookup with %s: refused with its status and message', async (_, body, contentType, status, message) => {
    const res = await vocab('POST', '/api/vocabulary/lookup', body, contentType);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatch(message);
  });
});
