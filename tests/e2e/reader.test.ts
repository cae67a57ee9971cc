// Owns the browser tests of the library, the side-by-side reader and the import form (app + fake DeepL with a key).
// Runs on the shared default server: the article it imports and the title it types are its own, and
// it asks the fake DeepL only about requests holding its article's words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { slugify } from '@/lib/articles/slug';
import { sharedApp, type RunningApp } from './support/app-server';
import { launchBrowser } from './support/browser';
import { openLibraryPageListing } from './support/library';

const DEMO_TITLE = 'Putin und Kim treffen sich am Weltraumbahnhof';
const DEMO_PATH = '/a/putin-und-kim-treffen-sich-am-weltraumbahnhof';
const DEMO_ROWS = 15;
const DEMO_HEADINGS = [3, 6, 10, 13];
const ROW_8_CREDIT = 'Bild: Mikhail Metzel, Sputnik, Kremlin Pool Photo via AP/picture alliance';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

// The pasted article: a heading (it becomes the title), then two paragraphs of two sentences each, found nowhere else.
const IMPORT_HEADING = 'Der Leuchtturm von Kleinhafen';
const IMPORT_PARAGRAPHS = [
  ['Der Leuchtturm von Kleinhafen steht seit hundert Jahren an der Küste.', 'Jede Nacht wandert sein Licht über das dunkle Wasser.'],
  ['Die Wärterin Greta Albers kennt jede Stufe der engen Treppe.', 'Sie schreibt das Wetter jeden Abend in ein altes Heft.'],
];
const IMPORT_TEXT = [IMPORT_HEADING, ...IMPORT_PARAGRAPHS.map((p) => p.join(' '))].join('\n\n');
const IMPORT_SLUG = 'der-leuchtturm-von-kleinhafen';
/** In the first paragraph: DeepL requests for this article hold it. */
const IMPORT_WORD = 'Kleinhafen';
/** In the second paragraph. */
const IMPORT_WORD_2 = 'Greta Albers';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = sharedApp('default');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** A fresh page (own cookies and cache) at the given size, opened at `path`. */
async function open(path: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(app.baseUrl + path);
  return page;
}

async function close(page: Page): Promise<void> {
  await page.context().close();
}

interface RowBox {
  row: number;
  de: { x: number; y: number; width: number; height: number };
  en: { x: number; y: number; width: number; height: number };
}

/** The bounding boxes of each row's German and English cells, in page order. */
function rowBoxes(page: Page): Promise<RowBox[]> {
  return page.$$eval('section.row[data-row]', (rows) =>
    rows.map((row) => {
      const deCell = row.querySelector('.cell.de');
      const enCell = row.querySelector('.cell.en');
      if (!deCell || !enCell) throw new Error(`row ${row.getAttribute('data-row')} lacks a .cell.de or .cell.en`);
      const de = deCell.getBoundingClientRect();
      const en = enCell.getBoundingClientRect();
      return {
        row: Number(row.getAttribute('data-row')),
        de: { x: de.x, y: de.y, width: de.width, height: de.height },
        en: { x: en.x, y: en.y, width: en.width, height: en.height },
      };
    }),
  );
}

/** Every highlighted sentence as "lang row.sentence", e.g. "en 1.1". */
function linkedSentences(page: Page): Promise<string[]> {
  return page.$$eval('.s.is-linked', (els) =>
    els.map((el) => `${el.getAttribute('lang')} ${el.closest('[data-row]')?.getAttribute('data-row')}.${el.getAttribute('data-s')}`),
  );
}

/** Hovers the sentence until something is highlighted (the first hover may come before the page's script runs). */
async function hoverUntilLinked(page: Page, selector: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.mouse.move(0, 0);
        await page.locator(selector).hover();
        return (await linkedSentences(page)).length;
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThan(0);
}

/** Signs the tab in as an editor, opens /import and waits until the form reacts to typing (the character counter follows the text). */
async function openImportForm(page: Page): Promise<void> {
  await app.signInBrowser(page.context());
  await page.goto(app.baseUrl + '/import');
  const text = page.locator('#text');
  const counter = page.locator('.import-form .count');
  await expect
    .poll(async () => {
      await text.fill('');
      await text.fill('x');
      return counter.textContent();
    }, { timeout: 15_000 })
    .toBe('1 / 200,000 characters');
  await text.fill('');
  await expect.poll(() => counter.textContent(), { timeout: 5_000 }).toBe('0 / 200,000 characters');
}

describe('library', () => {
  it('lists the bundled demo article and links to its reader', async () => {
    const page = await open('/');
    await openLibraryPageListing(page, app.baseUrl, DEMO_PATH.slice('/a/'.length));
    const link = page.getByRole('link', { name: DEMO_TITLE, exact: true });
    expect(await link.count()).toBe(1);
    expect(await link.getAttribute('href')).toBe(DEMO_PATH);
    await link.click();
    await page.waitForURL(app.baseUrl + DEMO_PATH);
    expect(await page.locator('h1').textContent()).toBe(DEMO_TITLE);
    await close(page);
  });
});

describe('site icon', () => {
  it('/favicon.ico and the icon the pages link to are served', async () => {
    const ico = await fetch(`${app.baseUrl}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    expect([...new Uint8Array(await ico.arrayBuffer()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);

    const page = await open('/');
    const href = await page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute('href');
    expect(href).toBeTruthy();
    const svg = await fetch(new URL(href ?? '', app.baseUrl));
    expect(svg.status).toBe(200);
    expect(await svg.text()).toContain('<svg');
    await close(page);
  });
});

describe('demo reader', () => {
  it('shows 15 rows, German left of English, both starting at the same height', async () => {
    const page = await open(DEMO_PATH);
    const boxes = await rowBoxes(page);
    expect(boxes.map((b) => b.row)).toEqual(Array.from({ length: DEMO_ROWS }, (_, i) => i + 1));
    for (const { row, de, en } of boxes) {
      expect(de.x + de.width, `row ${row}: German ends left of the English`).toBeLessThanOrEqual(en.x);
      expect(Math.abs(de.y - en.y), `row ${row}: both cells start at the same top`).toBeLessThanOrEqual(2);
    }
    await close(page);
  });

  it('has English in every row, marks the languages, keeps the photo credit and renders headings as h2', async () => {
    const page = await open(DEMO_PATH);
    const rows = await page.$$eval('section.row[data-row]', (sections) =>
      sections.map((row) => ({
        row: Number(row.getAttribute('data-row')),
        deLang: row.querySelector('.cell.de')?.getAttribute('lang'),
        enLang: row.querySelector('.cell.en')?.getAttribute('lang'),
        english: row.querySelector('.cell.en')?.textContent?.trim() ?? '',
        source: row.querySelector('.cell.en')?.getAttribute('data-source'),
        deH2: row.querySelectorAll('.cell.de h2').length,
        enH2: row.querySelectorAll('.cell.en h2').length,
      })),
    );
    expect(rows).toHaveLength(DEMO_ROWS);
    for (const r of rows) {
      expect(r.english, `row ${r.row} English`).not.toBe('');
      expect(r.english, `row ${r.row} English`).not.toContain('Translating');
      expect(r.source, `row ${r.row} English source`).toBe('bundled');
      expect([r.deLang, r.enLang], `row ${r.row} lang attributes`).toEqual(['de', 'en']);
      const heading = DEMO_HEADINGS.includes(r.row) ? 1 : 0;
      expect([r.deH2, r.enH2], `row ${r.row} h2 count (German, English)`).toEqual([heading, heading]);
    }
    // What a reader sees and a screen reader announces (the practice-mode gloss inside it is display: none).
    expect(await page.locator('#p-3 .cell.de h2').innerText()).toBe('Kim glaubt an Moskaus Sieg im Krieg');
    expect(await page.getByRole('heading', { name: 'Kim glaubt an Moskaus Sieg im Krieg', exact: true }).count()).toBe(1);
    expect(await page.locator('#p-3 .cell.en h2').textContent()).toBe('Kim believes Moscow will win the war');

    expect(await page.locator('#p-8 .cell.en .credit').textContent()).toBe(ROW_8_CREDIT);

    expect(await page.locator('.source-label').textContent()).toContain('bundled demo translation');
    expect(await page.locator('.reader-head').textContent()).toContain('15 of 15 paragraphs translated');
    await close(page);
  });

  it('links a sentence to its counterpart on hover, both ways, and on keyboard focus', async () => {
    const page = await open(DEMO_PATH);

    // German sentence 2 of row 1 → English sentence 2 of row 1, and no other English sentence.
    await hoverUntilLinked(page, '#p-1 .cell.de .s[data-s="1"]');
    expect((await linkedSentences(page)).sort()).toEqual(['de 1.1', 'en 1.1']);

    // English sentence 1 of row 2 → German sentence 1 of row 2; row 1 is no longer highlighted.
    await page.locator('#p-2 .cell.en .s[data-s="0"]').hover();
    expect((await linkedSentences(page)).sort()).toEqual(['de 2.0', 'en 2.0']);

    // Keyboard: focus a German sentence, then → to the next one (Tab goes on to the next paragraph).
    await page.mouse.move(0, 0);
    expect(await linkedSentences(page)).toEqual([]);
    await page.locator('#p-4 .cell.de .s[data-s="0"]').focus();
    expect((await linkedSentences(page)).sort()).toEqual(['de 4.0', 'en 4.0']);
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-row]')?.id)).toBe('p-4');
    expect((await linkedSentences(page)).sort()).toEqual(['de 4.1', 'en 4.1']);
    await page.keyboard.press('Tab');
    expect((await linkedSentences(page)).sort()).toEqual(['de 5.0', 'en 5.0']);
    await close(page);
  });

  it('stacks German above English on a 390 px phone, without horizontal scrolling', async () => {
    const page = await open(DEMO_PATH, PHONE);
    const boxes = await rowBoxes(page);
    expect(boxes).toHaveLength(DEMO_ROWS);
    for (const { row, de, en } of boxes) {
      expect(en.y, `row ${row}: English starts below the German`).toBeGreaterThanOrEqual(de.y + de.height);
    }
    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity);
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await close(page);
  });
});

describe('import', () => {
  it('opens a pasted article at once and fills in the English from DeepL with one request', async () => {
    // DeepL holds the article's request, so the reader first shows the German with pending English and must refresh itself.
    await app.fake.faultWhen(IMPORT_WORD, { kind: 'hold' });
    const page = await open('/');
    try {
      await openImportForm(page);
      await page.locator('#text').fill(IMPORT_TEXT);
      await page.getByRole('button', { name: 'Import and read' }).click();
      await page.waitForURL(`${app.baseUrl}/a/${IMPORT_SLUG}`);
      await app.fake.waitHeld(IMPORT_WORD);

      // While DeepL holds the request: the heading is the title, shown once, ¶1 is the first paragraph.
      expect(await page.locator('h1').textContent()).toBe(IMPORT_HEADING);
      expect(await page.locator('section.row').count()).toBe(2);
      expect(await page.locator('#p-1 .cell.de .s').allTextContents()).toEqual(IMPORT_PARAGRAPHS[0]);
      expect(await page.locator('#p-2 .cell.de .s').allTextContents()).toEqual(IMPORT_PARAGRAPHS[1]);
      expect(await page.locator('.cell.en.state-pending').count()).toBe(2);

      // Marks this document: a full reload would lose the mark, the page's own refresh keeps it.
      await page.evaluate(() => document.documentElement.setAttribute('data-e2e-mark', 'before'));
      await app.fake.release(IMPORT_WORD);
      await page.waitForFunction(
        () => document.querySelectorAll('.cell.en .s').length === 4 && document.querySelectorAll('.cell.en.state-pending').length === 0,
        undefined,
        { timeout: 30_000 },
      );
      expect(await page.evaluate(() => document.documentElement.getAttribute('data-e2e-mark'))).toBe('before');

      expect(await page.locator('#p-1 .cell.en .s').allTextContents()).toEqual(IMPORT_PARAGRAPHS[0].map((s) => `EN(${s})`));
      expect(await page.locator('#p-2 .cell.en .s').allTextContents()).toEqual(IMPORT_PARAGRAPHS[1].map((s) => `EN(${s})`));
      expect(await page.locator('.source-label').textContent()).toBe('translated by DeepL');
      expect(await page.locator('.reader-head').textContent()).toContain('2 of 2 paragraphs translated');

      // Reopening the article shows the same English without asking DeepL again.
      await page.reload();
      expect(await page.locator('.cell.en .s').count()).toBe(4);
      const requests = await app.fake.requestsFor(IMPORT_WORD);
      expect(requests).toHaveLength(1);
      expect(requests[0].texts).toHaveLength(2);
      expect(requests[0].texts[0]).toContain(IMPORT_PARAGRAPHS[0][1]);
      expect(requests[0].texts[1]).toContain(IMPORT_PARAGRAPHS[1][1]);
      // The second paragraph went in that same request, and in no other.
      expect(await app.fake.requestsFor(IMPORT_WORD_2)).toEqual(requests);
      expect(await app.fake.attemptsFor(IMPORT_WORD)).toBe(1);
    } finally {
      await app.fake.clearFaults(IMPORT_WORD);
      await close(page);
    }
  });

  it('refuses empty text and a file that is not UTF-8, keeps the typed title and creates no article', async () => {
    const page = await open('/');
    // No other test types this title: an article stored from either form would have its slug.
    const title = 'Mein Titel bleibt stehen';

    await openImportForm(page);
    await page.locator('#title').fill(title);
    await page.getByRole('button', { name: 'Import and read' }).click();
    const error = page.locator('#import-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('The article is empty');
    expect(new URL(page.url()).pathname).toBe('/import');
    expect(await page.locator('#title').inputValue()).toBe(title);

    await openImportForm(page);
    await page.locator('#title').fill(title);
    await page.locator('#file').setInputFiles({
      name: 'artikel.txt',
      mimeType: 'text/plain',
      buffer: Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0xe4]), Buffer.from('Grüße aus Köln.', 'latin1')]),
    });
    await page.getByRole('button', { name: 'Import and read' }).click();
    await error.waitFor();
    expect(await error.textContent()).toContain('not UTF-8');
    expect(new URL(page.url()).pathname).toBe('/import');
    expect(await page.locator('#title').inputValue()).toBe(title);

    expect((await fetch(`${app.baseUrl}/api/articles/${slugify(title)}`)).status).toBe(404);
    await page.goto(app.baseUrl + '/');
    expect(await page.locator('.library-item h2').allTextContents()).not.toContain(title);
    await close(page);
  });
});
