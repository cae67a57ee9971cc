// Owns the HTTP tests of DeepL faults against `next start`: the reader's German arrives while DeepL
// holds the request (the page never waits for DeepL) and the banner only once DeepL has failed, and
// /status tells an operator what is going on, without the key. Each describe has a server of its own:
// they trip its circuit breaker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type OwnApp } from './support/app-server';
import { seriousViolations } from './support/axe';
import { launchBrowser } from './support/browser';

const KEY = 'e2e-secret-key:fx';
/** The longest DEEPL_TIMEOUT_MS allows: a held request outlasts any test, so only the test's release ends it. */
const LONGEST_DEEPL_TIMEOUT_MS = '120000';
/** setTimeout's longest delay (about 24 days): an answer delayed this long never comes during a run. */
const NEVER_MS = 2 ** 31 - 1;
const BANNER = '2 paragraphs not translated. The translation service has a problem just now. Try again later.';

async function importArticle(app: OwnApp, text: string): Promise<string> {
  const res = await fetch(`${app.baseUrl}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...app.editorHeaders() },
    body: JSON.stringify({ title: 'Ein Test', text }), // a title of its own: the heading stays paragraph 1
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { slug: string }).slug;
}

/** A browser's document request for a page: its HTML, once it has arrived in full. */
async function getPage(app: OwnApp, path: string): Promise<string> {
  const res = await fetch(app.baseUrl + path, { headers: { accept: 'text/html' } });
  const html = await res.text();
  expect(res.status).toBe(200);
  return html;
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ');

describe('the reader while DeepL is down', () => {
  let app: OwnApp;

  beforeAll(async () => {
    // Were a page to wait for DeepL, it would wait past the test's own timeout: the test fails instead of passing late.
    app = await startApp({ deeplKey: KEY, env: { DEEPL_TIMEOUT_MS: LONGEST_DEEPL_TIMEOUT_MS } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('renders the German while DeepL has not answered, showing the English as pending', async () => {
    const HUSUM = 'Der Zug steht seit einer Stunde im Bahnhof.';
    await app.fake.faultWhen(HUSUM, { kind: 'hold' });
    try {
      const slug = await importArticle(app, `Der Zug nach Husum\n\n${HUSUM} Niemand weiß, warum.`);
      await app.fake.waitHeld(HUSUM); // DeepL has the request and keeps it
      for (let view = 0; view < 2; view++) {
        const html = await getPage(app, `/a/${slug}`);
        expect(html).toContain('Der Zug steht seit einer Stunde im Bahnhof.');
        expect(html).toContain('Niemand weiß, warum.');
        expect(html).toContain('Translating…');
        // The page arrived while DeepL still holds the request, unanswered: it did not wait for DeepL.
        await app.fake.waitHeld(HUSUM);
        expect(await app.fake.requestsFor(HUSUM)).toEqual([]);
      }
    } finally {
      await app.fake.release(HUSUM);
    }
  });

  it('renders the German while DeepL holds the request, and once DeepL answers 503 says so in the banner', async () => {
    const DEICH = 'Am Samstag feiert das Dorf sein Deichfest.';
    // deepl-node tries twice: the first request is held, then answered 503; its retry gets 503 at once.
    await app.fake.faultWhen(DEICH, { kind: 'status', status: 503 });
    await app.fake.faultWhen(DEICH, { kind: 'hold', status: 503 });
    try {
      const slug = await importArticle(app, `Das Fest am Deich\n\n${DEICH} Es gibt Musik und Fischbrötchen.`);
      await app.fake.waitHeld(DEICH);
      const first = await getPage(app, `/a/${slug}`);
      expect(first).toContain('Am Samstag feiert das Dorf sein Deichfest.');
      // Rendered while DeepL holds the request: the page did not wait for DeepL, and nothing has failed yet.
      expect(text(first)).not.toContain(BANNER);
      await app.fake.release(DEICH);

      // Once deepl-node has given up (after its one retry), the reader says what happened, in a learner's words
      // (the operator's "DeepL answered with a server error (503)" is for editors, /status and the log).
      await expect.poll(async () => text(await getPage(app, `/a/${slug}`)), { timeout: 20_000, interval: 250 }).toContain(BANNER);
      const later = await getPage(app, `/a/${slug}`);
      expect(later).toContain('Es gibt Musik und Fischbrötchen.');
      // The breaker is open: further views send nothing to DeepL.
      expect(await app.fake.attemptsFor(DEICH)).toBe(2);
      const sent = app.fake.allTranslateAttempts;
      await getPage(app, `/a/${slug}`);
      await getPage(app, `/a/${slug}`);
      expect(app.fake.allTranslateAttempts).toBe(sent);
    } finally {
      await app.fake.clearFaults(DEICH);
    }
  });
});

describe('/status', () => {
  let app: OwnApp;
  const STATUS_TEXT = 'Die Ampel am Marktplatz ist seit Montag kaputt.';

  beforeAll(async () => {
    app = await startApp({ deeplKey: KEY });
    // DeepL answers this article's translation 503 (and deepl-node's retry): the breaker opens, as /status shows.
    await app.fake.faultWhen(STATUS_TEXT, { kind: 'status', status: 503 });
    await importArticle(app, `Die Ampel\n\n${STATUS_TEXT}`);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('shows DeepL usage, the breaker in words, today\'s characters and the cache, and never the key', async () => {
    const breaker = /Requests \(circuit breaker\) Open since .* UTC: DeepL answered with a server error \(503\)/;
    await expect.poll(async () => text(await getPage(app, '/status')), { timeout: 20_000, interval: 250 }).toMatch(breaker);
    const html = await getPage(app, '/status');
    const page = text(html);
    expect(page).toContain('Usage this billing period');
    expect(page).toMatch(/ \d[\d,]* of 500,000 characters \(/);
    expect(page).toMatch(breaker);
    expect(page).toMatch(/Characters billed by DeepL \d[\d,]*\. No daily limit: TRANSLATION_DAILY_CHAR_LIMIT is not set\./);
    expect(page).toMatch(/Size \d[\d,]* translations?, \d[\d,]* characters of English/);
    expect(page).toMatch(/Hit rate .*Counted in memory since the server started/);
    expect(html).not.toContain(KEY);
    expect(html).not.toContain('e2e-secret-key');
  });

  it('fits a 390 px phone screen and has no serious accessibility problems', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}/status`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Status');
      expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['DeepL', 'Today (UTC)', 'Translation cache']);
      expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity)).toBeLessThanOrEqual(390);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
    }
  });

  it('answers when the usage endpoint is slow, saying DeepL did not answer within 2 s', async () => {
    // DeepL's usage endpoint never answers: the page is there all the same, on the app's own 2 s limit.
    app.fake.setLatency(NEVER_MS);
    try {
      const html = await getPage(app, '/status');
      expect(text(html)).toContain('Usage this billing period DeepL did not answer within 2 s.');
    } finally {
      app.fake.setLatency(0);
    }
  });
});
