// Owns the browser tests of importing (issue 12, items 5 and 9): the import form's length limit as
// the counter shows it (a pasted text over the limit cannot be sent; CRLF line breaks, which a
// browser sends, count as the counter counts), and a leading "# heading" shown once, as the title.
// Runs on the shared default server: the articles it imports have titles and texts of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { MAX_ARTICLE_CHARS } from '@/lib/articles/limits';
import { sharedApp, type RunningApp } from './support/app-server';
import { seriousViolations } from './support/axe';
import { launchBrowser } from './support/browser';
import { callFormAction } from './support/server-actions';

const IMPORT_ACTION = { file: 'app/import/actions.ts', name: 'importArticleAction' };
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
const WAIT = { timeout: 20_000, interval: 100 };

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = sharedApp('default');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** A teacher's browser, signed in as an editor (importing needs one). */
async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  await app.signInBrowser(context);
  return context.newPage();
}

/** German text of exactly `chars` characters as a text field counts them (LF), in paragraphs of
 *  four lines, with the line breaks written `lineBreak`. */
function germanText(chars: number, lineBreak: '\n' | '\r\n'): string {
  const line = 'Ein ganz normaler Satz über das Wetter in Berlin.';
  const paragraph = Array(4).fill(line).join('\n');
  const text = `${Array(Math.ceil(chars / paragraph.length)).fill(paragraph).join('\n\n')}`.slice(0, chars - 1) + '.';
  return lineBreak === '\n' ? text : text.replace(/\n/g, '\r\n');
}

/** Puts `text` into the German text field at once, as a paste does (typing 200,000 characters with
 *  locator.fill takes Chromium over 30 s), and lets React see it. */
async function paste(page: Page, text: string): Promise<void> {
  await page.locator('#text').evaluate((field: HTMLTextAreaElement, value) => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(field, value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

describe('the import form and its length limit', () => {
  it.each(Object.entries(VIEWPORTS))('%s: 200,001 characters: the counter is red and the button is disabled, with the reason beside it', async (_, viewport) => {
    const page = await newPage(viewport);
    await page.goto(`${app.baseUrl}/import`);
    const button = page.getByRole('button', { name: 'Import and read' });
    await paste(page, germanText(MAX_ARTICLE_CHARS + 1, '\n'));
    await expect.poll(() => page.locator('.count').textContent(), WAIT).toBe('200,001 / 200,000 characters');
    expect(await page.locator('.count').getAttribute('class')).toContain('over');
    expect(await button.isDisabled()).toBe(true);
    const reason = page.locator('#submit-reason');
    expect(await reason.getAttribute('role')).toBe('status');
    expect(await reason.textContent()).toBe('The text has 200,001 characters, more than 200,000: shorten it, or split it into several articles.');
    expect(await button.getAttribute('aria-describedby')).toBe('submit-reason');
    expect(await seriousViolations(page)).toEqual([]);
    // Beside the button: on the same line on a desktop, right under it on a phone, always in view of it.
    const [b, r] = [await button.boundingBox(), await reason.boundingBox()];
    expect(r!.y).toBeLessThan(b!.y + b!.height + 40);
    await page.locator('#text').press('End');
    await page.locator('#text').press('Backspace');
    await expect.poll(() => button.isDisabled(), WAIT).toBe(false);
    expect(await reason.textContent()).toBe('');
    await page.context().close();
  });

  it('200,000 characters with Windows (CRLF) line breaks: accepted, and the article opens', async () => {
    const page = await newPage(VIEWPORTS.desktop);
    await page.goto(`${app.baseUrl}/import`);
    const text = germanText(MAX_ARTICLE_CHARS, '\r\n');
    expect(text.length).toBeGreaterThan(MAX_ARTICLE_CHARS);
    await page.locator('#title').fill('Wetter mit Zeilenumbrüchen');
    await paste(page, text);
    await expect.poll(() => page.locator('.count').textContent(), WAIT).toBe('200,000 / 200,000 characters');
    const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/import');
    await page.getByRole('button', { name: 'Import and read' }).click();
    // What the browser sent has CRLF line breaks, more than 200,000 characters in all.
    expect((await sent).postData()).toContain('Berlin.\r\nEin ganz normaler Satz');
    await page.waitForURL(/\/a\/wetter-mit-zeilenumbruechen$/, { timeout: 60_000 });
    expect(await page.locator('article[data-reader] h1').textContent()).toBe('Wetter mit Zeilenumbrüchen');
    await page.context().close();
  });

  it('a script that sends the form anyway with 200,001 characters in CRLF lines gets the count the counter shows', async () => {
    const answer = await callFormAction(app.baseUrl, '/import', IMPORT_ACTION, { title: '', text: germanText(MAX_ARTICLE_CHARS + 1, '\r\n') }, app.editorHeaders());
    expect(answer.result).toEqual({
      error: 'The text is too long (200,001 characters): split it into parts of at most 200,000 characters.',
    });
  });
});

describe('a leading "# heading" is the title, shown once', () => {
  let slug: string;

  beforeAll(async () => {
    const res = await fetch(`${app.baseUrl}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...app.editorHeaders() },
      body: JSON.stringify({ text: '# Überschrift\n\nErster Absatz über Gezeitenmühlen.\n\nZweiter Absatz über Gezeitenmühlen.' }),
    });
    expect(res.status).toBe(201);
    slug = ((await res.json()) as { slug: string }).slug;
  });

  it.each(Object.entries(VIEWPORTS))('%s: the reader shows "Überschrift" once, as its title, and ¶1 is the first paragraph', async (_, viewport) => {
    const page = await newPage(viewport);
    await page.goto(`${app.baseUrl}/a/${slug}`);
    expect(await page.locator('article[data-reader] h1').textContent()).toBe('Überschrift');
    const german = await page.locator('article[data-reader] .cell.de').allTextContents();
    expect(german.filter((t) => t.includes('Überschrift'))).toEqual([]);
    expect(await page.locator('#p-1 .num').textContent()).toBe('1');
    expect(await page.locator('#p-1 .cell.de p').first().innerText()).toBe('Erster Absatz über Gezeitenmühlen.');
    expect(await page.locator('section.row').count()).toBe(2);
    await page.context().close();
  });
});
