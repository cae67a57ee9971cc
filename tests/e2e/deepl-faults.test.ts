// Owns the HTTP tests of DeepL faults against `next start`: the reader's German arrives within 2 s
// while DeepL hangs or answers 5xx, and /status tells an operator what is going on, without the key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app-server';
import { seriousViolations } from './support/axe';
import { launchBrowser } from './support/browser';

const DEMO_PATH = '/a/putin-und-kim-treffen-sich-am-weltraumbahnhof';
const KEY = 'e2e-secret-key:fx';

let app: RunningApp;

beforeAll(async () => {
  app = await startApp({ deeplKey: KEY });
  // The first render of a route loads its code; that is not what the 2 s are about.
  for (const path of [DEMO_PATH, '/status']) await (await fetch(app.baseUrl + path, { headers: { accept: 'text/html' } })).text();
});

afterAll(async () => {
  await app?.stop();
});

async function importArticle(text: string): Promise<string> {
  const res = await fetch(`${app.baseUrl}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...app.editorHeaders() },
    body: JSON.stringify({ title: 'Ein Test', text }), // a title of its own: the heading stays paragraph 1
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { slug: string }).slug;
}

/** A browser's document request for a page: the HTML and how long it took to arrive in full. */
async function getPage(path: string): Promise<{ html: string; ms: number }> {
  const started = performance.now();
  const res = await fetch(app.baseUrl + path, { headers: { accept: 'text/html' } });
  const html = await res.text();
  expect(res.status).toBe(200);
  return { html, ms: performance.now() - started };
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ');

describe('the reader while DeepL is down', () => {
  it('renders the German within 2 s while DeepL never answers, showing the English as pending', async () => {
    app.fake.setFault({ kind: 'hang' });
    const slug = await importArticle('Der Zug nach Husum\n\nDer Zug steht seit einer Stunde im Bahnhof. Niemand weiß, warum.');
    await expect.poll(() => app.fake.allTranslateAttempts, { timeout: 10_000 }).toBeGreaterThan(0); // DeepL is hanging now
    for (let view = 0; view < 2; view++) {
      const { html, ms } = await getPage(`/a/${slug}`);
      expect(html).toContain('Der Zug steht seit einer Stunde im Bahnhof.');
      expect(html).toContain('Niemand weiß, warum.');
      expect(html).toContain('Translating…');
      expect(ms).toBeLessThan(2_000);
    }
  });

  it('renders the German within 2 s while DeepL answers 503, and then says so in the banner', async () => {
    app.fake.setFault({ kind: 'status', status: 503 });
    const attempts = app.fake.allTranslateAttempts;
    const slug = await importArticle('Das Fest am Deich\n\nAm Samstag feiert das Dorf sein Deichfest. Es gibt Musik und Fischbrötchen.');
    const first = await getPage(`/a/${slug}`);
    expect(first.html).toContain('Am Samstag feiert das Dorf sein Deichfest.');
    expect(first.ms).toBeLessThan(2_000);

    // Once deepl-node has given up (after its one retry), the reader says what happened, in a learner's words
    // (the operator's "DeepL answered with a server error (503)" is for editors, /status and the log).
    await expect
      .poll(async () => text((await getPage(`/a/${slug}`)).html), { timeout: 20_000, interval: 250 })
      .toContain('2 paragraphs not translated. The translation service has a problem just now. Try again later.');
    const later = await getPage(`/a/${slug}`);
    expect(later.html).toContain('Es gibt Musik und Fischbrötchen.');
    expect(later.ms).toBeLessThan(2_000);
    // The breaker is open: further views send nothing to DeepL.
    const sent = app.fake.allTranslateAttempts;
    expect(sent - attempts).toBe(2);
    await getPage(`/a/${slug}`);
    await getPage(`/a/${slug}`);
    expect(app.fake.allTranslateAttempts).toBe(sent);
  });
});

describe('/status', () => {
  it('shows DeepL usage, the breaker in words, today\'s characters and the cache, and never the key', async () => {
    const { html } = await getPage('/status');
    const page = text(html);
    expect(page).toContain('Usage this billing period');
    expect(page).toMatch(/ \d[\d,]* of 500,000 characters \(/);
    expect(page).toMatch(/Requests \(circuit breaker\) Open since .* UTC: DeepL answered with a server error \(503\)/);
    expect(page).toMatch(/Characters billed by DeepL \d[\d,]*\. No daily limit: TRANSLATION_DAILY_CHAR_LIMIT is not set\./);
    expect(page).toMatch(/Size \d[\d,]* translations?, \d[\d,]* characters of English/);
    expect(page).toMatch(/Hit rate .*Counted in memory since the server started/);
    expect(html).not.toContain(KEY);
    expect(html).not.toContain('e2e-secret-key');
  });

  it('fits a 390 px phone screen and has no serious accessibility problems', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(`${app.baseUrl}/status`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Status');
      expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['DeepL', 'Today (UTC)', 'Translation cache']);
      expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity)).toBeLessThanOrEqual(390);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('answers when the usage endpoint is slow, saying DeepL did not answer within 2 s', async () => {
    app.fake.setLatency(30_000);
    try {
      const { html } = await getPage('/status');
      expect(text(html)).toContain('Usage this billing period DeepL did not answer within 2 s.');
    } finally {
      app.fake.setLatency(0);
    }
  });
});
