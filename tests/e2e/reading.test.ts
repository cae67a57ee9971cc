// Owns the browser tests of the reader's reading features: display modes, practice, keyboard, theme and size, print, read aloud, resume, accessibility.
// Runs on the shared default server: it only reads the demo article, and each test is a reader of its own (a fresh context).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { sharedApp } from './support/app-server';
import { seriousViolations } from './support/axe';
import { useBrowserPages, waitForReaderScript } from './support/browser-pages';
import { openLibraryPageListing } from './support/library';

const DEMO_SLUG = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';
const DEMO_PATH = `/a/${DEMO_SLUG}`;
const DEMO_ROWS = 15;
const MODES = ['side', 'interleaved', 'practice', 'german'] as const;
type Mode = (typeof MODES)[number];
const DESKTOP = { width: 1280, height: 900 };
const POSITIONS_KEY = 'nebeneinander:positions';
const WAIT = { timeout: 10_000 };

/** The demo's English, sentence by sentence, as bundled with the app. */
const DEMO_ENGLISH: string[][] = (
  JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'prisma', 'demo', 'demo-article.en.json'), 'utf8')) as {
    blocks: { n: number; sentences: string[] }[];
  }
).blocks.map((b) => b.sentences);
/** Every English sentence as "row.sentence", e.g. "2.1" for the second sentence of row 2. */
const ALL_ENGLISH_IDS = DEMO_ENGLISH.flatMap((sentences, i) => sentences.map((_, s) => `${i + 1}.${s}`));

const app = sharedApp('default');
/** A fresh browser context (own cookies and storage, closed after the test) and a page in it. */
const { newPage } = useBrowserPages({ viewport: DESKTOP, colorScheme: 'light' });

// ---------------------------------------------------------------- helpers

async function open(urlPath: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await newPage(options);
  await page.goto(app.baseUrl + urlPath);
  return page;
}


/** The mode the page shows: html[data-mode], set before the first paint and by the toolbar. */
function readerMode(page: Page): Promise<string | null> {
  return page.evaluate(() => document.documentElement.getAttribute('data-mode'));
}

/** The modes whose toolbar button is pressed. */
function pressedModes(page: Page): Promise<string[]> {
  return page.$$eval('[data-mode-choice][aria-pressed="true"]', (buttons) => buttons.map((b) => b.getAttribute('data-mode-choice') ?? ''));
}

/** The English sentences a reader can see (in the English column, or under a German sentence in practice mode), as "row.sentence". */
function visibleEnglish(page: Page): Promise<string[]> {
  return page.$$eval('.cell.en .s, .gloss[data-s]', (els) =>
    els.filter((el) => el.checkVisibility()).map((el) => `${el.closest('[data-row]')?.getAttribute('data-row')}.${el.getAttribute('data-s')}`),
  );
}

/** For each element matching the selector, whether it is rendered (not display:none, itself or above). */
function visibility(page: Page, selector: string): Promise<boolean[]> {
  return page.$$eval(selector, (els) => els.map((el) => el.checkVisibility()));
}

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}
interface RowBox {
  row: number;
  de: Box;
  en: Box;
}

/** Each row's German and English cell boxes, in page order. */
function rowBoxes(page: Page): Promise<RowBox[]> {
  return page.$$eval('section.row[data-row]', (rows) =>
    rows.map((row) => {
      const box = (selector: string) => {
        const cell = row.querySelector(selector);
        if (!cell) throw new Error(`row ${row.getAttribute('data-row')} lacks ${selector}`);
        const r = cell.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      };
      return { row: Number(row.getAttribute('data-row')), de: box('.cell.de'), en: box('.cell.en') };
    }),
  );
}

/** The sum of the red, green and blue of the body's computed background (0 black … 765 white). */
function backgroundBrightness(page: Page): Promise<number> {
  return page.evaluate(() => {
    const rgb = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g) ?? [];
    return rgb.slice(0, 3).reduce((sum, c) => sum + Number(c), 0);
  });
}

function htmlAttribute(page: Page, name: string): Promise<string | null> {
  return page.evaluate((attr) => document.documentElement.getAttribute(attr), name);
}

function fontSizePx(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (el) => parseFloat(getComputedStyle(el).fontSize));
}

function activeId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.id || null);
}

/** The row's top and bottom relative to the viewport, and the viewport height. */
function rowInViewport(page: Page, n: number): Promise<{ top: number; bottom: number; height: number }> {
  return page.$eval(`#p-${n}`, (row) => {
    const r = row.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: window.innerHeight };
  });
}

const GHOSTSCRIPT = ['/usr/bin/gs', '/usr/local/bin/gs'].find((p) => fs.existsSync(p));

/** The text of each page of a PDF, as Ghostscript's txtwrite device lays it out (NFKC: no ligatures). */
function printedPages(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nebeneinander-print-'));
  try {
    fs.writeFileSync(path.join(dir, 'handout.pdf'), pdf);
    execFileSync(GHOSTSCRIPT ?? 'gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=txtwrite', `-sOutputFile=${path.join(dir, 'page-%d.txt')}`, path.join(dir, 'handout.pdf')]);
    const files = fs.readdirSync(dir).filter((f) => f.startsWith('page-')).sort((a, b) => parseInt(a.slice(5), 10) - parseInt(b.slice(5), 10));
    return files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8').normalize('NFKC'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The value of one of this browser's cookies for the app, or null. */
async function cookie(page: Page, name: string): Promise<string | null> {
  const found = (await page.context().cookies(app.baseUrl)).find((c) => c.name === name);
  return found ? decodeURIComponent(found.value) : null;
}

function savedPositions(page: Page): Promise<Record<string, number>> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, number>, POSITIONS_KEY);
}

// ---------------------------------------------------------------- speech synthesis stub

interface StubVoice {
  name: string;
  lang: string;
  voiceURI: string;
  localService: boolean;
  default: boolean;
}
interface SpokenUtterance {
  text: string;
  lang: string;
  voiceLang: string | null;
  /** The text of every `.is-speaking` element right after the utterance's onstart ran. */
  speakingAtStart: string[];
}
interface SpeechStubWindow extends Window {
  __spoken: SpokenUtterance[];
  /** With `hold`, each utterance's onend waits here until the test calls it. */
  __pendingEnds: (() => void)[];
}

const GERMAN_VOICE: StubVoice = { name: 'Test Deutsch', lang: 'de-DE', voiceURI: 'test-de', localService: true, default: true };
const ENGLISH_VOICE: StubVoice = { name: 'Test English', lang: 'en-US', voiceURI: 'test-en', localService: true, default: true };

/** Runs in the page before its scripts: a speechSynthesis that records what it is asked to say instead of speaking. */
function stubSpeech({ voices, hold }: { voices: StubVoice[]; hold: boolean }): void {
  const w = window as unknown as SpeechStubWindow;
  w.__spoken = [];
  w.__pendingEnds = [];
  // The real `voice` setter accepts only a genuine SpeechSynthesisVoice; the stub's voices are plain objects.
  const chosen = new WeakMap<SpeechSynthesisUtterance, SpeechSynthesisVoice | null>();
  Object.defineProperty(SpeechSynthesisUtterance.prototype, 'voice', {
    configurable: true,
    get(this: SpeechSynthesisUtterance) {
      return chosen.get(this) ?? null;
    },
    set(this: SpeechSynthesisUtterance, voice: SpeechSynthesisVoice | null) {
      chosen.set(this, voice);
    },
  });
  const synth = window.speechSynthesis;
  synth.getVoices = () => voices as unknown as SpeechSynthesisVoice[];
  synth.cancel = () => undefined;
  synth.speak = (u: SpeechSynthesisUtterance) => {
    const record: SpokenUtterance = { text: u.text, lang: u.lang, voiceLang: u.voice?.lang ?? null, speakingAtStart: [] };
    w.__spoken.push(record);
    u.onstart?.call(u, new Event('start') as SpeechSynthesisEvent);
    record.speakingAtStart = Array.from(document.querySelectorAll('.is-speaking'), (el) => el.textContent ?? '');
    const end = () => u.onend?.call(u, new Event('end') as SpeechSynthesisEvent);
    if (hold) w.__pendingEnds.push(end);
    else setTimeout(end, 0);
  };
}

async function openWithSpeech(voices: StubVoice[], hold = false): Promise<Page> {
  const page = await newPage();
  await page.context().addInitScript(stubSpeech, { voices, hold });
  await page.goto(app.baseUrl + DEMO_PATH);
  await waitForReaderScript(page);
  return page;
}

function spoken(page: Page): Promise<SpokenUtterance[]> {
  return page.evaluate(() => (window as unknown as SpeechStubWindow).__spoken);
}

/** Ends the utterance being spoken (stub with `hold`). */
async function finishUtterance(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as SpeechStubWindow).__pendingEnds.shift()?.());
}

/** The sentences marked as being spoken, as "row.sentence". */
function speakingSentences(page: Page): Promise<string[]> {
  return page.$$eval('.is-speaking', (els) => els.map((el) => `${el.closest('[data-row]')?.getAttribute('data-row')}.${el.getAttribute('data-s')}`));
}

// ---------------------------------------------------------------- tests

describe('display modes', () => {
  it('side: German and English cells side by side in every row', async () => {
    const page = await open(`${DEMO_PATH}?mode=side`);
    expect(await readerMode(page)).toBe('side');
    const boxes = await rowBoxes(page);
    expect(boxes.map((b) => b.row)).toEqual(Array.from({ length: DEMO_ROWS }, (_, i) => i + 1));
    for (const { row, de, en } of boxes) {
      expect(de.right, `row ${row}: German ends left of the English`).toBeLessThanOrEqual(en.left);
    }
  });

  it('interleaved: English below the German in every row', async () => {
    const page = await open(`${DEMO_PATH}?mode=interleaved`);
    expect(await readerMode(page)).toBe('interleaved');
    const boxes = await rowBoxes(page);
    expect(boxes).toHaveLength(DEMO_ROWS);
    for (const { row, de, en } of boxes) {
      expect(en.top, `row ${row}: English starts below the German`).toBeGreaterThanOrEqual(de.bottom);
    }
  });

  it('practice: German visible, no English visible at first', async () => {
    const page = await open(`${DEMO_PATH}?mode=practice`);
    expect(await readerMode(page)).toBe('practice');
    expect(await visibility(page, '.cell.de')).toEqual(Array(DEMO_ROWS).fill(true));
    expect(await page.locator('.gloss').count()).toBe(ALL_ENGLISH_IDS.length);
    expect(await visibleEnglish(page)).toEqual([]);
  });

  it('german: no English shown, nor read by a screen reader', async () => {
    const page = await open(`${DEMO_PATH}?mode=german`);
    expect(await readerMode(page)).toBe('german');
    expect(await visibility(page, '.cell.de')).toEqual(Array(DEMO_ROWS).fill(true));
    // The page is the same HTML in every mode: the English is there, display: none (gone from the accessibility tree too).
    expect(await visibility(page, '.cell.en')).toEqual(Array(DEMO_ROWS).fill(false));
    expect(await visibleEnglish(page)).toEqual([]);
    const shown = await page.locator('article[data-reader]').innerText();
    const aria = await page.locator('article[data-reader]').ariaSnapshot();
    expect(shown).not.toContain('For the first time in years');
    const leaked = DEMO_ENGLISH.flat().filter((sentence) => shown.includes(sentence) || aria.includes(sentence));
    expect(leaked, 'English sentences shown or read out on the German-only page').toEqual([]);
    expect(aria).not.toContain('paragraphs translated');
  });
});

describe('choosing a mode', () => {
  it('switches from the toolbar, is remembered for the plain URL, and a ?mode= link does not change what is remembered', async () => {
    const page = await open(DEMO_PATH);
    expect(await readerMode(page)).toBe('side');
    await expect.poll(() => pressedModes(page), WAIT).toEqual(['side']);
    await waitForReaderScript(page);

    await page.locator('[data-mode-choice="interleaved"]').click();
    await expect.poll(() => readerMode(page), WAIT).toBe('interleaved');
    await expect.poll(() => pressedModes(page), WAIT).toEqual(['interleaved']);
    expect(await page.locator('[data-mode-choice="side"]').getAttribute('aria-pressed')).toBe('false');
    expect(await cookie(page, 'nb-mode')).toBe('interleaved');

    // A new load of the plain URL opens in the chosen mode.
    await page.goto(app.baseUrl + DEMO_PATH);
    expect(await readerMode(page)).toBe('interleaved');
    await expect.poll(() => pressedModes(page), WAIT).toEqual(['interleaved']);

    // A link with ?mode= opens its mode for that view only.
    await page.goto(`${app.baseUrl}${DEMO_PATH}?mode=practice`);
    expect(await readerMode(page)).toBe('practice');
    await expect.poll(() => pressedModes(page), WAIT).toEqual(['practice']);
    expect(await cookie(page, 'nb-mode')).toBe('interleaved');
    await page.goto(app.baseUrl + DEMO_PATH);
    expect(await readerMode(page)).toBe('interleaved');
  });
});

describe('practice mode', () => {
  it('reveals and hides one English sentence by click and by Enter', async () => {
    const page = await open(`${DEMO_PATH}?mode=practice`);
    await waitForReaderScript(page);

    const german = page.locator('#p-2 .cell.de .s[data-s="1"]');
    await german.click();
    await expect.poll(() => visibleEnglish(page), WAIT).toEqual(['2.1']);
    const english = page.locator('#p-2 .gloss[data-s="1"]');
    expect(await english.textContent()).toBe(DEMO_ENGLISH[1][1]);
    // Right under the sentence (the paragraph's next sentence starts below it), not under the paragraph.
    const [sentenceBox, englishBox, nextBox] = await Promise.all(
      [german, english, page.locator('#p-2 .cell.de .s[data-s="2"]')].map((l) => l.boundingBox()),
    );
    if (!sentenceBox || !englishBox || !nextBox) throw new Error('a sentence or its English is not rendered');
    expect(englishBox.y - (sentenceBox.y + sentenceBox.height)).toBeGreaterThanOrEqual(-1);
    expect(englishBox.y - (sentenceBox.y + sentenceBox.height)).toBeLessThan(16);
    expect(nextBox.y).toBeGreaterThanOrEqual(englishBox.y + englishBox.height - 1);
    await german.click();
    await expect.poll(() => visibleEnglish(page), WAIT).toEqual([]);

    await page.locator('#p-4 .cell.de .s[data-s="0"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => visibleEnglish(page), WAIT).toEqual(['4.0']);
    await page.keyboard.press('Enter');
    await expect.poll(() => visibleEnglish(page), WAIT).toEqual([]);
  });

  it('"Reveal all" shows every English sentence of every row, "Hide all" hides them', async () => {
    const page = await open(`${DEMO_PATH}?mode=practice`);
    await waitForReaderScript(page);

    await page.getByRole('button', { name: 'Reveal all' }).click();
    await expect.poll(() => visibleEnglish(page), WAIT).toEqual(ALL_ENGLISH_IDS);
    expect(await page.$$eval('.cell.de .s[role="button"]', (ss) => ss.every((s) => s.getAttribute('aria-expanded') === 'true'))).toBe(true);

    await page.getByRole('button', { name: 'Hide all' }).click();
    await expect.poll(() => visibleEnglish(page), WAIT).toEqual([]);
  });
});

describe('keyboard reading', () => {
  it('j and k move a visible focus from row to row and scroll a far row into view', async () => {
    const page = await open(DEMO_PATH);
    await waitForReaderScript(page);

    await page.keyboard.press('j');
    await expect.poll(() => activeId(page), WAIT).toBe('p-1');
    expect(await page.$eval('#p-1', (row) => getComputedStyle(row).outlineStyle)).not.toBe('none');
    await page.keyboard.press('j');
    await expect.poll(() => activeId(page), WAIT).toBe('p-2');
    await page.keyboard.press('k');
    await expect.poll(() => activeId(page), WAIT).toBe('p-1');

    for (let i = 0; i < 12; i++) await page.keyboard.press('j');
    await expect.poll(() => activeId(page), WAIT).toBe('p-13');
    // Scrolled "nearest", the row may end exactly at the viewport's bottom: allow a pixel of sub-pixel rounding.
    await expect
      .poll(async () => {
        const { top, bottom, height } = await rowInViewport(page, 13);
        return top >= -1 && bottom <= height + 1;
      }, WAIT)
      .toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  });

  it('ArrowDown and ArrowUp work like j and k when nothing else is focused', async () => {
    const page = await open(DEMO_PATH);
    await waitForReaderScript(page);

    await page.keyboard.press('ArrowDown');
    await expect.poll(() => activeId(page), WAIT).toBe('p-1');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => activeId(page), WAIT).toBe('p-2');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => activeId(page), WAIT).toBe('p-1');
  });

  it('Tab stops once per paragraph: from the toolbar to the last paragraph in 15 presses; arrow keys move between sentences and reach the buttons', async () => {
    const page = await open(DEMO_PATH);
    await waitForReaderScript(page);
    // The focused element as "row item", e.g. "p-4 s1" (sentence 1 of row 4) or "p-4 Link".
    const focused = () =>
      page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        const row = a?.closest('[data-row]')?.id ?? '-';
        return `${row} ${a?.matches('.s[data-s]') ? `s${a.dataset.s}` : (a?.textContent ?? '').trim()}`;
      });

    // From the last control above the text, Tab to the last paragraph, counting.
    await page.locator('.shortcuts-button').focus();
    const stops: string[] = [];
    while (!stops.at(-1)?.startsWith('p-15 ') && stops.length < 60) {
      await page.keyboard.press('Tab');
      stops.push(await focused());
    }
    expect(stops.length, stops.join(', ')).toBeLessThanOrEqual(20);
    expect(stops).toEqual(Array.from({ length: DEMO_ROWS }, (_, i) => `p-${i + 1} s0`));

    // Inside the paragraph: → to the next sentence (its English lights up), End to the last button, ← back.
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('p-15 s1');
    expect(await page.$$eval('.s.is-linked', (els) => els.map((el) => `${el.getAttribute('lang')} ${el.getAttribute('data-s')}`).sort())).toEqual([
      'de 1',
      'en 1',
    ]);
    await page.keyboard.press('End');
    expect(await focused()).toBe('p-15 Mark the rest known');
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe('p-15 Save a word');
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe('p-15 Link');
    // ↑ from a button goes to the paragraph's last sentence; Shift+Tab leaves for the previous paragraph.
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe(`p-15 s${DEMO_ENGLISH[14].length - 1}`);
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('p-14 s0');
    // Tab comes back to where the reader was in that paragraph.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe(`p-15 s${DEMO_ENGLISH[14].length - 1}`);

    // ↓ runs on from the last sentence of a paragraph into the next one.
    await page.locator('#p-1 .cell.de .s[data-s="1"]').focus();
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('p-2 s0');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('p-1 s1');
  });

  it('? opens the shortcuts dialog and Escape closes it', async () => {
    const page = await open(DEMO_PATH);
    await waitForReaderScript(page);
    const dialog = page.locator('dialog#shortcuts');
    expect(await dialog.getAttribute('open')).toBeNull();

    await page.keyboard.press('?');
    await expect.poll(() => dialog.getAttribute('open'), WAIT).not.toBeNull();
    expect(await dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.getAttribute('open'), WAIT).toBeNull();
  });

  it('typing j in a form field types a j and moves nothing', async () => {
    const page = await newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await app.signInBrowser(page.context());
    await page.goto(`${app.baseUrl}/import`);
    const title = page.locator('#title');
    await title.focus();
    await page.keyboard.type('jjk');
    expect(await title.inputValue()).toBe('jjk');
    expect(await activeId(page)).toBe('title');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('theme and text size', () => {
  it('follows a dark system setting until the reader chooses', async () => {
    const page = await open(DEMO_PATH, { colorScheme: 'dark' });
    expect(await htmlAttribute(page, 'data-theme')).toBeNull();
    expect(await backgroundBrightness(page)).toBeLessThan(150);
  });

  it('the theme toggle turns a light page dark, and the choice survives a reload', async () => {
    const page = await open(DEMO_PATH, { colorScheme: 'light' });
    expect(await htmlAttribute(page, 'data-theme')).toBeNull();
    expect(await backgroundBrightness(page)).toBeGreaterThan(600);
    await waitForReaderScript(page);

    await page.locator('.theme-toggle').click();
    await expect.poll(() => htmlAttribute(page, 'data-theme'), WAIT).toBe('dark');
    expect(await backgroundBrightness(page)).toBeLessThan(150);
    expect(await cookie(page, 'nb-theme')).toBe('dark');

    await page.reload();
    expect(await htmlAttribute(page, 'data-theme')).toBe('dark');
    expect(await backgroundBrightness(page)).toBeLessThan(150);
  });

  it('"Large text" enlarges the German and the choice survives a reload', async () => {
    const page = await open(DEMO_PATH);
    const medium = await fontSizePx(page, '#p-2 .cell.de');
    await waitForReaderScript(page);

    const large = page.getByRole('button', { name: 'Large text' });
    await large.click();
    await expect.poll(() => fontSizePx(page, '#p-2 .cell.de'), WAIT).toBeGreaterThan(medium);
    expect(await large.getAttribute('aria-pressed')).toBe('true');
    const enlarged = await fontSizePx(page, '#p-2 .cell.de');
    expect(await cookie(page, 'nb-size')).toBe('large');

    await page.reload();
    expect(await htmlAttribute(page, 'data-size')).toBe('large');
    expect(await fontSizePx(page, '#p-2 .cell.de')).toBe(enlarged);
    await expect.poll(() => page.getByRole('button', { name: 'Large text' }).getAttribute('aria-pressed'), WAIT).toBe('true');
  });
});

describe('print', () => {
  it('side by side prints both columns without the toolbar, site header or row tools', async () => {
    const page = await open(`${DEMO_PATH}?mode=side`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[role=toolbar]').isVisible()).toBe(false);
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await visibility(page, '.row-tools')).toEqual(Array(DEMO_ROWS).fill(false));
    expect(await visibility(page, '.cell.de')).toEqual(Array(DEMO_ROWS).fill(true));
    expect(await visibility(page, '.cell.en')).toEqual(Array(DEMO_ROWS).fill(true));
    for (const { row, de, en } of await rowBoxes(page)) {
      expect(de.right, `row ${row}: German ends left of the English`).toBeLessThanOrEqual(en.left);
    }
  });

  it('practice prints lines to write on instead of the English, even English revealed on screen', async () => {
    const page = await open(`${DEMO_PATH}?mode=practice`);
    await waitForReaderScript(page);
    await page.getByRole('button', { name: 'Reveal all' }).click();
    await expect.poll(() => visibleEnglish(page), WAIT).toEqual(ALL_ENGLISH_IDS);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[role=toolbar]').isVisible()).toBe(false);
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await visibility(page, '.cell.de')).toEqual(Array(DEMO_ROWS).fill(true));
    expect(await visibleEnglish(page)).toEqual([]);
    expect(await visibility(page, '.write-lines')).toEqual(Array(DEMO_ROWS).fill(true));
  });

  // Reads the printed PDF back with Ghostscript's text output, page by page, where it is installed.
  it.skipIf(!GHOSTSCRIPT).each(['A4', 'Letter'])('the %s handout never ends a page with a heading (it goes with its paragraph)', async (format) => {
    const page = await open(`${DEMO_PATH}?mode=side`);
    const headings = (await page.$$eval('.row.kind-heading .cell', (cells) => cells.map((c) => c.querySelector('h2')?.textContent ?? ''))).map(
      (h) => h.normalize('NFKC'),
    );
    expect(headings).toHaveLength(8);
    const pages = printedPages(await page.pdf({ format }));
    expect(pages.length, 'the handout has several pages').toBeGreaterThan(1);
    for (const [i, text] of pages.slice(0, -1).entries()) {
      const lastLine = text.split('\n').filter((l) => l.trim() !== '').at(-1) ?? '';
      // The two columns print side by side on one line; each part is checked on its own.
      const parts = lastLine.trim().split(/\s{2,}/);
      const heading = parts.filter((part) => headings.some((h) => h.includes(part)));
      expect(heading, `page ${i + 1} ends with “${lastLine.trim()}”`).toEqual([]);
    }
  });
});

describe('read aloud', () => {
  it('"Read aloud" speaks the German sentences of its row in a German voice, marking the one being spoken', async () => {
    const page = await openWithSpeech([GERMAN_VOICE], true);
    const german = await page.locator('#p-1 .cell.de .s').allTextContents();
    expect(german).toHaveLength(2);

    await page.locator('#p-1 button[data-speak="1"]:not([data-from])').click();
    await expect.poll(async () => (await spoken(page)).length, WAIT).toBe(1);
    expect(await speakingSentences(page)).toEqual(['1.0']);
    await finishUtterance(page);
    await expect.poll(async () => (await spoken(page)).length, WAIT).toBe(2);
    expect(await speakingSentences(page)).toEqual(['1.1']);
    await finishUtterance(page);
    await expect.poll(() => speakingSentences(page), WAIT).toEqual([]);

    const said = await spoken(page);
    expect(said.map((u) => u.text)).toEqual(german);
    for (const u of said) {
      expect(u.lang.toLowerCase().startsWith('de'), `lang of "${u.text}"`).toBe(true);
      expect(u.voiceLang, `voice of "${u.text}"`).toBe(GERMAN_VOICE.lang);
      expect(u.speakingAtStart, 'the sentence being spoken is marked').toEqual([u.text]);
    }
  });

  it('"From here" on row 14 speaks every German sentence of rows 14 and 15', async () => {
    const page = await openWithSpeech([GERMAN_VOICE]);
    const german = await page.locator('#p-14 .cell.de .s, #p-15 .cell.de .s').allTextContents();
    expect(german).toHaveLength(4 + 6);

    await page.locator('#p-14 button[data-speak="14"][data-from]').click();
    await expect.poll(async () => (await spoken(page)).length, WAIT).toBe(german.length);
    await expect.poll(() => speakingSentences(page), WAIT).toEqual([]);
    const said = await spoken(page);
    expect(said.map((u) => u.text)).toEqual(german);
    expect(said.every((u) => u.voiceLang === GERMAN_VOICE.lang)).toBe(true);
  });

  it('without a German voice speaks nothing and says so on the button', async () => {
    const page = await openWithSpeech([ENGLISH_VOICE]);
    const button = page.locator('#p-1 button[data-speak="1"]:not([data-from])');
    await button.click();
    await expect.poll(() => button.textContent(), WAIT).toBe('No German voice');
    expect(await spoken(page)).toEqual([]);
  });
});

describe('resume', () => {
  it('remembers the paragraph at the top, offers it in the library and reopens there', async () => {
    const page = await open(DEMO_PATH);
    await expect
      .poll(async () => {
        await page.$eval('#p-9', (row) => row.scrollIntoView({ block: 'start' }));
        return (await savedPositions(page))[DEMO_SLUG] ?? 0;
      }, WAIT)
      .toBeGreaterThanOrEqual(8);
    const n = (await savedPositions(page))[DEMO_SLUG];

    await openLibraryPageListing(page, app.baseUrl, DEMO_SLUG);
    const resume = page.locator(`a[data-resume-for="${DEMO_SLUG}"]`);
    await expect.poll(() => resume.isVisible(), WAIT).toBe(true);
    expect(await resume.textContent()).toBe(`Continue at ¶${n}`);

    await page.goto(app.baseUrl + DEMO_PATH);
    await expect.poll(async () => Math.abs((await rowInViewport(page, n)).top), WAIT).toBeLessThanOrEqual(120);
  });
});

describe('accessibility', () => {
  it.each([
    ['the library', '/', false],
    ['the import form', '/import', true],
    ['the sign-in page', '/signin', false],
  ])('%s has no serious or critical axe violations', async (_name, urlPath, asEditor) => {
    const page = await newPage();
    if (asEditor) await app.signInBrowser(page.context());
    await page.goto(app.baseUrl + urlPath);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it.each(MODES)('the reader in %s mode (light) has no serious or critical axe violations, and marks each cell’s language', async (mode: Mode) => {
    const page = await open(`${DEMO_PATH}?mode=${mode}`);
    await waitForReaderScript(page);
    expect(await page.$$eval('.cell.de', (cells) => cells.map((c) => c.getAttribute('lang')))).toEqual(Array(DEMO_ROWS).fill('de'));
    // Practice mode shows the English under each German sentence: no English column.
    const englishCells = mode === 'german' || mode === 'practice' ? 0 : DEMO_ROWS;
    const shownEnglish = await page.$$eval('.cell.en', (cells) => cells.filter((c) => c.checkVisibility()).map((c) => c.getAttribute('lang')));
    expect(shownEnglish).toEqual(Array(englishCells).fill('en'));
    expect(await seriousViolations(page)).toEqual([]);
  });

  // Revealing adds aria-expanded, and the focused row shows its "Read aloud" / "From here" buttons (as touch screens always do).
  it('the reader in practice mode has none after a sentence is revealed', async () => {
    const page = await open(`${DEMO_PATH}?mode=practice`);
    await waitForReaderScript(page);
    await page.locator('#p-2 .cell.de .s[data-s="1"]').click();
    await expect.poll(() => visibleEnglish(page), WAIT).toEqual(['2.1']);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the reader side by side in dark theme has no serious or critical axe violations', async () => {
    const page = await open(DEMO_PATH, { colorScheme: 'dark' });
    await waitForReaderScript(page);
    expect(await backgroundBrightness(page)).toBeLessThan(150);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
