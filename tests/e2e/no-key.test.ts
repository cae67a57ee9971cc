// Owns the browser tests of the app started without a DeepL key: bundled demo still readable, imports explain the missing key.
// Runs on the shared noKey server: its imported article is this file's own (a family name no other test uses).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sharedApp, uniqueWord, type RunningApp } from './support/app-server';
import { launchBrowser } from './support/browser';

const DEMO_PATH = '/a/putin-und-kim-treffen-sich-am-weltraumbahnhof';
const FAMILY = uniqueWord('Brandt');
const IMPORT_PARAGRAPHS = [
  [`Im Garten der Familie ${FAMILY} wachsen seltene Kürbisse.`, 'Der größte wiegt in diesem Herbst fast vierzig Kilo.'],
  ['Die Nachbarn kommen jeden Sonntag zum Staunen vorbei.', 'Manche bringen sogar ihre eigenen Waagen mit.'],
];
const IMPORT_TEXT = IMPORT_PARAGRAPHS.map((p) => p.join(' ')).join('\n\n');

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = sharedApp('noKey');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function open(path: string, asEditor = false): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (asEditor) await app.signInBrowser(context);
  const page = await context.newPage();
  await page.goto(app.baseUrl + path);
  return page;
}

it('still shows the demo article fully translated (bundled English)', async () => {
  const page = await open(DEMO_PATH);
  expect(await page.locator('section.row').count()).toBe(15);
  expect(await page.locator('.cell.en[data-source="bundled"]').count()).toBe(15);
  expect(await page.locator('.cell.en.state-failed, .cell.en.state-pending').count()).toBe(0);
  expect(await page.locator('.banner').count()).toBe(0);
  expect(await page.locator('.reader-head').textContent()).toContain('15 of 15 paragraphs translated');
  await page.context().close();
});

it('shows an imported article in German at once and says in every English cell that no key is configured', async () => {
  const page = await open('/import', true);
  try {
    // Retry typing until React runs the form: the character counter then follows the text.
    const counter = page.locator('.import-form .count');
    await expect
      .poll(
        async () => {
          await page.locator('#text').fill('');
          await page.locator('#text').fill(IMPORT_TEXT);
          return counter.textContent();
        },
        { timeout: 15_000 },
      )
      .toBe(`${IMPORT_TEXT.length} / 200,000 characters`);
    await page.getByRole('button', { name: 'Import and read' }).click();
    await page.waitForURL((u) => u.pathname.startsWith(`/a/im-garten-der-familie-${FAMILY.toLowerCase()}`));

    expect(await page.locator('#p-1 .cell.de .s').allTextContents()).toEqual(IMPORT_PARAGRAPHS[0]);
    expect(await page.locator('#p-2 .cell.de .s').allTextContents()).toEqual(IMPORT_PARAGRAPHS[1]);

    // The English cells settle (the page refreshes itself) into an explanation with a retry button.
    // An editor's wording (with a tooltip) once the page knows it is an editor's (GET /api/session).
    await page.waitForFunction(() => document.querySelectorAll('.cell.en.state-failed .failed[title]').length === 2, undefined, {
      timeout: 30_000,
    });
    for (const n of [1, 2]) {
      const cell = page.locator(`#p-${n} .cell.en`);
      // The row says why in a few words; its tooltip and the banner say how to fix it.
      expect(await cell.textContent(), `row ${n} English`).toContain('Not translated: no DeepL key configured.');
      expect(await cell.locator('.failed').getAttribute('title'), `row ${n} tooltip`).toContain('DEEPL_AUTH_KEY');
      expect(await cell.getByRole('button', { name: 'Translate again' }).count(), `row ${n} button`).toBe(1);
    }

    const banner = page.locator('.banner[role="alert"]');
    expect(await banner.count()).toBe(1);
    expect(await banner.textContent()).toContain('2 paragraphs not translated');
    expect(await banner.textContent()).toContain('DEEPL_AUTH_KEY');
    expect(await banner.getByRole('button', { name: 'Translate again' }).count()).toBe(1);
    // The banner is above the first row.
    const bannerBox = await banner.boundingBox();
    const firstRowBox = await page.locator('#p-1').boundingBox();
    if (!bannerBox || !firstRowBox) throw new Error('the banner or row 1 is not rendered');
    expect(bannerBox.y + bannerBox.height).toBeLessThanOrEqual(firstRowBox.y);

    // A learner sees why too, but no button: only an editor may ask DeepL again.
    const learner = await open(new URL(page.url()).pathname);
    expect(await learner.locator('.cell.en.state-failed').count()).toBe(2);
    expect(await learner.getByRole('button', { name: 'Translate again' }).count()).toBe(0);
    const learnerBanner = await learner.locator('.banner[role="alert"]').textContent();
    expect(learnerBanner).toContain('English is not available yet; your teacher has been told.');
    expect(learnerBanner).not.toMatch(/DEEPL_|restart/);
    await learner.context().close();

    // Without a key nothing is sent to DeepL (by any test on this server: none has a key to send).
    expect(await app.fake.attemptsFor('')).toBe(0);
  } finally {
    await page.context().close();
  }
});
