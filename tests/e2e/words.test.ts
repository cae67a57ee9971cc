// Owns the tests of one-tap word look-ups: the HTTP contract of GET /api/words/{form}, and the reader's
// panel that shows a tapped word's dictionary form at once, before DeepL's English.
// Runs on the shared default server: its article holds a word of its own, its learners are its own
// browser contexts, and the DeepL look-up it holds is of a word no other file sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { importArticle, sharedApp, uniqueWord, type RunningApp } from './support/app-server';
import { launchBrowser, wordBoxIn } from './support/browser';

const WAIT = { timeout: 10_000 };
const HYDRATED = { timeout: 15_000 };
const PRIVATE = 'private, no-store';

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = sharedApp('default');
  browser = await launchBrowser();
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
});

function getWord(form: string, sentence?: string, headers: Record<string, string> = {}) {
  const query = sentence === undefined ? '' : `?sentence=${encodeURIComponent(sentence)}`;
  return fetch(`${app.baseUrl}/api/words/${encodeURIComponent(form)}${query}`, { headers });
}

describe('GET /api/words/{form}', () => {
  it('answers a noun form with its dictionary form, gender and plural, privately and without a cookie', async () => {
    const res = await getWord('Präsidenten');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      form: 'Präsidenten', baseForm: 'Präsident', partOfSpeech: 'noun', gender: 'der', plural: 'Präsidenten', known: false, status: 'new',
    });
    expect(res.headers.get('cache-control')).toBe(PRIVATE);
    // No write: not even a learner is made.
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('answers verb forms with the infinitive, a separable verb joined when its prefix ends the clause', async () => {
    expect(await (await getWord('kamen', 'Die Präsidenten kamen gestern.')).json()).toMatchObject({ baseForm: 'kommen', partOfSpeech: 'verb', gender: null, plural: null });
    expect(await (await getWord('kommt', 'Der Zug kommt um acht an.')).json()).toMatchObject({ form: 'kommt', baseForm: 'ankommen', partOfSpeech: 'verb' });
    expect(await (await getWord('kommt', 'Der Zug kommt um acht.')).json()).toMatchObject({ baseForm: 'kommen' });
    // A sentence start is read as the word, not as a noun.
    expect(await (await getWord('Die', 'Die Präsidenten kamen gestern.')).json()).toMatchObject({ baseForm: 'die', gender: null });
  });

  it('answers a form the dictionary does not know with 404, a clear error and a guess, without asking DeepL', async () => {
    const unknown = uniqueWord('blorf').toLowerCase().replace(/\d/g, 'x');
    const res = await getWord(unknown, `Wir ${unknown} heute.`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: string; guess: string };
    expect(body).toEqual({ error: expect.stringMatching(/is not in the German dictionary/), guess: unknown });
    expect(res.headers.get('cache-control')).toBe(PRIVATE);
    expect(await app.fake.attemptsFor(unknown)).toBe(0);
  });

  it('refuses what is not one word with 400 and says what to send', async () => {
    const cases: Array<[string, RegExp]> = [
      ['x'.repeat(65), /65 characters long; send one German word of at most 64 characters/],
      ['zwei Wörter', /is not one German word/],
      ['2023', /is not one German word/],
      ['a<b>c', /is not one German word/],
      [' ', /Send one German word/],
    ];
    for (const [form, message] of cases) {
      const res = await getWord(form);
      expect(res.status, form).toBe(400);
      expect(((await res.json()) as { error: string }).error, form).toMatch(message);
      expect(res.headers.get('cache-control')).toBe(PRIVATE);
    }
    // A sentence of any length is read up to its first 2,000 characters: still an answer, still quick work.
    const long = await getWord('kommt', `Der Zug kommt ${'sehr '.repeat(1500)}spät an.`);
    expect(long.status).toBe(200);
    expect(((await long.json()) as { baseForm: string }).baseForm).toBe('kommen');
  });

  it('gives the learner’s status: "learning" once they saved a note with that dictionary form, "new" for everyone else', async () => {
    const saved = await fetch(`${app.baseUrl}/api/vocabulary`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ term: 'Bahnhöfe', baseForm: 'Bahnhof', nounArticle: 'der', translation: 'stations' }),
    });
    expect(saved.status).toBe(201);
    const cookie = saved.headers.getSetCookie()[0].split(';')[0];
    expect(await (await getWord('Bahnhöfen', undefined, { cookie })).json()).toMatchObject({ baseForm: 'Bahnhof', status: 'learning', known: false });
    expect(await (await getWord('Bahnhöfen')).json()).toMatchObject({ status: 'new' });
  });
});

// ---------------------------------------------------------------- the reader

describe('one tap on a word in the reader', () => {
  const marker = uniqueWord('Ortsname');
  let slug: string;

  beforeAll(async () => {
    slug = await importArticle(
      app,
      [
        `Besuch in ${marker}`,
        `Die Präsidenten kamen gestern nach ${marker}. Der Zug kommt um acht an.`,
        'Auf der Suche nach einem neuen Bahnhof sprachen alle lange.',
      ].join('\n\n'),
    );
    // The paragraphs go to DeepL first: only then is the look-up held, so the hold catches the look-up alone.
    const translated = async () => {
      const article = (await (await fetch(`${app.baseUrl}/api/articles/${slug}`)).json()) as { blocks: Array<{ translation: { status: string } }> };
      return article.blocks.every((b) => b.translation.status === 'done');
    };
    for (let tries = 0; !(await translated()); tries++) {
      if (tries > 100) throw new Error(`the article ${slug} was not translated`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  async function openReader(viewport = { width: 1280, height: 800 }, mode = ''): Promise<Page> {
    const context = await browser.newContext({ viewport, colorScheme: 'light' });
    contexts.push(context);
    const page = await context.newPage();
    const marks = page.waitForResponse((r) => r.url().includes('/api/vocabulary/marks?'), HYDRATED);
    await page.goto(`${app.baseUrl}/a/${slug}${mode}`);
    await marks;
    // Applied: the marks answer re-renders the sentences (a drag begun before would lose its text).
    await page.locator('[data-coverage-article]').waitFor(HYDRATED);
    return page;
  }

  const sentence = (page: Page, text: string) => page.locator('.cell.de .s[data-s]', { hasText: text });
  const panel = (page: Page) => page.locator('dialog.vocab-panel');
  const panelOpen = (page: Page) => page.evaluate(() => document.querySelector<HTMLDialogElement>('dialog.vocab-panel')?.open ?? false);

  /** Clicks the middle of `word` inside the sentence, as a finger or a mouse taps it. */
  async function tapWord(page: Page, inSentence: string, word: string): Promise<void> {
    const { top, bottom, left, right } = await wordBoxIn(sentence(page, inSentence), word);
    const [x, y] = [(left + right) / 2, (top + bottom) / 2];
    await page.mouse.click(x, y);
  }

  it('shows "der Präsident, die Präsidenten" while DeepL still holds the look-up, then the English; Save keeps the dictionary form and gender', async () => {
    await app.fake.faultWhen('Präsidenten', { kind: 'hold' });
    const page = await openReader();
    await tapWord(page, 'Die Präsidenten kamen', 'Präsidenten');
    await expect.poll(() => panelOpen(page), WAIT).toBe(true);
    await app.fake.waitHeld('Präsidenten');
    const answer = panel(page).locator('.word-answer');
    await expect.poll(() => answer.textContent(), WAIT).toMatch(/der Präsident, die Präsidenten · noun/);
    // DeepL has not answered: its look-up is still held, and the panel says it is translating.
    expect(await panel(page).locator('.pending').textContent()).toBe('Translating…');
    expect(await panel(page).locator('input[name="translation"]').count()).toBe(0);

    await app.fake.release('Präsidenten');
    const english = panel(page).locator('input[name="translation"]');
    await expect.poll(async () => ((await english.count()) ? english.inputValue() : null), WAIT).toBe('EN(Präsidenten)');
    expect(await answer.textContent()).toMatch(/der Präsident, die Präsidenten/);
    expect(await panel(page).locator('input[name="baseForm"]').inputValue()).toBe('Präsident');
    expect(await panel(page).locator('select[name="nounArticle"]').inputValue()).toBe('der');
    await panel(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => panelOpen(page), WAIT).toBe(false);
    const notes = (await (await page.request.get(`${app.baseUrl}/api/vocabulary`)).json()) as { notes: Array<{ term: string; baseForm: string; nounArticle: string | null }> };
    expect(notes.notes.map(({ term, baseForm, nounArticle }) => ({ term, baseForm, nounArticle }))).toEqual([
      { term: 'Präsidenten', baseForm: 'Präsident', nounArticle: 'der' },
    ]);
    // The word is now the learner's: GET /api/words says so, with the browser's cookie.
    expect(await (await page.request.get(`${app.baseUrl}/api/words/Pr%C3%A4sidenten`)).json()).toMatchObject({ status: 'learning' });
  });

  it('keyboard: Enter on a focused sentence chooses its first word, → moves word by word, Enter looks it up: "kommt … an" is ankommen', async () => {
    const page = await openReader();
    await sentence(page, 'Der Zug kommt').focus();
    await page.keyboard.press('Enter');
    const highlighted = () => page.evaluate(() => {
      const h = CSS.highlights.get('nb-word');
      return h ? [...h].map((r) => r.toString()) : [];
    });
    await expect.poll(highlighted, WAIT).toEqual(['Der']);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await highlighted()).toEqual(['kommt']);
    // Still in the sentence: the arrows moved the word, not the focus.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Der Zug kommt um acht an.');
    await page.keyboard.press('Enter');
    await expect.poll(() => panelOpen(page), WAIT).toBe(true);
    expect(await panel(page).locator('h2').textContent()).toBe('kommt');
    await expect.poll(() => panel(page).locator('.word-answer').textContent(), WAIT).toMatch(/^ankommen · verb, infinitive$/);
    await expect.poll(async () => panel(page).locator('input[name="baseForm"]').count(), WAIT).toBe(1);
    expect(await panel(page).locator('input[name="baseForm"]').inputValue()).toBe('ankommen');
    expect(await panel(page).locator('select[name="nounArticle"]').count()).toBe(0);
    // Escape closes the panel; the focus is back on the sentence, on the same word.
    await page.keyboard.press('Escape');
    // Gone from the page (not only closed): the reader knows the panel is closed.
    await expect.poll(() => panel(page).count(), WAIT).toBe(0);
    expect(await highlighted()).toEqual(['kommt']);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Der Zug kommt um acht an.');
    await page.keyboard.press('Escape');
    expect(await highlighted()).toEqual([]);
  });

  it('a phrase (dragged across three words) gets no der/die/das and no one-word answer', async () => {
    const page = await openReader();
    const box = await sentence(page, 'Auf der Suche').evaluate((el) => {
      const text = el.firstChild as Text;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 'Auf der Suche'.length);
      const { left, right, top, bottom } = range.getBoundingClientRect();
      return { left, right, y: (top + bottom) / 2 };
    });
    await page.mouse.move(box.left + 1, box.y);
    await page.mouse.down();
    await page.mouse.move(box.right - 1, box.y, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => panelOpen(page), WAIT).toBe(true);
    expect(await panel(page).locator('h2').textContent()).toBe('Auf der Suche');
    await expect.poll(() => panel(page).locator('input[name="translation"]').count(), WAIT).toBe(1);
    expect(await panel(page).locator('select[name="nounArticle"]').count()).toBe(0);
    expect(await panel(page).locator('.word-answer').count()).toBe(0);
  });

  it('practice mode: a tap on a word reveals its sentence’s English and opens no panel', async () => {
    const page = await openReader(undefined, '?mode=practice');
    await tapWord(page, 'Die Präsidenten kamen', 'kamen');
    const gloss = sentence(page, 'Die Präsidenten kamen').locator('xpath=following-sibling::span[contains(@class, "gloss")]');
    await expect.poll(() => gloss.evaluate((g) => getComputedStyle(g).display !== 'none'), WAIT).toBe(true);
    expect(await panelOpen(page)).toBe(false);
  });
});
