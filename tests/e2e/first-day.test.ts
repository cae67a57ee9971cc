// Owns the browser tests of what a learner is told when DeepL fails (an instance with ADMIN_PASSWORD, so
// learners and editors differ): a rejected key and no key at all, in the banner, the rows, practice mode
// and the word panel; the operator's message on /status, in the server log and for a signed-in editor.
// The rejected key runs on a server of its own (DeepL's 403 opens the circuit breaker, /status and the log
// are the whole server's); no key at all on the shared noKey server, with an article of this file's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TRANSLATION_ERROR_LEARNER_MESSAGES } from '@/lib/translation/types';
import { sharedApp, startApp, uniqueWord, type OwnApp, type RunningApp } from './support/app-server';
import { launchBrowser } from './support/browser';

const DESKTOP = { width: 1280, height: 800 };
const WAIT = { timeout: 10_000 };
const HYDRATED = { timeout: 15_000 };
/** What only an operator can act on; a learner's page never shows it. */
const OPERATOR_WORDS = /DEEPL_AUTH_KEY|DEEPL_SERVER_URL|TRANSLATION_DAILY_CHAR_LIMIT|restart the app/;

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP, colorScheme: 'light' });
  contexts.push(context);
  return context.newPage();
}

/** Imports an article as a script would, with the password as a bearer token; resolves with its slug. */
async function importArticle(app: RunningApp, title: string, text: string): Promise<string> {
  const res = await fetch(`${app.baseUrl}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...app.editorHeaders() },
    body: JSON.stringify({ title, text }),
  });
  const body = (await res.json()) as { slug?: string };
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.slug ?? '';
}

/** Opens the article and waits until every English cell has settled into "failed" (the page refreshes itself). */
async function openFailed(app: RunningApp, page: Page, urlPath: string, rows: number): Promise<void> {
  await page.goto(app.baseUrl + urlPath);
  await page.waitForFunction((n) => document.querySelectorAll('.cell.en.state-failed').length === n, rows, { timeout: 30_000 });
}

/** Everything the page holds as text: the visible text and the HTML (attributes such as title= included). */
async function pageText(page: Page): Promise<string> {
  return `${await page.locator('body').innerText()}\n${await page.content()}`;
}


/** Clicks a German sentence in practice mode until its gloss opens (the first click may come before the script runs). */
async function reveal(page: Page, selector: string): Promise<string> {
  const gloss = page.locator(`${selector} + .gloss`);
  await expect
    .poll(async () => {
      if (!(await gloss.isVisible())) await page.locator(selector).click();
      return gloss.isVisible();
    }, HYDRATED)
    .toBe(true);
  const [sentence, below] = await Promise.all([page.locator(selector).boundingBox(), gloss.boundingBox()]);
  if (!sentence || !below) throw new Error('the sentence or its gloss is not rendered');
  expect(below.y, 'the reason opens right under the sentence').toBeGreaterThanOrEqual(sentence.y + sentence.height - 1);
  expect(below.y - (sentence.y + sentence.height)).toBeLessThan(16);
  return (await gloss.textContent()) ?? '';
}

describe('DeepL refuses the key', () => {
  let app: OwnApp;
  let slug: string;
  const ROWS = 2;

  beforeAll(async () => {
    app = await startApp();
    app.fake.setFault({ kind: 'status', status: 403 });
    slug = await importArticle(app, 'Die Fähre von Glückstadt', 'Die Fähre fährt jede Stunde über die Elbe.\n\nIm Winter bleibt sie manchmal im Hafen.');
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('a learner reads what it means for them, in the banner, the rows, practice mode and the word panel, never what to configure', async () => {
    const page = await newPage();
    await openFailed(app, page, `/a/${slug}`, ROWS);
    const banner = page.locator('.banner[role="alert"]');
    expect(await banner.textContent()).toContain(`${ROWS} paragraphs not translated.`);
    expect(await banner.textContent()).toContain(TRANSLATION_ERROR_LEARNER_MESSAGES.key_rejected);
    expect(await page.locator('#p-1 .cell.en').textContent()).toContain(TRANSLATION_ERROR_LEARNER_MESSAGES.key_rejected);
    expect(await pageText(page)).not.toMatch(OPERATOR_WORDS);

    // The word panel: no English from DeepL, and why, in the learner's words.
    await expect
      .poll(async () => {
        await page.mouse.move(0, 0);
        const box = await page.locator('#p-1 .cell.de .s').evaluate((el) => {
          const text = el.firstChild;
          const range = document.createRange();
          range.setStart(text as Node, 4);
          range.setEnd(text as Node, 9);
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        });
        await page.mouse.dblclick(box.x, box.y);
        // Wait for the panel this double-click opens, before the next try's click could close it again.
        return page.waitForSelector('dialog.vocab-panel[open]', { timeout: 3_000 }).then(
          () => true,
          () => false,
        );
      }, HYDRATED)
      .toBe(true);
    const panel = page.locator('dialog.vocab-panel');
    await expect.poll(() => panel.locator('input[name="translation"]').count(), WAIT).toBe(1);
    expect(await panel.textContent()).toContain(TRANSLATION_ERROR_LEARNER_MESSAGES.key_rejected);
    expect(await pageText(page)).not.toMatch(OPERATOR_WORDS);
    await panel.getByRole('button', { name: 'Cancel' }).click();

    // Practice mode: clicking a sentence says why there is no English, right under it.
    await openFailed(app, page, `/a/${slug}?mode=practice`, ROWS);
    expect(await reveal(page, '#p-2 .cell.de .s[data-s="0"]')).toBe(TRANSLATION_ERROR_LEARNER_MESSAGES.key_rejected);
    expect(await pageText(page)).not.toMatch(OPERATOR_WORDS);
  });

  it('the operator’s message is on /status, in the server log and on a signed-in editor’s page, and the learner’s page stays a learner’s', async () => {
    const status = await newPage();
    await status.goto(`${app.baseUrl}/status`);
    expect(await status.locator('main').innerText()).toContain('DEEPL_AUTH_KEY');
    expect(app.output()).toMatch(/Translation failed \(key_rejected\): DeepL rejected the key\. Check DEEPL_AUTH_KEY/);

    const editor = await newPage();
    await app.signInBrowser(editor.context());
    await editor.goto(`${app.baseUrl}/a/${slug}`);
    // The editor's wording comes after load, once the page has asked who is signed in (GET /api/session).
    await editor.waitForFunction((n) => document.querySelectorAll('.cell.en.state-failed .failed[title]').length === n, ROWS, { timeout: 30_000 });
    expect(await editor.locator('.banner[role="alert"]').textContent()).toContain('Check DEEPL_AUTH_KEY');
    expect(await editor.locator('#p-1 .cell.en .failed').getAttribute('title')).toContain('DEEPL_AUTH_KEY');

    // The same address for a learner right after: their own wording (no page kept from the editor's view).
    const learner = await newPage();
    await openFailed(app, learner, `/a/${slug}`, ROWS);
    expect(await pageText(learner)).not.toMatch(OPERATOR_WORDS);
  });
});

describe('no DeepL key at all', () => {
  let app: RunningApp;
  let slug: string;
  const ROWS = 2;

  beforeAll(async () => {
    app = sharedApp('noKey');
    const town = uniqueWord('Husum');
    slug = await importArticle(app, `Der Markt in ${town}`, `Am Samstag ist Markt auf dem Platz von ${town}.\n\nEs gibt Fisch, Käse und frisches Brot.`);
  });

  it('practice mode: a click on a sentence says, under it, that English is not available yet; no button that cannot help', async () => {
    const page = await newPage();
    await openFailed(app, page, `/a/${slug}?mode=practice`, ROWS);
    expect(await page.locator('.s[data-s][role="button"]').count()).toBe(2);
    expect(await reveal(page, '#p-2 .cell.de .s[data-s="0"]')).toBe(TRANSLATION_ERROR_LEARNER_MESSAGES.no_key);
    expect(await page.locator('.banner').textContent()).toContain(TRANSLATION_ERROR_LEARNER_MESSAGES.no_key);
    expect(await page.getByRole('button', { name: 'Translate again' }).count()).toBe(0);
    expect(await pageText(page)).not.toMatch(OPERATOR_WORDS);
    // Nothing is sent to DeepL (by any test on this server: none has a key to send).
    expect(await app.fake.attemptsFor('')).toBe(0);
  });

  it('an editor is told to set DEEPL_AUTH_KEY, and /status says so too', async () => {
    const editor = await newPage();
    await app.signInBrowser(editor.context());
    await editor.goto(`${app.baseUrl}/a/${slug}`);
    await editor.waitForFunction((n) => document.querySelectorAll('.cell.en.state-failed .failed[title]').length === n, ROWS, { timeout: 30_000 });
    expect(await editor.locator('.banner').textContent()).toContain('Set DEEPL_AUTH_KEY and restart the app');
    expect(await editor.getByRole('button', { name: 'Translate again' }).count()).toBeGreaterThan(0);
    await editor.goto(`${app.baseUrl}/status`);
    expect(await editor.locator('main').innerText()).toContain('set DEEPL_AUTH_KEY');
  });
});
