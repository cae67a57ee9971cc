// Owns the browser and HTTP tests of /review: three words saved while reading become cards; a cloze
// answered and graded Good lowers the header's due count and goes days away; a card graded Again comes
// back in the same session; all of it by keyboard, then at 390 px; axe on /review at both widths; and the
// API's answers to another learner, bad grades, other sites and out-of-range limits. Runs on the shared
// default server with a learner of its own (a fresh browser context).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { importArticle, sharedApp, uniqueWord, type RunningApp } from './support/app-server';
import { seriousViolations } from './support/axe';
import { launchBrowser, wordBoxIn } from './support/browser';
import { DESKTOP, PHONE } from './support/browser-pages';

const WAIT = { timeout: 15_000 };
const DAY = 86_400_000;
const WORDS = ['Bahnhof', 'Fahrkarte', 'Koffer'] as const;

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let slug: string;
/** The article's sentences, one a paragraph: each holds one of WORDS. */
let sentences: string[];

beforeAll(async () => {
  app = sharedApp('default');
  browser = await launchBrowser();
  const tag = uniqueWord('Reise');
  sentences = [`Der Zug ${tag} wartet im Bahnhof.`, 'Ich kaufe eine Fahrkarte am Schalter.', 'Mein Koffer ist sehr schwer.'];
  slug = await importArticle(app, sentences.join('\n\n'), 'Die Reise');
  context = await browser.newContext({ viewport: DESKTOP, colorScheme: 'light' });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const panelOpen = (page: Page) => page.evaluate(() => document.querySelector<HTMLDialogElement>('dialog.vocab-panel')?.open ?? false);
const headerDue = (page: Page) => page.evaluate(() => Number(document.querySelector('.due-count')?.getAttribute('data-due') ?? 0));
const shownCard = (page: Page) => page.evaluate(() => document.querySelector('.review-card')?.getAttribute('data-card-id') ?? null);

async function saveWord(page: Page, row: number, word: string): Promise<void> {
  const sentence = page.locator(`#p-${row} .cell.de .s[data-s="0"]`);
  await sentence.scrollIntoViewIfNeeded();
  const { top, bottom, left, right } = await wordBoxIn(sentence, word);
  await page.mouse.dblclick((left + right) / 2, (top + bottom) / 2);
  await expect.poll(() => panelOpen(page), WAIT).toBe(true);
  const english = page.locator('dialog.vocab-panel input[name="translation"]');
  await expect.poll(async () => ((await english.count()) ? english.inputValue() : ''), WAIT).not.toBe('');
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/vocabulary') && r.request().method() === 'POST', WAIT);
  await page.locator('dialog.vocab-panel').getByRole('button', { name: 'Save', exact: true }).click();
  expect((await saved).status()).toBe(201);
  await expect.poll(() => panelOpen(page), WAIT).toBe(false);
}

/** Presses Tab until the focused element's accessible text matches. */
async function tabTo(page: Page, name: RegExp, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.closest('label')?.textContent ?? el?.textContent ?? '';
    });
    if (name.test(focused.trim())) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('reviewing what was saved while reading', () => {
  it('cloze answered and graded Good goes days away and the due count drops; Again comes back this session; keyboard only, then at 390 px', async () => {
    const page = await context.newPage();
    const marks = page.waitForResponse((r) => r.url().includes('/api/vocabulary/marks?'), WAIT);
    await page.goto(`${app.baseUrl}/a/${slug}`);
    await marks;
    for (const [i, word] of WORDS.entries()) await saveWord(page, i + 1, word);
    await expect.poll(() => headerDue(page), WAIT).toBeGreaterThanOrEqual(WORDS.length * 3);

    // From here on, the keyboard only. Practise only the cloze cards: one per word.
    const queued = page.waitForResponse((r) => r.url().includes('/api/review?limit='), WAIT);
    await page.goto(`${app.baseUrl}/review`);
    await queued;
    for (const [i, kind] of [/^Meaning/, /^Reverse/, /^Gender/].entries()) {
      await tabTo(page, kind);
      const saved = page.waitForResponse((r) => r.url().endsWith('/api/review/settings'), WAIT);
      const reloaded = page.waitForResponse((r) => r.url().includes('/api/review?limit=50'), WAIT);
      await page.keyboard.press('Space');
      expect((await saved).status()).toBe(200);
      await reloaded;
      await expect.poll(() => page.locator('input[name="kind"]:checked').count(), WAIT).toBe(3 - i);
    }
    await expect.poll(() => headerDue(page), WAIT).toBe(WORDS.length);
    await expect.poll(() => page.locator('.review-card').getAttribute('data-kind'), WAIT).toBe('cloze');
    await page.screenshot({ path: '/tmp/review-front-desktop.png' });
    expect(await seriousViolations(page)).toEqual([]);

    // The cloze: the sentence with its word blanked, the English sentence on demand, the answer typed.
    const sentence = (await page.locator('.card-sentence').textContent())?.replace('(missing word)', '') ?? '';
    const word = WORDS.find((w) => sentences.includes(sentence.replace('_____', w)));
    if (!word) throw new Error(`no saved word fits "${sentence}"`);
    expect(await page.locator('.card-source a').getAttribute('href')).toMatch(new RegExp(`^/a/${slug}/p/[1-3]$`));
    await tabTo(page, /^Hint: the English sentence/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.card-english').textContent(), WAIT).toMatch(/^EN\(/);
    await tabTo(page, /^The missing word/, 'Shift+Tab');
    await page.keyboard.type(word);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.verdict').textContent(), WAIT).toBe('Right.');
    await page.screenshot({ path: '/tmp/review-revealed-desktop.png' });
    const graded = page.waitForResponse((r) => /\/api\/review\/[\w-]+$/.test(r.url()), WAIT);
    await page.keyboard.press('3');
    const good = (await (await graded).json()) as { card: { due: string; state: string } };
    expect(new Date(good.card.due).getTime() - Date.now()).toBeGreaterThan(DAY);
    await expect.poll(() => headerDue(page), WAIT).toBe(WORDS.length - 1);
    expect(Date.parse((await page.locator('.review-last').getAttribute('data-next-due')) ?? '') - Date.now()).toBeGreaterThan(DAY);
    expect(await page.locator('.review-last').textContent()).toMatch(/next in [1-9]\d* days?/);

    // The next card: Space shows the answer, 1 is Again; it comes back after the last card.
    const again = await shownCard(page);
    await page.keyboard.press('Space');
    await page.locator('.grades').waitFor(WAIT);
    await page.keyboard.press('1');
    await expect.poll(() => shownCard(page), WAIT).not.toBe(again);
    await page.keyboard.press('Space');
    await page.locator('.grades').waitFor(WAIT);
    await page.keyboard.press('3');
    await expect.poll(() => shownCard(page), WAIT).toBe(again);
    await page.keyboard.press('Space');
    await page.locator('.grades').waitFor(WAIT);
    await page.keyboard.press('3');

    // The summary: every grade counted, and the history plot with its table.
    await page.locator('.review-summary .history-plot').waitFor(WAIT);
    expect(await page.locator('.review-summary p').first().textContent()).toBe('You graded 4 cards: 1 Again, 0 Hard, 3 Good, 0 Easy.');
    expect(await page.locator('.history-plot').getAttribute('aria-label')).toMatch(/^Reviews per day: 4 reviews in the last 30 days/);
    await page.screenshot({ path: '/tmp/review-summary-desktop.png', fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // At 390 px: the meaning cards back on, one graded by keyboard, nothing wider than the screen.
    await page.setViewportSize(PHONE);
    await tabTo(page, /^Meaning/);
    const reloaded = page.waitForResponse((r) => r.url().includes('/api/review?limit=50'), WAIT);
    await page.keyboard.press('Space');
    await reloaded;
    await expect.poll(() => page.locator('.review-card').count(), WAIT).toBe(1);
    expect(await page.locator('.review-card').getAttribute('data-kind')).toBe('meaning');
    await page.screenshot({ path: '/tmp/review-front-phone.png' });
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousViolations(page)).toEqual([]);
    const before = await headerDue(page);
    await page.keyboard.press('Space');
    await page.locator('.grades').waitFor(WAIT);
    await page.screenshot({ path: '/tmp/review-revealed-phone.png' });
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity)).toBeLessThanOrEqual(PHONE.width);
    await page.keyboard.press('4');
    await expect.poll(() => headerDue(page), WAIT).toBe(before - 1);
    for (let left = before - 1; left > 0; left--) {
      await expect.poll(() => page.locator('.grades').count(), WAIT).toBe(0);
      await page.keyboard.press('Space');
      await page.locator('.grades').waitFor(WAIT);
      await page.keyboard.press('3');
    }
    await expect.poll(() => page.locator('.review-summary .history-plot').getAttribute('aria-label'), WAIT).toMatch(/^Reviews per day: 7 reviews in the last 30 days/);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: '/tmp/review-summary-phone.png', fullPage: true });
  });
});

describe('the review API', () => {
  const post = (id: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${app.baseUrl}/api/review/${id}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it("refuses another learner's card (404), bad grades (400), other sites (403) and limits out of range (400)", async () => {
    // A learner of its own, by the API: one note, its cards.
    const saved = await fetch(`${app.baseUrl}/api/vocabulary`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ term: 'Gleis', translation: 'platform', nounArticle: 'das' }) });
    const cookie = (saved.headers.get('set-cookie') ?? '').split(';')[0];
    const queue = (await (await fetch(`${app.baseUrl}/api/review?limit=10`, { headers: { cookie } })).json()) as { due: number; cards: Array<{ id: string; kind: string }> };
    expect(queue.cards.map((c) => c.kind).sort()).toEqual(['gender', 'meaning', 'reverse']);
    const id = queue.cards[0].id;

    const stranger = await post(id, '{"grade":3}');
    expect(stranger.status).toBe(404);
    expect(((await stranger.json()) as { error: string }).error).toMatch(/No such card/);
    for (const body of ['{"grade":5}', '{"grade":"3"}', '{}', '{"grade":3,"card":"x"}']) {
      const bad = await post(id, body, { cookie });
      expect(bad.status, body).toBe(400);
      expect(((await bad.json()) as { error: string }).error, body).toMatch(/grade/);
    }
    const crossSite = await post(id, '{"grade":3}', { cookie, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    for (const limit of ['101', '-1', 'abc', '1e3']) {
      expect((await fetch(`${app.baseUrl}/api/review?limit=${limit}`, { headers: { cookie } })).status, limit).toBe(400);
    }
    // Nothing above changed the card: it is still due, and a real grade applies once.
    const ok = await post(id, '{"grade":3}', { cookie });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { card: { id: string } }).card.id).toBe(id);
    expect(((await (await fetch(`${app.baseUrl}/api/review?limit=0`, { headers: { cookie } })).json()) as { due: number }).due).toBe(queue.due - 1);
  });
});
