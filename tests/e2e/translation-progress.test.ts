// Owns the browser tests of the reader's progress while a new article is translated: English shows
// without a reload soon after it is stored, top first, and nothing is asked once all is translated.
// Runs on the shared default server; its article's made-up words are its own, so the fake DeepL's
// holds and logs are too. The page's clock is Playwright's: ten minutes pass without waiting for them.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sharedApp } from './support/app-server';
import { DESKTOP, PHONE, useBrowserPages } from './support/browser-pages';

/** In every block of the first screenful (blocks 1–12, the first DeepL request), and in the rest. */
const TOP_WORD = 'Quendelmoor';
const REST_WORD = 'Ysselkamp';
/** More than one request holds (50 texts): the top goes alone. */
const BLOCKS = 60;
const TEXT = Array.from({ length: BLOCKS }, (_, i) =>
  `Abschnitt ${i + 1} über ${i < 12 ? TOP_WORD : REST_WORD}. Der Wind weht heute aus Nordwest.`,
).join('\n\n');

const app = sharedApp('default');
const { newPage } = useBrowserPages({ viewport: DESKTOP });

async function importArticle(title: string): Promise<string> {
  const res = await fetch(`${app.baseUrl}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...app.editorHeaders() },
    body: JSON.stringify({ title, text: TEXT }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { slug: string }).slug;
}

/** How many of the article's blocks the API has as translated. */
async function doneOnServer(slug: string): Promise<number> {
  const body = (await (await fetch(`${app.baseUrl}/api/articles/${slug}`)).json()) as { blocks: Array<{ translation: { status: string } }> };
  return body.blocks.filter((b) => b.translation.status === 'done').length;
}

const englishRows = (page: Page) => page.locator('.cell.en .s').count();

describe('a learner opens an article DeepL is still translating', () => {
  it('sees the top in English while the rest is pending, then the rest, without a reload; then nothing more is asked', async () => {
    await app.fake.faultWhen(TOP_WORD, { kind: 'hold' });
    await app.fake.faultWhen(REST_WORD, { kind: 'hold' });
    const page = await newPage();
    try {
      const slug = await importArticle(`Fortschritt ${TOP_WORD}`);
      await app.fake.waitHeld(TOP_WORD);
      await app.fake.waitHeld(REST_WORD);
      await page.clock.install();
      await page.goto(`${app.baseUrl}/a/${slug}`);
      expect(await page.locator('.cell.en.state-pending').count()).toBe(BLOCKS);
      const polls: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === `/api/articles/${slug}`) polls.push(r.url());
      });
      // A full reload would lose this mark; the page's own refresh keeps it.
      await page.evaluate(() => document.documentElement.setAttribute('data-e2e-mark', 'opened'));

      // DeepL answers the top: its English shows while the rest is still pending.
      await app.fake.release(TOP_WORD);
      await page.waitForFunction(() => document.querySelectorAll('.cell.en .s').length === 24, undefined, { timeout: 20_000 });
      expect(await page.locator('#p-1 .cell.en').textContent()).toContain(TOP_WORD);
      expect(await page.locator('#p-13 .cell.en.state-pending').count()).toBe(1);
      expect(await page.locator('.cell.en.state-pending').count()).toBe(BLOCKS - 12);

      await app.fake.release(REST_WORD);
      await page.waitForFunction((n) => document.querySelectorAll('.cell.en.state-pending').length === 0 && document.querySelectorAll('.cell.en .s').length === n, BLOCKS * 2, { timeout: 20_000 });
      expect(await page.evaluate(() => document.documentElement.getAttribute('data-e2e-mark'))).toBe('opened');
      expect(polls.length).toBeGreaterThanOrEqual(2);

      // Everything is translated: ten minutes of the page's time pass without a single request for progress.
      await page.clock.pauseAt(Date.now() + 1_000);
      const asked = polls.length;
      await page.clock.runFor(10 * 60_000);
      expect(polls.length).toBe(asked);
      // Each text went to DeepL once: the top in one request, the rest in another.
      expect((await app.fake.requestsFor(TOP_WORD)).map((r) => r.texts.length)).toEqual([12]);
      expect((await app.fake.requestsFor(REST_WORD)).map((r) => r.texts.length)).toEqual([BLOCKS - 12]);
    } finally {
      await app.fake.clearFaults(TOP_WORD);
      await app.fake.clearFaults(REST_WORD);
    }
  });

  it('asks nothing while its tab is hidden, and at once when it is shown again', async () => {
    const word = 'Wabbelsand';
    await app.fake.faultWhen(word, { kind: 'hold' });
    const page = await newPage({ viewport: PHONE });
    try {
      const res = await fetch(`${app.baseUrl}/api/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...app.editorHeaders() },
        body: JSON.stringify({ text: `Verborgen ${word}\n\nDer Strand von ${word} ist lang. Die Möwen schreien.` }),
      });
      const { slug } = (await res.json()) as { slug: string };
      await app.fake.waitHeld(word);
      await page.clock.install();
      await page.goto(`${app.baseUrl}/a/${slug}`);
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await page.clock.pauseAt(Date.now() + 1_000);
      const polls: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === `/api/articles/${slug}`) polls.push(r.url());
      });
      await page.clock.runFor(10 * 60_000);
      expect(polls).toEqual([]);

      await app.fake.release(word);
      await expect.poll(() => doneOnServer(slug), { timeout: 20_000 }).toBe(1);
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await page.waitForFunction(() => document.querySelectorAll('.cell.en.state-pending').length === 0, undefined, { timeout: 20_000 });
      expect(polls.length).toBeGreaterThanOrEqual(1);
      expect(await englishRows(page)).toBe(2);
    } finally {
      await app.fake.clearFaults(word);
    }
  });
});
