// Owns the browser and HTTP tests of sharing a passage: paragraph links, passage pages, link previews, QR codes, assignments, editors and removed articles.
// Runs on the shared noPassword and trustedProxy servers: the demo is only read, what a test imports or
// assigns is its own (located by its own title or code), and on trustedProxy each page is a made-up client
// of its own (X-Forwarded-For), so a wrong password slows only that test.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { sharedApp, uniqueClientAddress, uniqueWord, type RunningApp } from './support/app-server';
import { useBrowserPages } from './support/browser-pages';
import { callFormAction } from './support/server-actions';

const DEMO_SLUG = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';
const DEMO_TITLE = 'Putin und Kim treffen sich am Weltraumbahnhof';
const DEMO_PATH = `/a/${DEMO_SLUG}`;
const DEMO_ROWS = 15;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const WAIT = { timeout: 10_000 };
/** Long enough for the page's script to load and hydrate after the HTML arrived. */
const HYDRATED = { timeout: 15_000 };
const CLIPBOARD: BrowserContextOptions = { permissions: ['clipboard-read', 'clipboard-write'] };
const CHAT_APP_UA = 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const OG_PNG_OUT = '/tmp/og-passage.png';

// An article whose title and text hold quotes, markup and an ampersand: they must reach the page as text.
const XSS_TITLE = `Zitat "Test" <script>alert(1)</script> ${uniqueWord('Zitat')}`;
const XSS_FIRST_PARAGRAPH = 'Er sagte: "Hallo" <script>alert(1)</script> & mehr.';
const XSS_TEXT = `${XSS_FIRST_PARAGRAPH}\n\nZweiter Absatz.`;
const RAW_SCRIPT = '<script>alert(1)</script>';

const TASK = 'Finde drei Verben im Präteritum.';
const CODE_CHARS = /^[A-Za-z0-9_-]{8,}$/;

/** A fresh browser context (own cookies, storage and cache; closed after the test) and a page in it. */
const { newPage } = useBrowserPages({ viewport: DESKTOP, colorScheme: 'light' });

// ---------------------------------------------------------------- helpers

/** A fresh page at `urlPath` (signed in as an editor with `asEditor`); fails unless the navigation answered with `status`. */
async function open(app: RunningApp, urlPath: string, options: BrowserContextOptions = {}, status = 200, asEditor = false): Promise<Page> {
  const page = await newPage(options);
  if (asEditor) await app.signInBrowser(page.context());
  const response = await page.goto(app.baseUrl + urlPath);
  expect(response?.status(), `status of ${urlPath}`).toBe(status);
  return page;
}

/** The mode the page shows: html[data-mode], set before the first paint (lib/reader/prepaint.cjs). */
function htmlMode(page: Page): Promise<string | null> {
  return page.evaluate(() => document.documentElement.getAttribute('data-mode'));
}

/**
 * Clicks row `n`'s "Link" until the share toast appears: the first click may come before the page's
 * script is hydrated, and a repeated click only sets the same one-paragraph link again.
 */
async function copyLinkOnce(page: Page, n: number): Promise<void> {
  await expect
    .poll(async () => {
      await page.locator(`button[data-link="${n}"]`).click();
      return page.locator('.share-toast').count();
    }, HYDRATED)
    .toBe(1);
}

function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The link the share toast shows: its text and its href. */
async function toastLink(page: Page): Promise<{ text: string | null; href: string | null }> {
  const link = page.locator('.share-toast .share-url');
  return { text: await link.textContent(), href: await link.getAttribute('href') };
}

/** The rows the server marked as the shared passage. */
function passageRows(page: Page): Promise<number[]> {
  return page.$$eval('section.row.in-passage', (rows) => rows.map((r) => Number(r.getAttribute('data-row'))));
}

/** The rows the share toast currently marks as the copied range. */
function sharedRows(page: Page): Promise<number[]> {
  return page.$$eval('section.row.is-shared', (rows) => rows.map((r) => Number(r.getAttribute('data-row'))));
}

function rowInViewport(page: Page, n: number): Promise<{ top: number; height: number }> {
  return page.$eval(`#p-${n}`, (row) => ({ top: row.getBoundingClientRect().top, height: window.innerHeight }));
}

/** Text with runs of white space as single spaces, trimmed. */
async function visibleText(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Which of the selectors' first elements lie wholly inside the viewport (after the page's own scroll on opening). */
function inFirstView(page: Page, selectors: string[]): Promise<Record<string, boolean>> {
  return page.evaluate(
    (sels) =>
      Object.fromEntries(
        sels.map((sel) => {
          const r = document.querySelector(sel)?.getBoundingClientRect();
          return [sel, Boolean(r && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight)];
        }),
      ),
    selectors,
  );
}

/** Waits until the page has scrolled its shared passage into view (its script runs after the HTML). */
async function waitForPassageInView(page: Page, n: number): Promise<void> {
  await expect
    .poll(async () => {
      const { top, height } = await rowInViewport(page, n);
      return top >= 0 && top < height;
    }, HYDRATED)
    .toBe(true);
}

function isOpen(page: Page, dialogSelector: string): Promise<boolean> {
  return page.locator(dialogSelector).evaluate((d) => d instanceof HTMLDialogElement && d.open);
}

/** Opens the share toast's "Make an assignment…" dialog. */
async function openAssignmentDialog(page: Page): Promise<void> {
  await page.locator('.share-toast').getByRole('button', { name: 'Make an assignment…' }).click();
  await expect.poll(() => isOpen(page, 'dialog.task-dialog'), WAIT).toBe(true);
}

/** Fills and sends the assignment form; resolves with the /s/ link the dialog then shows. */
async function createAssignment(page: Page, task: string, mode: string): Promise<string> {
  const dialog = page.locator('dialog.task-dialog');
  await dialog.locator('#task').fill(task);
  await dialog.locator('#task-mode').selectOption(mode);
  await dialog.getByRole('button', { name: 'Create the assignment link' }).click();
  const link = dialog.locator('a[href*="/s/"]');
  await link.waitFor(WAIT);
  return (await link.textContent()) ?? '';
}

interface MetaTag {
  /** The content attribute as it stands in the HTML. */
  raw: string;
  /** The content attribute with HTML entities decoded: what a chat app shows. */
  value: string;
}

const NAMED_ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The <meta property|name=… content=…> tags of an HTML text, first one of each name. */
function metaTags(html: string): Map<string, MetaTag> {
  const tags = new Map<string, MetaTag>();
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attrs = new Map<string, string>();
    for (const m of tag.matchAll(/([a-zA-Z:-]+)="([^"]*)"/g)) attrs.set(m[1].toLowerCase(), m[2]);
    const key = attrs.get('property') ?? attrs.get('name');
    const content = attrs.get('content');
    if (key && content !== undefined && !tags.has(key)) tags.set(key, { raw: content, value: decodeEntities(content) });
  }
  return tags;
}

function meta(tags: Map<string, MetaTag>, key: string): MetaTag {
  const tag = tags.get(key);
  if (!tag) throw new Error(`no <meta> for ${key}; found: ${[...tags.keys()].join(', ')}`);
  return tag;
}

/** Fetches a page as a chat app's link expander does: a plain GET with its user agent. */
async function fetchAsChatApp(url: string): Promise<{ status: number; type: string; html: string }> {
  const res = await fetch(url, { headers: { 'user-agent': CHAT_APP_UA } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
}

async function fetchStatus(url: string): Promise<number> {
  const res = await fetch(url, { redirect: 'manual' });
  await res.arrayBuffer();
  return res.status;
}

/** Fetches an image and checks it is a PNG; resolves with its bytes and pixel size (from the IHDR chunk). */
async function fetchPng(url: string): Promise<{ bytes: Buffer; width: number; height: number }> {
  const res = await fetch(url, { headers: { 'user-agent': CHAT_APP_UA } });
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(res.status, `status of ${url}`).toBe(200);
  expect(res.headers.get('content-type'), `content-type of ${url}`).toBe('image/png');
  expect([...bytes.subarray(0, 8)], `PNG signature of ${url}`).toEqual(PNG_SIGNATURE);
  return { bytes, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

interface ArticleJson {
  slug: string;
  title: string;
  blocks: { n: number; kind: string; text: string }[];
}

async function getArticleJson(app: RunningApp, slug: string): Promise<ArticleJson> {
  const res = await fetch(`${app.baseUrl}/api/articles/${slug}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ArticleJson;
}

async function importArticle(app: RunningApp, title: string, text: string): Promise<string> {
  const res = await fetch(`${app.baseUrl}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: await app.editorCookie() },
    body: JSON.stringify({ title, text }),
  });
  const body = (await res.json()) as { slug?: string; error?: string };
  expect(res.status, `import answered ${JSON.stringify(body)}`).toBe(201);
  if (!body.slug) throw new Error('the import answered no slug');
  return body.slug;
}

// ---------------------------------------------------------------- an instance without ADMIN_PASSWORD (editors sign in with links)

describe('an instance without ADMIN_PASSWORD', () => {
  let app: RunningApp;

  beforeAll(() => {
    app = sharedApp('noPassword');
  });

  describe('copying a paragraph link', () => {
    it('"Link" copies the paragraph’s URL, "Extend link to here" makes it a range, shift-click on "Link" too', async () => {
      const page = await open(app, DEMO_PATH, CLIPBOARD);
      const base = `${app.baseUrl}${DEMO_PATH}/p/`;

      await copyLinkOnce(page, 3);
      await expect.poll(() => readClipboard(page), WAIT).toBe(`${base}3`);
      expect(await toastLink(page)).toEqual({ text: `${base}3`, href: `${base}3` });
      expect(await visibleText(page, '.share-toast p')).toContain('Copied a link to ¶3');
      expect(await sharedRows(page)).toEqual([3]);

      const extend = page.locator('button[data-extend="5"]');
      expect(await extend.textContent()).toBe('Extend link to here');
      await extend.click();
      await expect.poll(() => readClipboard(page), WAIT).toBe(`${base}3-5`);
      expect(await toastLink(page)).toEqual({ text: `${base}3-5`, href: `${base}3-5` });
      expect(await visibleText(page, '.share-toast p')).toContain('Copied a link to ¶3–5');
      expect(await sharedRows(page)).toEqual([3, 4, 5]);

      // A fresh "Link" starts over at row 4; shift-click on row 2 extends backwards to 2–4.
      await page.locator('button[data-link="4"]').click();
      await expect.poll(() => readClipboard(page), WAIT).toBe(`${base}4`);
      await page.locator('button[data-link="2"]').click({ modifiers: ['Shift'] });
      await expect.poll(() => readClipboard(page), WAIT).toBe(`${base}2-4`);
      expect(await toastLink(page)).toEqual({ text: `${base}2-4`, href: `${base}2-4` });
      expect(await sharedRows(page)).toEqual([2, 3, 4]);
    });
  });

  it('the share box never covers the paragraph it links to, low on the screen or high', async () => {
    const page = await open(app, DEMO_PATH, CLIPBOARD);
    for (const at of [0.7, 0.1]) {
      await page.$eval('#p-5', (row, share) => window.scrollBy(0, row.getBoundingClientRect().top - window.innerHeight * share), at);
      const close = page.locator('.share-toast').getByRole('button', { name: 'Close the link' });
      if (await close.count()) await close.click();
      await copyLinkOnce(page, 5);
      const [row, toast] = await Promise.all([page.locator('#p-5').boundingBox(), page.locator('.share-toast').boundingBox()]);
      if (!row || !toast) throw new Error('row 5 or the share box is not rendered');
      const overlap = Math.min(row.y + row.height, toast.y + toast.height) - Math.max(row.y, toast.y);
      expect(overlap, `row 5 at ${at * 100} % of the screen`).toBeLessThanOrEqual(0);
    }
  });

  describe('passage pages', () => {
    it('/p/7 highlights row 7 only, scrolls it into view, and its bar links to the whole article', async () => {
      const page = await open(app, `${DEMO_PATH}/p/7`);
      expect(await page.locator('section.row[data-row]').count()).toBe(DEMO_ROWS);
      expect(await passageRows(page)).toEqual([7]);
      await expect
        .poll(async () => {
          const { top, height } = await rowInViewport(page, 7);
          return top >= -1 && top < height;
        }, HYDRATED)
        .toBe(true);
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);

      expect(await visibleText(page, '.passage-bar')).toBe('Shared passage: ¶7 · show the whole article');
      const whole = page.locator('.passage-bar').getByRole('link', { name: 'show the whole article' });
      expect(await whole.getAttribute('href')).toBe(DEMO_PATH);
      await whole.click();
      await page.waitForURL(app.baseUrl + DEMO_PATH);
      expect(await page.locator('section.row[data-row]').count()).toBe(DEMO_ROWS);
      expect(await passageRows(page)).toEqual([]);
      expect(await page.locator('.passage-bar').count()).toBe(0);
    });

    it('/p/3-5 highlights exactly rows 3, 4 and 5 and names ¶3–5', async () => {
      const page = await open(app, `${DEMO_PATH}/p/3-5`);
      expect(await passageRows(page)).toEqual([3, 4, 5]);
      expect(await visibleText(page, '.passage-bar')).toBe('Shared passage: ¶3–5 · show the whole article');
      await expect
        .poll(async () => {
          const { top, height } = await rowInViewport(page, 3);
          return top >= -1 && top < height;
        }, HYDRATED)
        .toBe(true);
    });

    it.each([
      ['1280×800', { width: 1280, height: 800 }],
      ['390×844', PHONE],
    ])('/p/7 in practice mode at %s shows the title, the hint, “Reveal all” and the passage together on opening', async (_size, viewport) => {
      const page = await open(app, `${DEMO_PATH}/p/7?mode=practice`, { viewport });
      await waitForPassageInView(page, 7);
      expect(await visibleText(page, '.passage-title')).toBe(DEMO_TITLE);
      const seen = await inFirstView(page, ['.passage-title', '.passage-bar', '.tool-hint', '.toolbar [aria-label="Practice"] button:first-child', '#p-7 .cell.de .s[data-s="0"]']);
      expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((k) => [k, true])));
      expect(await visibleText(page, '.tool-hint')).toContain('Click a German sentence');
      // The one set of reading options on the page, and it works on the passage.
      expect(await page.getByRole('button', { name: 'Reveal all' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Reveal all' }).click();
      await expect.poll(() => page.locator('#p-7 .gloss.revealed').count(), WAIT).toBe(4);
    });

    it('the highlighted passage keeps room at the right of its English, and its columns line up with the other rows', async () => {
      const page = await open(app, `${DEMO_PATH}/p/3-5?mode=side`);
      const [passage, other] = await Promise.all(
        ['#p-4', '#p-6'].map((row) =>
          page.$eval(row, (r) => ({ row: r.getBoundingClientRect().right, en: r.querySelector('.cell.en')?.getBoundingClientRect() ?? null })),
        ),
      );
      if (!passage.en || !other.en) throw new Error('an English cell is missing');
      expect(passage.row - passage.en.right).toBeGreaterThanOrEqual(8);
      expect(passage.en.left).toBe(other.en.left);
    });

    const MALFORMED = 'This link does not name a paragraph. Paragraph links look like /p/3 or /p/3-5.';
    it.each([
      ['0', 'Paragraphs are numbered from 1, so there is no paragraph 0.'],
      ['16', `This article has ${DEMO_ROWS} paragraphs, so there is no ¶16.`],
      ['5-3', 'The range ¶5–3 runs backwards: the first number must not be larger than the second.'],
      ['abc', MALFORMED],
      ['3-', MALFORMED],
      ['1-2-3', MALFORMED],
      ['%00', MALFORMED],
    ])('/p/%s answers 404 and explains "%s", with a link to the article', async (range, message) => {
      const urlPath = `${DEMO_PATH}/p/${range}`;
      expect(await fetchStatus(app.baseUrl + urlPath), `fetch ${urlPath}`).toBe(404);

      const page = await open(app, urlPath, {}, 404);
      expect(await visibleText(page, 'main h1')).toBe('No such paragraph');
      expect(await visibleText(page, 'main')).toContain(message);
      const article = page.locator('main').getByRole('link', { name: DEMO_TITLE });
      expect(await article.count()).toBe(1);
      expect(await article.getAttribute('href')).toBe(DEMO_PATH);
      expect(await page.locator('section.row').count()).toBe(0);
    });
  });

  describe('link previews', () => {
    it('a chat app finds a title with ¶3–5, the German as description and a 1200×630 PNG card', async () => {
      const pageUrl = `${app.baseUrl}${DEMO_PATH}/p/3-5`;
      const { status, type, html } = await fetchAsChatApp(pageUrl);
      expect(status).toBe(200);
      expect(type).toMatch(/^text\/html/);
      // Link expanders read the <head>; the tags must be there, not streamed into the body.
      const head = html.slice(0, html.indexOf('</head>'));
      const tags = metaTags(head);

      expect(meta(tags, 'og:title').value).toBe(`${DEMO_TITLE} ¶3–5`);
      const { blocks } = await getArticleJson(app, DEMO_SLUG);
      const [third, fourth] = [blocks[2].text, blocks[3].text];
      const description = meta(tags, 'og:description').value;
      expect(description.startsWith(`${third} — ${fourth.slice(0, 40)}`), `og:description: ${description}`).toBe(true);
      expect(description).not.toContain('Kim believes Moscow will win the war');
      expect(description.length).toBeLessThanOrEqual(210);
      expect(meta(tags, 'description').value).toBe(description);

      const imageUrl = `${pageUrl}/og.png`;
      expect(meta(tags, 'og:image').value).toBe(imageUrl);
      expect(meta(tags, 'og:url').value).toBe(pageUrl);
      expect(meta(tags, 'twitter:card').value).toBe('summary_large_image');
      expect(meta(tags, 'twitter:image').value).toBe(imageUrl);

      const png = await fetchPng(imageUrl);
      expect([png.width, png.height]).toEqual([1200, 630]);
      fs.writeFileSync(OG_PNG_OUT, png.bytes);
    });

    it('an imported title and text with quotes, markup and & reach the page and its preview only as escaped text', async () => {
      const slug = await importArticle(app, XSS_TITLE, XSS_TEXT);
      const pageUrl = `${app.baseUrl}/a/${slug}/p/1`;
      const { status, html } = await fetchAsChatApp(pageUrl);
      expect(status).toBe(200);
      expect(html).not.toContain(RAW_SCRIPT);

      const tags = metaTags(html.slice(0, html.indexOf('</head>')));
      const title = meta(tags, 'og:title');
      expect(title.value).toBe(`${XSS_TITLE} ¶1`);
      expect(title.raw).toContain('Zitat &quot;Test&quot; &lt;script&gt;alert(1)&lt;/script&gt;');
      const description = meta(tags, 'og:description');
      expect(description.value.startsWith(XSS_FIRST_PARAGRAPH), `og:description: ${description.value}`).toBe(true);
      expect(description.raw).toContain('Er sagte: &quot;Hallo&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr.');
      expect(meta(tags, 'og:image').value).toBe(`${pageUrl}/og.png`);
      await fetchPng(`${pageUrl}/og.png`);

      // In the browser: the markup shows as text, and nothing runs.
      const dialogs: string[] = [];
      const page = await newPage();
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const response = await page.goto(pageUrl);
      expect(response?.status()).toBe(200);
      expect(await page.locator('article[data-reader] h1').textContent()).toBe(XSS_TITLE);
      expect(await visibleText(page, '#p-1 .cell.de')).toContain(XSS_FIRST_PARAGRAPH);
      expect(await page.locator('article[data-reader] script').count()).toBe(0);
      expect(dialogs).toEqual([]);
    });
  });

  describe('QR code', () => {
    it('"QR code" opens a dialog whose image of the link loads, served as SVG', async () => {
      const page = await open(app, DEMO_PATH, CLIPBOARD);
      await copyLinkOnce(page, 3);
      const url = `${app.baseUrl}${DEMO_PATH}/p/3`;

      await page.locator('.share-toast').getByRole('button', { name: 'QR code' }).click();
      await expect.poll(() => isOpen(page, 'dialog.qr-dialog'), WAIT).toBe(true);
      const img = page.locator('dialog.qr-dialog img');
      expect(await img.isVisible()).toBe(true);
      expect(await img.getAttribute('src')).toBe(`${DEMO_PATH}/p/3/qr.svg`);
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth), WAIT).toBeGreaterThan(0);
      expect(await visibleText(page, 'dialog.qr-dialog .qr-url')).toBe(url);

      const res = await fetch(`${url}/qr.svg`);
      const svg = await res.text();
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(svg).toContain('<svg');
    });
  });

  describe('assignments', () => {
    it('a teacher makes an assignment on ¶3–5; students see the task above the passage in practice mode; deleting it ends the link', async () => {
      const teacher = await open(app, DEMO_PATH, CLIPBOARD, 200, true);
      await copyLinkOnce(teacher, 3);
      await teacher.locator('button[data-extend="5"]').click();
      await expect.poll(() => toastLink(teacher), WAIT).toEqual({ text: `${app.baseUrl}${DEMO_PATH}/p/3-5`, href: `${app.baseUrl}${DEMO_PATH}/p/3-5` });
      await openAssignmentDialog(teacher);
      expect(await visibleText(teacher, 'dialog.task-dialog h2')).toBe('Assignment on ¶3–5');

      const link = await createAssignment(teacher, TASK, 'practice');
      const match = new RegExp(`^${app.baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/s/(.+)$`).exec(link);
      expect(match, `assignment link ${link}`).not.toBeNull();
      const code = match?.[1] ?? '';
      expect(code).toMatch(CODE_CHARS);

      // The student's view.
      const student = await open(app, `/s/${code}`);
      const task = student.locator('section.task .task-text');
      expect(await task.textContent()).toBe(TASK);
      expect(await task.isVisible()).toBe(true);
      expect(await visibleText(student, 'section.task h2')).toBe('Your task · ¶3–5');
      expect(await htmlMode(student)).toBe('practice');
      expect(await passageRows(student)).toEqual([3, 4, 5]);
      // The assignment's mode wins over the one a student chose before; a ?mode= in the link wins over both.
      const chose = await newPage();
      await chose.context().addCookies([{ name: 'nb-mode', value: 'interleaved', url: app.baseUrl }]);
      await chose.goto(`${app.baseUrl}/s/${code}`);
      expect(await htmlMode(chose)).toBe('practice');
      expect(await chose.locator('#p-3 .cell.en').isVisible()).toBe(false);
      await chose.goto(`${app.baseUrl}/s/${code}?mode=side`);
      expect(await htmlMode(chose)).toBe('side');
      expect(await chose.locator('#p-3 .cell.en').isVisible()).toBe(true);
      await chose.goto(`${app.baseUrl}${DEMO_PATH}`);
      expect(await htmlMode(chose)).toBe('interleaved');
      const [taskBottom, row3Top] = await student.evaluate(() => [
        document.querySelector('section.task')?.getBoundingClientRect().bottom ?? NaN,
        document.querySelector('#p-3')?.getBoundingClientRect().top ?? NaN,
      ]);
      expect(taskBottom, 'the task ends above ¶3').toBeLessThanOrEqual(row3Top);
      // On opening, the student sees the title, the task, the practice hint, "Reveal all" and the passage at once.
      await waitForPassageInView(student, 3);
      const seen = await inFirstView(student, ['.passage-title', 'section.task', '.tool-hint', '.toolbar [aria-label="Practice"] button:first-child', '#p-3 .cell.de .s']);
      expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((k) => [k, true])));

      // The teacher's list, and deleting from it.
      const list = await open(app, '/assignments', {}, 200, true);
      const item = list.locator('li.library-item', { has: list.locator(`a[href="/s/${code}"]`) });
      expect(await item.count()).toBe(1);
      expect(await item.locator(`a[href="/s/${code}"]`).textContent()).toBe(`${app.baseUrl}/s/${code}`);
      expect(await item.locator('.task-text').textContent()).toBe(TASK);
      expect(await visibleText(list, `li.library-item:has(a[href="/s/${code}"]) h2`)).toBe(`${DEMO_TITLE} ¶3–5`);
      await item.getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => item.count(), WAIT).toBe(0);
      expect(await fetchStatus(`${app.baseUrl}/s/${code}`)).toBe(404);
      await list.reload();
      expect(await list.locator(`a[href="/s/${code}"]`).count()).toBe(0);
    });

    it('an unknown assignment code is a 404 that says "Assignment not found"', async () => {
      expect(await fetchStatus(`${app.baseUrl}/s/unknowncode123`)).toBe(404);
      const page = await open(app, '/s/unknowncode123', {}, 404);
      expect(await visibleText(page, 'main h1')).toBe('Assignment not found');
    });
  });
});

// ---------------------------------------------------------------- an instance with ADMIN_PASSWORD

describe('an instance with ADMIN_PASSWORD', () => {
  let app: RunningApp;
  let password: string;

  beforeAll(() => {
    // X-Forwarded-For from this test counts as the client's address, so a made-up client's wrong password slows only that client.
    app = sharedApp('trustedProxy');
    password = app.adminPassword ?? '';
  });

  /** A fresh page at `urlPath`, from a made-up client of its own (its every request says so in X-Forwarded-For). */
  function openAsClient(urlPath: string, options: BrowserContextOptions = {}, status = 200): Promise<Page> {
    return open(app, urlPath, { ...options, extraHTTPHeaders: { 'x-forwarded-for': uniqueClientAddress() } }, status);
  }

  /** Submits the password on /signin until it is accepted (a wrong try before makes the next one wait). */
  async function signIn(page: Page, expectedPath: string): Promise<void> {
    await expect
      .poll(async () => {
        if (new URL(page.url()).pathname === '/signin') {
          await page.locator('#password').fill(password);
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.waitForURL((u) => u.pathname !== '/signin', { timeout: 2_000 }).catch(() => undefined);
        }
        return new URL(page.url()).pathname;
      }, { timeout: 20_000, interval: 250 })
      .toBe(expectedPath);
  }

  it('a reader who is not signed in is told that only editors make assignments, with a link to sign in', async () => {
    const page = await openAsClient(`${DEMO_PATH}/p/3-5`, CLIPBOARD);
    await copyLinkOnce(page, 3);
    await openAssignmentDialog(page);
    const dialog = page.locator('dialog.task-dialog');
    expect((await dialog.textContent()) ?? '').toContain('Only editors can make assignments');
    expect(await dialog.locator('#task').count()).toBe(0);
    const signInLink = dialog.getByRole('link', { name: 'Sign in' });
    expect(await signInLink.getAttribute('href')).toBe(`/signin?next=${encodeURIComponent(`${DEMO_PATH}/p/3`)}`);
  });

  it('DELETE /api/articles/<slug> without a session is refused with 401 JSON and removes nothing', async () => {
    // An article of this test's own: were the refusal broken, nothing another file reads would go.
    const title = `Bleibt stehen ${uniqueWord('Artikel')}`;
    const slug = await importArticle(app, title, 'Dieser Artikel wird nicht entfernt.');
    const res = await fetch(`${app.baseUrl}/api/articles/${slug}`, { method: 'DELETE' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { error?: unknown };
    expect(typeof body.error).toBe('string');
    expect(String(body.error)).toContain('Sign in');
    expect((await getArticleJson(app, slug)).title).toBe(title);
  });

  it('importing needs an editor: the API answers 401 without one and 201 with the password as a bearer token', async () => {
    const body = JSON.stringify({ text: `Ein Test ohne Anmeldung von ${uniqueWord('Lehrer')}.` });
    const headers = { 'content-type': 'application/json' };
    const refused = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers, body });
    expect(refused.status).toBe(401);
    expect(String(((await refused.json()) as { error?: unknown }).error)).toContain('Sign in');
    const wrong = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { ...headers, authorization: 'Bearer nope-nope', 'x-forwarded-for': uniqueClientAddress() }, body });
    expect(wrong.status).toBe(401);
    const accepted = await fetch(`${app.baseUrl}/api/articles`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${password}` },
      body,
    });
    expect(accepted.status).toBe(201);
    const page = await openAsClient('/import');
    expect((await page.locator('main').textContent()) ?? '').toContain('only editors import articles');
    expect(await page.locator('#text').count()).toBe(0);
  });

  it('a wrong password is refused, and a second one right after is told to wait', async () => {
    const page = await openAsClient('/signin');
    expect(await visibleText(page, 'main h1')).toBe('Sign in as an editor');
    const error = page.locator('.form-error');

    await page.locator('#password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(async () => ((await error.count()) ? error.textContent() : null), WAIT).toBe('That is not the editor password.');

    await page.locator('#password').fill('still not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(async () => ((await error.count()) ? error.textContent() : ''), WAIT).toContain('Too many wrong passwords');
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect((await page.context().cookies(app.baseUrl)).map((c) => c.name)).not.toContain('nb-editor');
    // Only that made-up client waits: a request from this machine itself (no X-Forwarded-For) signs in at once.
    const local = await callFormAction(app.baseUrl, '/signin', { file: 'app/editor-actions.ts', name: 'signInAction' }, { password, next: '/' });
    expect(local.headers.getSetCookie().some((c) => c.startsWith('nb-editor='))).toBe(true);
  });

  it('the right password (after the wait) signs in with an httpOnly, SameSite=Lax cookie, and the editor makes an assignment', async () => {
    const page = await openAsClient(`${DEMO_PATH}/p/3-5`, CLIPBOARD);
    await copyLinkOnce(page, 3);
    await openAssignmentDialog(page);
    await page.locator('dialog.task-dialog').getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/signin');
    await signIn(page, `${DEMO_PATH}/p/3`);

    const cookie = (await page.context().cookies(app.baseUrl)).find((c) => c.name === 'nb-editor');
    expect(cookie, 'the nb-editor cookie').toBeDefined();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.path).toBe('/');
    expect(await page.evaluate(() => document.cookie)).not.toContain('nb-editor');

    await copyLinkOnce(page, 3);
    await page.locator('button[data-extend="4"]').click();
    await expect.poll(() => toastLink(page), WAIT).toEqual({ text: `${app.baseUrl}${DEMO_PATH}/p/3-4`, href: `${app.baseUrl}${DEMO_PATH}/p/3-4` });
    await openAssignmentDialog(page);
    const link = await createAssignment(page, TASK, 'german');
    expect(link.startsWith(`${app.baseUrl}/s/`), `assignment link ${link}`).toBe(true);
    const code = link.slice(`${app.baseUrl}/s/`.length);
    expect(code).toMatch(CODE_CHARS);

    const student = await openAsClient(`/s/${code}`);
    expect(await student.locator('section.task .task-text').textContent()).toBe(TASK);
    expect(await htmlMode(student)).toBe('german');
    expect(await passageRows(student)).toEqual([3, 4]);
  });

  it('an editor removes an imported article: 204, then its links answer 404 "This article was removed"', async () => {
    const page = await openAsClient('/signin?next=/assignments');
    await signIn(page, '/assignments');
    const api = page.context().request;

    const title = `Ein Artikel zum Entfernen ${uniqueWord('Weg')}`;
    const imported = await api.post(`${app.baseUrl}/api/articles`, {
      data: { title, text: 'Der erste Absatz bleibt nicht lange.\n\nDer zweite auch nicht.' },
    });
    expect(imported.status()).toBe(201);
    const { slug } = (await imported.json()) as { slug: string };
    expect(await fetchStatus(`${app.baseUrl}/a/${slug}/p/1`)).toBe(200);

    const removed = await api.delete(`${app.baseUrl}/api/articles/${slug}`);
    expect(removed.status()).toBe(204);

    for (const urlPath of [`/a/${slug}`, `/a/${slug}/p/1`]) {
      expect(await fetchStatus(app.baseUrl + urlPath), `fetch ${urlPath}`).toBe(404);
      const reader = await openAsClient(urlPath, {}, 404);
      expect(await visibleText(reader, 'main h1'), urlPath).toBe('This article was removed');
      expect(await visibleText(reader, 'main'), urlPath).toContain(`“${title}” was removed from this library`);
      expect(await reader.locator('section.row').count()).toBe(0);
    }
  });
});
