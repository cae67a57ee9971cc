// Owns the browser and HTTP tests of word statuses: a saved word marks its other forms in another
// article, "Mark the rest known" raises the library's percentage, "Show new words", Known in the panel
// (button and k), the coverage line, and the word-status API's answers to bad input. Runs on the shared
// default server: its articles hold words of its own, each test has its own learner (browser context).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { importArticle, sharedApp, uniqueWord, type RunningApp } from './support/app-server';
import { launchBrowser, wordBoxIn } from './support/browser';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const WAIT = { timeout: 15_000 };
const DEMO_SLUG = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** "Gekommen": saved here. */
let first: string;
/** "Kamen": marked here, its paragraph marked known. */
let second: string;

async function newPage(viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, colorScheme: 'light' });
  contexts.push(context);
  return context.newPage();
}

/** Opens a reader and waits for its marks and words (the vocabulary script has run). */
async function openReader(page: Page, slug: string): Promise<void> {
  const marks = page.waitForResponse((r) => r.url().includes(`/api/vocabulary/marks?article=${slug}`), WAIT);
  await page.goto(`${app.baseUrl}/a/${slug}`);
  await marks;
  await page.locator('[data-coverage-article]').waitFor(WAIT);
}

/** The words "Show new words" underlines in a row (one CSS highlight of ranges, no elements). */
const newWordsIn = (page: Page, row: number) =>
  page.evaluate(
    (n) =>
      [...((CSS.highlights.get('nb-new') as Highlight | undefined) ?? [])]
        .filter((r) => (r as Range).startContainer.parentElement?.closest('section[data-row]')?.getAttribute('data-row') === String(n))
        .map((r) => r.toString()),
    row,
  );
const marksIn = (page: Page, row: number) => page.locator(`#p-${row} .cell.de mark.vocab[data-note]`).allTextContents();
const panelOpen = (page: Page) => page.evaluate(() => document.querySelector<HTMLDialogElement>('dialog.vocab-panel')?.open ?? false);

async function doubleClickWord(page: Page, selector: string, word: string): Promise<void> {
  await page.locator(selector).scrollIntoViewIfNeeded();
  const { top, bottom, left, right } = await wordBoxIn(page.locator(selector).first(), word);
  const box = { x: (left + right) / 2, y: (top + bottom) / 2 };
  await page.mouse.dblclick(box.x, box.y);
}

/** The library's figure for an article ("12 % known"), once it has one. */
async function libraryPercent(page: Page, slug: string): Promise<number> {
  const span = page.locator(`[data-coverage-for="${slug}"]`);
  // Other files import articles on the shared server too: the article may have moved to a later page.
  for (let n = 1; n <= 20; n++) {
    const coverage = page.waitForResponse((r) => r.url().includes('/api/words/coverage?'), WAIT);
    await page.goto(`${app.baseUrl}/${n === 1 ? '' : `?page=${n}`}`);
    await coverage;
    if ((await span.count()) > 0) break;
  }
  await span.waitFor({ state: 'visible', ...WAIT });
  return Number(/^(\d+) % known$/.exec((await span.textContent()) ?? '')?.[1]);
}

/** Waits until the server has counted the article's words (after its English). */
async function indexed(slug: string): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    const { coverage } = (await (await fetch(`${app.baseUrl}/api/words/coverage?articles=${slug}`)).json()) as { coverage: object };
    if (slug in coverage) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`The words of ${slug} were not counted.`);
}

beforeAll(async () => {
  app = sharedApp('default');
  browser = await launchBrowser();
  const tag = uniqueWord('Wortstatus');
  first = await importArticle(app, `Die Gäste sind gestern Abend ${tag} gekommen. Sie blieben bis Mitternacht.\n\nDer Zug kommt um acht Uhr an.`, 'Die Gäste');
  second = await importArticle(app, `Am Montag kamen die Minister ${tag} zusammen. Sie kamen aus vielen Ländern.\n\nDie Gespräche dauerten drei Tage.`, 'Die Minister');
  await Promise.all([indexed(first), indexed(second)]);
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
});

describe('marks by dictionary form', () => {
  it('saving "gekommen" marks "kamen" in another article', async () => {
    const page = await newPage();
    await openReader(page, first);
    await doubleClickWord(page, '#p-1 .cell.de .s[data-s="0"]', 'gekommen');
    await expect.poll(() => panelOpen(page), WAIT).toBe(true);
    const save = page.locator('dialog.vocab-panel').getByRole('button', { name: 'Save', exact: true });
    await save.waitFor(WAIT);
    await save.click();
    await expect.poll(() => panelOpen(page), WAIT).toBe(false);
    await expect.poll(() => marksIn(page, 1), WAIT).toEqual(['gekommen']);

    await openReader(page, second);
    // "kamen ... zusammen" is zusammenkommen; the plain "kamen" of the second sentence is kommen.
    await expect.poll(() => marksIn(page, 1), WAIT).toEqual(['kamen']);
    expect(await page.locator('#p-1 .cell.de .s[data-s="1"] mark.vocab').textContent()).toBe('kamen');
  });
});

describe('word statuses and coverage', () => {
  it('the article does not move when the learner’s figures arrive (desktop and phone)', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await newPage(viewport);
      // The marks answer is held until the page has been measured without it.
      let answer!: () => void;
      const held = new Promise<void>((resolve) => (answer = resolve));
      await page.route('**/api/vocabulary/marks?**', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${app.baseUrl}/a/${second}`);
      const top = () => page.locator('#p-1').evaluate((row) => row.getBoundingClientRect().top);
      const before = await top();
      answer();
      await page.locator('[data-coverage-article]').waitFor(WAIT);
      expect(await top()).toBe(before);
    }
  });

  it('"Mark the rest known" makes the library’s percentage for the article go up; show new words highlights the rest', async () => {
    const page = await newPage();
    const before = await libraryPercent(page, second);
    expect(before).toBe(0);

    await openReader(page, second);
    expect(await page.locator('[data-coverage-article]').textContent()).toBe('0 %');
    await page.getByRole('button', { name: 'Show new words' }).click();
    await expect.poll(async () => (await newWordsIn(page, 1)).length, WAIT).toBeGreaterThan(5);
    expect(await page.getByRole('button', { name: 'Show new words' }).getAttribute('aria-pressed')).toBe('true');

    await page.locator('#p-1').hover();
    const marked = page.waitForResponse((r) => r.url().endsWith('/api/words/status') && r.status() === 200, WAIT);
    await page.locator('#p-1 [data-known-rest]').click();
    await marked;
    await expect.poll(() => newWordsIn(page, 1), WAIT).toEqual([]);
    expect((await newWordsIn(page, 2)).length).toBeGreaterThan(0);
    const inReader = Number((await page.locator('[data-coverage-article]').textContent())?.replace(' %', ''));
    expect(inReader).toBeGreaterThan(50);

    const after = await libraryPercent(page, second);
    expect(after).toBe(inReader);
    expect(after).toBeGreaterThan(before);

    // Remembered: the highlight is still on after a reload, on the words still new.
    await openReader(page, second);
    await expect.poll(() => newWordsIn(page, 2), WAIT).toEqual(['Gespräche', 'dauerten', 'drei', 'Tage']);

    // A long article on a phone: rows far below get their new words as the learner scrolls to them.
    await page.setViewportSize({ width: 390, height: 844 });
    await openReader(page, DEMO_SLUG);
    await page.locator('#p-15').scrollIntoViewIfNeeded();
    await expect.poll(async () => (await newWordsIn(page, 15)).length, WAIT).toBeGreaterThan(5);
    const lastText = (await page.locator('#p-15 .cell.de').textContent()) ?? '';
    for (const word of await newWordsIn(page, 15)) expect(lastText).toContain(word);
  });

  it('Known in the panel, or k, marks the looked-up word known; again unmarks it', async () => {
    const page = await newPage();
    await openReader(page, first);
    await page.getByRole('button', { name: 'Show new words' }).click();
    const isNew = async (word: string) => (await newWordsIn(page, 2)).filter((w) => w === word).length;
    await expect.poll(() => isNew('Zug'), WAIT).toBe(1);

    await doubleClickWord(page, '#p-2 .cell.de .s[data-s="0"]', 'Zug');
    await expect.poll(() => panelOpen(page), WAIT).toBe(true);
    const known = page.waitForResponse((r) => r.url().endsWith('/api/words/status'), WAIT);
    await page.keyboard.press('k');
    expect((await known).status()).toBe(200);
    await expect.poll(() => isNew('Zug'), WAIT).toBe(0);
    const toggle = page.locator('dialog.vocab-panel .known-toggle');
    await expect.poll(() => toggle.getAttribute('aria-pressed'), WAIT).toBe('true');

    const unmarked = page.waitForResponse((r) => r.url().endsWith('/api/words/status'), WAIT);
    await toggle.click();
    await unmarked;
    await expect.poll(() => toggle.getAttribute('aria-pressed'), WAIT).toBe('false');
    await page.keyboard.press('Escape');
    await expect.poll(() => isNew('Zug'), WAIT).toBe(1);
  });

  it('screenshots: the reader with marks and new words, and the library with percentages, on a desktop and a phone', async () => {
    for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      const page = await newPage(viewport);
      // A learner with a note ("kamen", so every "kamen" is marked) and the first paragraph's other words known.
      await page.goto(`${app.baseUrl}/`);
      await page.evaluate(async () => {
        const post = (url: string, body: object) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        await post('/api/vocabulary', { term: 'kamen', translation: 'came', baseForm: 'kommen' });
        await post('/api/words/status', { lemmas: ['am', 'die', 'sie', 'aus', 'viel'], status: 'known' });
      });
      await openReader(page, second);
      await expect.poll(() => marksIn(page, 1), WAIT).toEqual(['kamen', 'kamen']);
      await page.getByRole('button', { name: 'Show new words' }).click();
      await expect.poll(async () => (await newWordsIn(page, 2)).length, WAIT).toBeGreaterThan(0);
      await page.screenshot({ path: `/tmp/words-reader-${name}.png` });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(viewport.width);
      await libraryPercent(page, second);
      await page.screenshot({ path: `/tmp/words-library-${name}.png` });
    }
  });
});

describe('the word-status API', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${app.baseUrl}/api/words/status`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('answers bad input with a 4xx and a message, and another site’s request with 403', async () => {
    const cases: Array<[string, number, RegExp]> = [
      ['{"lemmas": [], "status": "known"}', 400, /empty/],
      ['{"lemmas": ["hund"], "status": "gelernt"}', 400, /"known" or "new"/],
      [JSON.stringify({ lemmas: Array.from({ length: 2001 }, (_, i) => `w${i}`), status: 'known' }), 413, /At most 2,000/],
      [JSON.stringify({ lemmas: ['hund\u2066'], status: 'known' }), 400, /control/],
      ['not json', 400, /not valid JSON/],
      [JSON.stringify({ lemmas: ['x'.repeat(700_000)], status: 'known' }), 413, /larger than/],
    ];
    for (const [body, status, message] of cases) {
      const res = await post(body);
      expect([res.status, ((await res.json()) as { error: string }).error]).toEqual([status, expect.stringMatching(message)]);
    }
    const text = await fetch(`${app.baseUrl}/api/words/status`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    const crossSite = await post('{"lemmas": ["hund"], "status": "known"}', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('set-cookie')).toBeNull();

    const coverage = async (query: string) => (await fetch(`${app.baseUrl}/api/words/coverage${query}`)).status;
    expect(await coverage('')).toBe(400);
    expect(await coverage(`?articles=${Array.from({ length: 51 }, (_, i) => `a${i}`).join(',')}`)).toBe(400);
    expect(await coverage('?articles=no-such-article')).toBe(200);
  });

  it('keeps statuses per learner: another learner’s cookie-less request knows nothing', async () => {
    const res = await post('{"lemmas": ["zug"], "status": "known"}');
    expect(res.status).toBe(200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    const mine = (await (await fetch(`${app.baseUrl}/api/vocabulary/marks?article=${first}`, { headers: { cookie } })).json()) as { known: string[] };
    expect(mine.known).toEqual(['zug']);
    const theirs = (await (await fetch(`${app.baseUrl}/api/vocabulary/marks?article=${first}`)).json()) as { known: string[] };
    expect(theirs.known).toEqual([]);
    const exported = await (await fetch(`${app.baseUrl}/api/vocabulary/export?format=known`, { headers: { cookie } })).text();
    expect(exported).toBe('zug\n');
  });
});
