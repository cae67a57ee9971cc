// Owns the browser tests of vocabulary notes: selecting a word in the reader (mouse and keyboard), saving
// it, its marks and tooltip, the /vocabulary page (search, sort, filter, edit, delete and undo), export,
// import, another learner's view, and accessibility. The tests of this file run in order and share one
// learner ("Alice", one browser context), as a learner's notes build up over a session.
// Runs on the shared default server (its learners are its own browser contexts, the article it imports
// has a title of its own); the look-up while DeepL fails runs on a server of its own, whose circuit
// breaker that failure opens.
import { text as streamText } from 'node:stream/consumers';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { sharedApp, startApp, type OwnApp, type RunningApp } from './support/app-server';
import { seriousViolations } from './support/axe';
import { launchBrowser, wordBoxIn } from './support/browser';

const DEMO_SLUG = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';
const DEMO_TITLE = 'Putin und Kim treffen sich am Weltraumbahnhof';
const DEMO_PATH = `/a/${DEMO_SLUG}`;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const WAIT = { timeout: 10_000 };
/** Long enough for a page's script to load and hydrate after the HTML arrived. */
const HYDRATED = { timeout: 15_000 };

const WORD = 'Weltraumbahnhof';
const WORD_SENTENCE = '#p-7 .cell.de .s[data-s="0"]';
const WORD_TRANSLATION = `EN(${WORD})`;
const FIRST_NOTE = 'Kosmodrom: von hier starten Raketen';
const EDITED_NOTE = 'Kosmodrom Wostotschny, im Osten Russlands';
/** Paragraph 5, sentence 1 of the demo; the keyboard test picks two adjacent words of it. */
const PHRASE_SENTENCE = '#p-5 .cell.de .s[data-s="0"]';
const PHRASE = ['engere', 'Beziehungen'];

let app: RunningApp;
let browser: Browser;
/** The learner whose notes build up through this file. */
let alice: BrowserContext;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = sharedApp('default');
  browser = await launchBrowser();
  alice = await newContext();
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
});

// ---------------------------------------------------------------- helpers

/** A browser context (own cookies: one learner), closed after the file. */
async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: DESKTOP, colorScheme: 'light', acceptDownloads: true, ...options });
  contexts.push(context);
  return context;
}

interface MarksAnswer {
  notes: Array<{ id: string; term: string; translation: string; note: string }>;
}

/**
 * Opens a reader page and waits until its vocabulary script runs: the script asks for the learner's
 * marks when it starts, in the same commit that attaches its listeners. Resolves with that answer.
 */
async function openReader(page: Page, urlPath = DEMO_PATH, baseUrl = app.baseUrl): Promise<MarksAnswer> {
  const marks = page.waitForResponse((r) => r.url().includes('/api/vocabulary/marks?'), HYDRATED);
  await page.goto(baseUrl + urlPath);
  return (await (await marks).json()) as MarksAnswer;
}

async function reloadReader(page: Page): Promise<MarksAnswer> {
  const marks = page.waitForResponse((r) => r.url().includes('/api/vocabulary/marks?'), HYDRATED);
  await page.reload();
  return (await (await marks).json()) as MarksAnswer;
}

/** Waits until React has hydrated the element (its event handlers are attached). */
async function waitUntilInteractive(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      return el !== null && Object.keys(el).some((k) => k.startsWith('__reactProps$'));
    },
    selector,
    HYDRATED,
  );
}

/** The middle of `word` inside the element, in viewport coordinates (scrolled into view first). */
async function wordCenter(page: Page, selector: string, word: string): Promise<{ x: number; y: number }> {
  await page.locator(selector).scrollIntoViewIfNeeded();
  const box = await wordBox(page, selector, word);
  return { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
}

/** Double-clicks a word of the German text with the mouse, as a reader selects it. */
async function doubleClickWord(page: Page, selector: string, word: string): Promise<void> {
  const { x, y } = await wordCenter(page, selector, word);
  await page.mouse.dblclick(x, y);
}

const panel = (page: Page) => page.locator('dialog.vocab-panel');

function panelOpen(page: Page): Promise<boolean> {
  return page.evaluate(() => document.querySelector<HTMLDialogElement>('dialog.vocab-panel')?.open ?? false);
}

/** Waits for the look-up panel to show DeepL's translation in its English field. */
async function waitForTranslation(page: Page, translation: string): Promise<void> {
  const field = panel(page).locator('input[name="translation"]');
  await expect.poll(async () => ((await field.count()) ? field.inputValue() : null), WAIT).toBe(translation);
}

/** The box of `word` inside the element, in viewport coordinates (without scrolling), from a DOM Range. */
function wordBox(page: Page, selector: string, word: string): Promise<{ top: number; bottom: number; left: number; right: number }> {
  return wordBoxIn(page.locator(selector).first(), word);
}

/** The text of the saved-term marks in a row's German column. */
function marksIn(page: Page, row: number): Promise<string[]> {
  return page.locator(`#p-${row} .cell.de mark.vocab[data-note]`).allTextContents();
}

/** Presses Tab until the focused element's text is `name` (the keyboard user's way to a control). */
async function tabTo(page: Page, name: string, maxPresses = 60): Promise<void> {
  for (let i = 0; i <= maxPresses; i++) {
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${maxPresses} presses of Tab did not reach “${name}”`);
}

/** The headings of the notes /vocabulary lists, in order ("der Weltraumbahnhof"). */
function listedNotes(page: Page): Promise<string[]> {
  return page.$$eval('.vocab-list .vocab-item h2', (hs) => hs.map((h) => (h.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

async function openVocabulary(page: Page, query = ''): Promise<void> {
  await page.goto(`${app.baseUrl}/vocabulary${query}`);
}

/** Submits the filter form (a plain GET form) and waits for the page whose query has these values. */
async function showFiltered(page: Page, query: Record<string, string>): Promise<void> {
  const arrived = (u: URL) => u.pathname === '/vocabulary' && Object.entries(query).every(([k, v]) => (u.searchParams.get(k) ?? '') === v);
  await Promise.all([page.waitForURL(arrived), page.getByRole('button', { name: 'Show' }).click()]);
}

async function downloadText(page: Page, linkName: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('link', { name: linkName }).click()]);
  // The browser runs in the global setup's process: the file comes as a stream (download.path() is not available).
  return { name: download.suggestedFilename(), text: await streamText(await download.createReadStream()) };
}

function passageRows(page: Page): Promise<number[]> {
  return page.$$eval('section.row.in-passage', (rows) => rows.map((r) => Number(r.getAttribute('data-row'))));
}

// ---------------------------------------------------------------- the reader

describe('saving a word in the reader', () => {
  it('a double-click on a word opens the panel with DeepL’s translation and the sentence; saved, the word is marked in the paragraph and the caption, with a tooltip, and a click on the mark edits the note', async () => {
    const page = await alice.newPage();
    const first = await openReader(page);
    expect(first.notes).toEqual([]);

    await doubleClickWord(page, WORD_SENTENCE, WORD);
    await expect.poll(() => panelOpen(page), WAIT).toBe(true);
    expect(await panel(page).locator('h2').textContent()).toBe(WORD);
    await waitForTranslation(page, WORD_TRANSLATION);
    const sentence = (await page.locator(WORD_SENTENCE).textContent()) ?? '';
    expect(sentence).toContain(WORD);
    expect(await panel(page).locator('.vocab-context').textContent()).toBe(sentence);
    expect(await panel(page).locator('input[name="baseForm"]').inputValue()).toBe(WORD);

    await panel(page).locator('select[name="nounArticle"]').selectOption('der');
    await panel(page).locator('textarea[name="note"]').fill(FIRST_NOTE);
    await panel(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => panelOpen(page), WAIT).toBe(false);
    await expect.poll(() => marksIn(page, 7), WAIT).toEqual([WORD]);

    // After a reload the marks come from the server: in paragraph 7 and in the photo caption (row 8).
    const reloaded = await reloadReader(page);
    expect(reloaded.notes.map((n) => n.term)).toEqual([WORD]);
    await expect.poll(() => marksIn(page, 7), WAIT).toEqual([WORD]);
    await expect.poll(() => marksIn(page, 8), WAIT).toEqual([WORD]);
    expect(await page.locator('#p-8').getAttribute('class')).toContain('kind-caption');
    const ids = await page.locator('.cell.de mark.vocab').evaluateAll((ms) => ms.map((m) => m.getAttribute('data-note')));
    expect(new Set(ids)).toEqual(new Set([reloaded.notes[0].id]));
    // Only the German is marked.
    expect(await page.locator('.cell.en mark.vocab').count()).toBe(0);

    const mark = page.locator('#p-7 .cell.de mark.vocab');
    await mark.hover();
    const tip = page.getByRole('tooltip');
    await expect.poll(() => tip.count(), WAIT).toBe(1);
    const tipText = (await tip.textContent()) ?? '';
    expect(tipText).toContain(`der ${WORD}`);
    expect(tipText).toContain(WORD_TRANSLATION);
    expect(tipText).toContain(FIRST_NOTE);
    expect(await mark.getAttribute('aria-describedby')).toBe(await tip.getAttribute('id'));

    await mark.click();
    await expect.poll(() => panelOpen(page), WAIT).toBe(true);
    const note = panel(page).locator('textarea[name="note"]');
    expect(await note.inputValue()).toBe(FIRST_NOTE);
    expect(await panel(page).locator('input[name="translation"]').inputValue()).toBe(WORD_TRANSLATION);
    await note.fill(EDITED_NOTE);
    await panel(page).getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => panelOpen(page), WAIT).toBe(false);

    await page.mouse.move(0, 0);
    await mark.hover();
    await expect.poll(async () => ((await tip.count()) ? tip.textContent() : ''), WAIT).toContain(EDITED_NOTE);
    await page.close();
  });

  it('keyboard only: w on a focused sentence, two adjacent words chosen with Tab and Enter, Look up, Save: the phrase is marked', async () => {
    const page = await alice.newPage();
    await openReader(page);
    await page.locator(PHRASE_SENTENCE).focus();
    await page.keyboard.press('w');
    await expect.poll(() => panelOpen(page), WAIT).toBe(true);
    expect(await panel(page).locator('h2').textContent()).toBe('Choose a word or phrase');
    // The word picker leaves the sentence it offers in view.
    const [picker, sentenceBox] = await Promise.all([panel(page).boundingBox(), page.locator(PHRASE_SENTENCE).boundingBox()]);
    if (!picker || !sentenceBox) throw new Error('the picker or the sentence is not rendered');
    const overlaps =
      picker.x < sentenceBox.x + sentenceBox.width && sentenceBox.x < picker.x + picker.width &&
      picker.y < sentenceBox.y + sentenceBox.height && sentenceBox.y < picker.y + picker.height;
    expect(overlaps).toBe(false);
    const words = panel(page).locator('.vocab-words button');
    expect(await words.allTextContents()).toEqual(
      ((await page.locator(PHRASE_SENTENCE).textContent()) ?? '').match(/[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*/gu),
    );

    await tabTo(page, PHRASE[0]);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(PHRASE[1]);
    await page.keyboard.press('Enter');
    const pressed = await words.evaluateAll((bs) => bs.filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.textContent));
    expect(pressed).toEqual(PHRASE);

    await tabTo(page, 'Look up');
    await page.keyboard.press('Enter');
    const phrase = PHRASE.join(' ');
    await waitForTranslation(page, `EN(${phrase})`);
    expect(await panel(page).locator('h2').textContent()).toBe(phrase);
    expect(await panelOpen(page)).toBe(true);
    await tabTo(page, 'Save');
    await page.keyboard.press('Enter');
    await expect.poll(() => panelOpen(page), WAIT).toBe(false);
    await expect.poll(() => marksIn(page, 5), WAIT).toEqual([phrase]);

    await reloadReader(page);
    await expect.poll(() => marksIn(page, 5), WAIT).toEqual([phrase]);
    await page.close();
  });

  it('a selection over 200 characters gets a message instead of a look-up, and nothing is sent to DeepL', async () => {
    const page = await alice.newPage();
    await openReader(page);
    const lookups: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/vocabulary/lookup')) lookups.push(r.url());
    });
    // Drag from the first word of paragraph 7 to the last: a whole paragraph, far over 200 characters.
    const from = await wordCenter(page, '#p-7 .cell.de', 'Putin');
    const to = await wordCenter(page, '#p-7 .cell.de', 'Raketentechnik');
    await page.mouse.move(from.x - 20, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x + 40, to.y, { steps: 10 });
    // The selected text, spaces as a look-up would send them (the panel clears the selection when it opens).
    const selected = (await page.evaluate(() => window.getSelection()?.toString() ?? '')).replace(/\s+/g, ' ').trim();
    await page.mouse.up();
    await expect.poll(() => panelOpen(page), WAIT).toBe(true);
    const alert = panel(page).getByRole('alert');
    await expect.poll(() => alert.textContent(), WAIT).toMatch(/characters long\. Select at most 200 characters: a word or a phrase\./);
    expect(await panel(page).locator('button[type="submit"]').count()).toBe(0);
    // 201 characters of the selection: no look-up of at most 200 (another file's included) can hold them;
    // only this selection, sent on to DeepL, would.
    expect(selected.length).toBeGreaterThan(240);
    expect(await app.fake.attemptsFor(selected.slice(20, 221))).toBe(0);
    expect(lookups).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => panelOpen(page), WAIT).toBe(false);
    await page.close();
  });
});

// ---------------------------------------------------------------- /vocabulary

describe('the /vocabulary page', () => {
  beforeAll(async () => {
    // Two more notes, typed in elsewhere (no article): Alice now has four.
    for (const data of [
      { term: 'Abfahrt', translation: 'departure' },
      { term: 'Zusammenarbeit', translation: 'cooperation', note: 'zwischen beiden Staaten' },
    ]) {
      const res = await alice.request.post(`${app.baseUrl}/api/vocabulary`, { data });
      expect(res.status(), await res.text()).toBe(201);
    }
  });

  it('lists the notes newest first; search narrows, A–Z sorts and the article filter keeps the article’s notes', async () => {
    const page = await alice.newPage();
    await openVocabulary(page);
    expect(await listedNotes(page)).toEqual(['Zusammenarbeit', 'Abfahrt', 'engere Beziehungen', `der ${WORD}`]);
    expect(await page.locator('p.meta[aria-live]').textContent()).toBe('4 notes.');
    const word = page.locator('.vocab-item', { has: page.locator('h2', { hasText: WORD }) });
    expect(await word.locator('.vocab-translation').textContent()).toBe(WORD_TRANSLATION);
    expect(await word.locator('.vocab-note').textContent()).toBe(EDITED_NOTE);
    expect(await word.locator('.vocab-context b').textContent()).toBe(WORD);

    // Search finds words of the note too.
    await page.getByRole('searchbox').fill('kosmodrom');
    await showFiltered(page, { q: 'kosmodrom' });
    expect(await listedNotes(page)).toEqual([`der ${WORD}`]);
    expect(await page.locator('p.meta[aria-live]').textContent()).toBe('1 of your notes match.');

    await page.getByRole('searchbox').fill('');
    await page.getByLabel('Sort').selectOption({ label: 'A–Z' });
    await showFiltered(page, { q: '', sort: 'az' });
    expect(await listedNotes(page)).toEqual(['Abfahrt', 'engere Beziehungen', `der ${WORD}`, 'Zusammenarbeit']);

    await page.getByLabel('Sort').selectOption({ label: 'Newest first' });
    await page.getByLabel('Article').selectOption({ label: `${DEMO_TITLE} (2)` });
    await showFiltered(page, { sort: 'newest', article: DEMO_SLUG });
    expect(await listedNotes(page)).toEqual(['engere Beziehungen', `der ${WORD}`]);
    expect(await page.getByRole('link', { name: 'Clear' }).getAttribute('href')).toBe('/vocabulary');
    await page.close();
  });

  it('the link “… ¶7” opens paragraph 7 as the shared passage, scrolled into view, with the word marked', async () => {
    const page = await alice.newPage();
    await openVocabulary(page);
    const link = page.getByRole('link', { name: `${DEMO_TITLE}, ¶7` });
    expect(await link.getAttribute('href')).toBe(`${DEMO_PATH}/p/7`);
    const marks = page.waitForResponse((r) => r.url().includes('/api/vocabulary/marks?'), HYDRATED);
    await link.click();
    await page.waitForURL(`${app.baseUrl}${DEMO_PATH}/p/7`);
    await marks;
    expect(await passageRows(page)).toEqual([7]);
    await expect
      .poll(
        () => page.$eval('#p-7', (row) => {
          const top = row.getBoundingClientRect().top;
          return top >= -1 && top < window.innerHeight;
        }),
        HYDRATED,
      )
      .toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await expect.poll(() => marksIn(page, 7), WAIT).toEqual([WORD]);
    await page.close();
  });

  it('edits a note in place, and the change stays after a reload', async () => {
    const page = await alice.newPage();
    await openVocabulary(page);
    await waitUntilInteractive(page, '.vocab-list button');
    // The item by its id: while it is edited, its heading gives way to the form.
    const id = await page.locator('.vocab-item', { has: page.locator('h2', { hasText: 'Abfahrt' }) }).getAttribute('data-note-id');
    const item = page.locator(`.vocab-item[data-note-id="${id}"]`);
    await item.getByRole('button', { name: 'Edit “Abfahrt”' }).click();
    const form = item.locator('form.vocab-edit');
    await form.waitFor(WAIT);
    expect(await form.locator('input[name="translation"]').inputValue()).toBe('departure');
    await form.locator('input[name="translation"]').fill('departure (of a train)');
    await form.locator('textarea[name="note"]').fill('bei der Abfahrt in Pjöngjang');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => item.locator('.vocab-translation').count(), WAIT).toBe(1);
    expect(await item.locator('.vocab-translation').textContent()).toBe('departure (of a train)');
    expect(await item.locator('.vocab-note').textContent()).toBe('bei der Abfahrt in Pjöngjang');

    await page.reload();
    expect(await item.locator('.vocab-translation').textContent()).toBe('departure (of a train)');
    expect(await item.locator('.vocab-note').textContent()).toBe('bei der Abfahrt in Pjöngjang');
    await page.close();
  });

  it('Delete shows “Undo” and the count follows; Undo brings the note back where it was, also after a reload', async () => {
    const page = await alice.newPage();
    await openVocabulary(page);
    await waitUntilInteractive(page, '.vocab-list button');
    const before = await listedNotes(page);
    expect(before).toContain('Zusammenarbeit');
    const count = page.locator('p.meta[aria-live]');
    expect(await count.textContent()).toBe('4 notes.');

    await page.getByRole('button', { name: 'Delete “Zusammenarbeit”' }).click();
    await expect.poll(() => listedNotes(page), WAIT).toEqual(before.filter((n) => n !== 'Zusammenarbeit'));
    expect(await count.textContent()).toBe('3 notes.');
    const toast = page.locator('.vocab-toast');
    expect(await toast.textContent()).toContain('Deleted “Zusammenarbeit”.');
    // Gone on the server too.
    const gone = await alice.request.get(`${app.baseUrl}/api/vocabulary?q=Zusammenarbeit`);
    expect(((await gone.json()) as { notes: unknown[] }).notes).toEqual([]);

    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => listedNotes(page), WAIT).toEqual(before);
    await expect.poll(() => toast.textContent(), WAIT).toBe('Restored “Zusammenarbeit”.');
    expect(await count.textContent()).toBe('4 notes.');

    await page.reload();
    expect(await listedNotes(page)).toEqual(before);
    const restored = page.locator('.vocab-item', { has: page.locator('h2', { hasText: 'Zusammenarbeit' }) });
    expect(await restored.locator('.vocab-translation').textContent()).toBe('cooperation');
    expect(await restored.locator('.vocab-note').textContent()).toBe('zwischen beiden Staaten');
    await page.close();
  });
});

// ---------------------------------------------------------------- export and import

describe('export and import', () => {
  it('“Export CSV” downloads the notes: the saved word with its translation, article and note', async () => {
    const page = await alice.newPage();
    await openVocabulary(page);
    const { name, text } = await downloadText(page, 'Export CSV');
    expect(name).toMatch(/^nebeneinander-vocabulary-\d{4}-\d{2}-\d{2}\.csv$/);
    const records = parseCsv(text, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(records.map((r) => r.term).sort()).toEqual(['Abfahrt', 'engere Beziehungen', WORD, 'Zusammenarbeit'].sort());
    const word = records.find((r) => r.term === WORD);
    expect(word).toMatchObject({
      translation: WORD_TRANSLATION,
      note: EDITED_NOTE,
      noun_article: 'der',
      base_form: WORD,
      article_title: DEMO_TITLE,
      article_slug: DEMO_SLUG,
      paragraph: '7',
    });
    expect(word?.context).toContain(WORD);
    await page.close();
  });

  it('“Export for Anki” downloads a tab-separated file with the card “der Weltraumbahnhof”', async () => {
    const page = await alice.newPage();
    await openVocabulary(page);
    const { name, text } = await downloadText(page, 'Export for Anki');
    expect(name).toMatch(/^nebeneinander-anki-\d{4}-\d{2}-\d{2}\.txt$/);
    expect(text.startsWith('#separator:tab\n')).toBe(true);
    const card = text.split('\n').find((line) => line.split('\t')[0] === `der ${WORD}`);
    expect(card, `a card whose front is "der ${WORD}"`).toBeDefined();
    const [, back, tags] = (card ?? '').split('\t');
    expect(back).toContain(WORD_TRANSLATION);
    expect(back).toContain(EDITED_NOTE);
    expect(back).toContain(`<b>${WORD}</b>`);
    expect(tags).toContain(DEMO_SLUG);
    await page.close();
  });

  it('the import form adds a new row, merges a duplicate and names the line of a bad row', async () => {
    const page = await alice.newPage();
    await openVocabulary(page);
    await waitUntilInteractive(page, '.vocab-import form');
    const csv = [
      'term,translation,note',
      'Kurzstreckenrakete,short-range missile,zwei davon abgeschossen',
      `${WORD},${WORD_TRANSLATION},eine andere Notiz`,
      ',no term here,',
    ].join('\r\n');
    await page.getByLabel('CSV file').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    const report = page.locator('.vocab-import [role="status"]');
    await expect.poll(() => report.locator('p').count(), WAIT).toBe(1);
    expect(await report.locator('p').textContent()).toBe('Added 1, merged 1, 1 line not imported.');
    expect(await report.locator('.import-errors li').allTextContents()).toEqual([
      'Line 4: The term is empty: select or type a German word or phrase.',
    ]);

    await expect.poll(() => listedNotes(page), WAIT).toContain('Kurzstreckenrakete');
    await page.reload();
    expect(await listedNotes(page)).toHaveLength(5);
    // The duplicate merged into the note Alice wrote, which keeps her text.
    const word = page.locator('.vocab-item', { has: page.locator('h2', { hasText: WORD }) });
    expect(await word.locator('.vocab-note').textContent()).toBe(EDITED_NOTE);
    await page.close();
  });
  it.each([
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ])('%s: a file whose rows end in LF after a CRLF header (as editors save it) imports every row (issue 12.2)', async (_, viewport) => {
    const context = await newContext({ viewport });
    const page = await context.newPage();
    await openVocabulary(page);
    await waitUntilInteractive(page, '.vocab-import form');
    const csv = 'term,translation\r\nHaus,house\nBaum,tree\nAuto,car\n';
    await page.getByLabel('CSV file').setInputFiles({ name: 'edited.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.locator('.vocab-import [role="status"]');
    await expect.poll(() => report.locator('p').count(), WAIT).toBe(1);
    expect(await report.locator('p').textContent()).toBe('Added 3, merged 0.');
    await page.reload();
    expect((await listedNotes(page)).sort()).toEqual(['Auto', 'Baum', 'Haus']);
    // Each note has its own English: none swallowed the next row ("house Baum").
    const english = await page.locator('.vocab-item').evaluateAll((items) => items.map((i) => i.textContent ?? ''));
    expect(english.some((t) => t.includes('house') && t.includes('Baum'))).toBe(false);
    await context.close();
  });
});

// ---------------------------------------------------------------- another learner

describe('another learner', () => {
  it('sees none of Alice’s marks or notes, and looks the same word up as new', async () => {
    const bob = await newContext();
    const page = await bob.newPage();
    const marks = await openReader(page);
    expect(marks.notes).toEqual([]);
    expect(await page.locator('mark.vocab').count()).toBe(0);

    await doubleClickWord(page, WORD_SENTENCE, WORD);
    await expect.poll(() => panelOpen(page), WAIT).toBe(true);
    await waitForTranslation(page, WORD_TRANSLATION);
    expect(await panel(page).locator('textarea[name="note"]').inputValue()).toBe('');
    expect(await panel(page).getByText('Already in your vocabulary').count()).toBe(0);
    expect(await panel(page).getByRole('button', { name: 'Save', exact: true }).count()).toBe(1);
    await panel(page).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => panelOpen(page), WAIT).toBe(false);

    await openVocabulary(page);
    expect(await listedNotes(page)).toEqual([]);
    expect(await page.locator('p.meta[aria-live]').textContent()).toBe('0 notes.');
    expect(await page.locator('p.empty').textContent()).toContain('No notes yet');
    const { text } = await downloadText(page, 'Export CSV');
    expect(parseCsv(text, { columns: true, bom: true })).toEqual([]);

    // Alice's note ids mean nothing to Bob.
    const aliceNotes = (await (await alice.request.get(`${app.baseUrl}/api/vocabulary`)).json()) as { notes: Array<{ id: string }> };
    expect(aliceNotes.notes.length).toBeGreaterThan(0);
    const peek = await bob.request.get(`${app.baseUrl}/api/vocabulary/${aliceNotes.notes[0].id}`);
    expect(peek.status()).toBe(404);
  });
});

// ---------------------------------------------------------------- accessibility

describe('accessibility', () => {
  it('/vocabulary with notes has no serious or critical axe violations', async () => {
    const page = await alice.newPage();
    await openVocabulary(page);
    await waitUntilInteractive(page, '.vocab-list button');
    expect(await listedNotes(page)).toHaveLength(5);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('the reader with the look-up panel open has none', async () => {
    const page = await (await newContext()).newPage();
    await openReader(page);
    await doubleClickWord(page, WORD_SENTENCE, WORD);
    await expect.poll(() => panelOpen(page), WAIT).toBe(true);
    await waitForTranslation(page, WORD_TRANSLATION);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('on a 390 px phone the panel fits the screen', async () => {
    const page = await (await newContext({ viewport: PHONE })).newPage();
    await openReader(page);
    await doubleClickWord(page, WORD_SENTENCE, WORD);
    await expect.poll(() => panelOpen(page), WAIT).toBe(true);
    await waitForTranslation(page, WORD_TRANSLATION);
    const box = await panel(page).boundingBox();
    expect(box, 'the panel’s box').not.toBeNull();
    const { x, y, width, height } = box ?? { x: -1, y: -1, width: Infinity, height: Infinity };
    expect(x).toBeGreaterThanOrEqual(0);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(x + width).toBeLessThanOrEqual(PHONE.width);
    expect(y + height).toBeLessThanOrEqual(PHONE.height);
    // Its Save button is on screen too.
    const save = await panel(page).getByRole('button', { name: 'Save', exact: true }).boundingBox();
    expect(save && save.y + save.height <= PHONE.height && save.x + save.width <= PHONE.width).toBe(true);
    // The page moved up so the word shows above the sheet.
    const word = await wordBox(page, WORD_SENTENCE, WORD);
    expect(word.top).toBeGreaterThanOrEqual(0);
    expect(word.bottom).toBeLessThanOrEqual(y);
  });
});

// ---------------------------------------------------------------- the panel on a desktop screen

describe('the look-up panel on a desktop screen', () => {
  // Words from the top to the bottom of the screen: [sentence, word, where its line sits (share of the viewport's height)].
  const WORDS: Array<[string, string, number]> = [
    ['#p-2 .cell.de', 'Verbündeten', 0.25],
    ['#p-4 .cell.de', 'Nachrichtenagentur', 0.5],
    ['#p-7 .cell.de', 'Weltraumbahnhof', 0.7],
    ['#p-15 .cell.de', 'Atommacht', 0.85],
  ];

  it.each([
    { width: 1280, height: 800 },
    { width: 1366, height: 650 },
  ])('at $width×$height, for words from the top to the bottom of the screen, Save is on screen and the word stays uncovered', async (viewport) => {
    const page = await (await newContext({ viewport })).newPage();
    await openReader(page);
    for (const [selector, word, share] of WORDS) {
      // Scroll so the word's line sits at that height, as a reader would have it when reading there.
      await page.$eval(selector, (el, [w, at]) => {
        const range = document.createRange();
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const i = (node.textContent ?? '').indexOf(String(w));
          if (i < 0) continue;
          range.setStart(node, i);
          range.setEnd(node, i + String(w).length);
          window.scrollBy(0, range.getBoundingClientRect().top - window.innerHeight * Number(at));
          return;
        }
      }, [word, share] as const);
      const at = await wordBox(page, selector, word);
      await page.mouse.dblclick((at.left + at.right) / 2, (at.top + at.bottom) / 2);
      await expect.poll(() => panelOpen(page), WAIT).toBe(true);
      await waitForTranslation(page, `EN(${word})`);
      const where = `“${word}” at ${viewport.width}×${viewport.height}`;
      const save = await panel(page).getByRole('button', { name: 'Save', exact: true }).boundingBox();
      const box = await panel(page).boundingBox();
      if (!save || !box) throw new Error(`${where}: the panel or its Save button is not rendered`);
      expect(save.y, where).toBeGreaterThanOrEqual(0);
      expect(save.y + save.height, where).toBeLessThanOrEqual(viewport.height);
      expect(save.x + save.width, where).toBeLessThanOrEqual(viewport.width);
      const w = await wordBox(page, selector, word);
      const covered = w.left < box.x + box.width && box.x < w.right && w.top < box.y + box.height && box.y < w.bottom;
      expect(covered, `${where}: the panel covers the word`).toBe(false);
      await panel(page).getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => panelOpen(page), WAIT).toBe(false);
    }
  });
});

// ---------------------------------------------------------------- a phone

describe('/vocabulary on a phone', () => {
  it('does not scroll sideways at 390 px with a note from an article with a long title, and the search hint shows whole', async () => {
    const carol = await newContext({ viewport: PHONE });
    const title = 'Die außerordentlich lange Überschrift eines Artikels über die Binnenschifffahrt auf dem Rhein zwischen Basel und Rotterdam';
    const imported = await carol.request.post(`${app.baseUrl}/api/articles`, {
      headers: app.editorHeaders(),
      data: { title, text: 'Die Binnenschifffahrt auf dem Rhein ist wichtig.\n\nViele Schiffe fahren jeden Tag.' },
    });
    expect(imported.status(), await imported.text()).toBe(201);
    const { slug } = (await imported.json()) as { slug: string };
    const saved = await carol.request.post(`${app.baseUrl}/api/vocabulary`, {
      data: { term: 'Binnenschifffahrt', translation: 'inland navigation', articleSlug: slug, paragraph: 1, context: 'Die Binnenschifffahrt auf dem Rhein ist wichtig.' },
    });
    expect(saved.status(), await saved.text()).toBe(201);

    const page = await carol.newPage();
    await openVocabulary(page);
    expect(await page.getByLabel('Article').locator('option').allTextContents()).toContain(`${title} (1)`);
    const { scrollWidth, clientWidth } = await page.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement;
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
    });
    expect(scrollWidth).toBe(clientWidth);
    // The placeholder's text, in the field's font, fits the field's content box.
    const fits = await page.getByRole('searchbox').evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d');
      if (!context) return false;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return context.measureText(input.placeholder).width <= room;
    });
    expect(fits).toBe(true);
  });
});

// ---------------------------------------------------------------- DeepL down (a server of its own: the circuit breaker stays open)

describe('a look-up while DeepL answers 503', () => {
  let own: OwnApp;

  beforeAll(async () => {
    own = await startApp();
  });

  afterAll(async () => {
    await own?.stop();
  });

  it('the panel says why there is no translation, stays within the window, and the learner saves their own', async () => {
    own.fake.setFault({ kind: 'status', status: 503 });
    const context = await newContext();
    const page = await context.newPage();
    await openReader(page, DEMO_PATH, own.baseUrl);
    await doubleClickWord(page, WORD_SENTENCE, 'Osten');
    await expect.poll(() => panelOpen(page), WAIT).toBe(true);
    const hint = panel(page).locator('.hint');
    await expect.poll(async () => ((await hint.count()) ? hint.first().textContent() : ''), WAIT).toMatch(/^No .+: .+ You can type your own\.$/);
    expect(await panel(page).locator('input[name="translation"]').inputValue()).toBe('');
    expect(await panel(page).locator('.vocab-context').textContent()).toBe(await page.locator(WORD_SENTENCE).textContent());
    // Taller than usual (the reason above the form): it scrolls inside the window instead of running off it.
    const box = await panel(page).boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(DESKTOP.height);

    await panel(page).locator('input[name="translation"]').fill('east');
    await panel(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => panelOpen(page), WAIT).toBe(false);
    await expect.poll(() => marksIn(page, 7), WAIT).toContain('Osten');
  });
});
