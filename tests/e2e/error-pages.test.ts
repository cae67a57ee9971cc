// Owns the test that every 404 page of a reader, passage or assignment link carries its message in the
// served HTML (for curl, link-preview bots and crawlers, which run no JavaScript), with its status, and
// that a browser shows the same page in the site's frame.
// Runs on the shared default server with two articles of its own (one kept, one removed); it reads no
// other article and counts nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { sharedApp, uniqueWord, type RunningApp } from './support/app-server';
import { launchBrowser } from './support/browser';

/** A browser's document request; the other kind is a plain GET as curl or a bot sends it. */
const DOCUMENT_HEADERS = { accept: 'text/html,application/xhtml+xml', 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' };
const REQUESTS = [
  ['a plain GET', {}],
  ['a document request', DOCUMENT_HEADERS],
] as const;
const WAIT = { timeout: 10_000 };

let app: RunningApp;
let browser: Browser;
let kept: { slug: string; title: string };
let removed: { slug: string; title: string };

async function importArticle(title: string): Promise<{ slug: string; title: string }> {
  const text = 'Der erste Absatz steht hier.\n\nDer zweite Absatz steht dort.';
  const res = await fetch(`${app.baseUrl}/api/articles`, {
    method: 'POST',
    headers: { ...app.editorHeaders(), 'content-type': 'application/json' },
    body: JSON.stringify({ title, text }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return { slug: ((await res.json()) as { slug: string }).slug, title };
}

async function removeArticle(slug: string): Promise<number> {
  const res = await fetch(`${app.baseUrl}/api/articles/${slug}`, { method: 'DELETE', headers: app.editorHeaders() });
  return res.status;
}

/** The HTML a client without JavaScript reads: the document with its scripts (and the RSC payload in them) cut out. */
function visibleHtml(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
}

/** The text of that HTML, as a link preview or a text browser reads it (tags and React's text separators dropped). */
function htmlText(html: string): string {
  return visibleHtml(html).replace(/<[^>]*>/g, '');
}

beforeAll(async () => {
  app = sharedApp('default');
  browser = await launchBrowser();
  kept = await importArticle(`Fehlerseite ${uniqueWord('Bleibt')}`);
  removed = await importArticle(`Fehlerseite ${uniqueWord('Entfernt')}`);
  expect(await removeArticle(removed.slug)).toBe(204);
});

afterAll(async () => {
  if (kept) await removeArticle(kept.slug);
  await browser?.close();
});

interface Case {
  name: string;
  path: () => string;
  heading: string;
  message: () => string;
}

const CASES: Case[] = [
  {
    name: 'a paragraph past the end',
    path: () => `/a/${kept.slug}/p/99`,
    heading: 'No such paragraph',
    message: () => 'This article has 2 paragraphs, so there is no ¶99.',
  },
  {
    name: 'a malformed paragraph range',
    path: () => `/a/${kept.slug}/p/abc`,
    heading: 'No such paragraph',
    message: () => 'This link does not name a paragraph. Paragraph links look like /p/3 or /p/3-5.',
  },
  {
    name: 'a range that runs backwards',
    path: () => `/a/${kept.slug}/p/5-2`,
    heading: 'No such paragraph',
    message: () => 'The range ¶5–2 runs backwards: the first number must not be larger than the second.',
  },
  {
    name: 'an article that never existed',
    path: () => `/a/${uniqueWord('nie').toLowerCase()}-gab-es-nicht`,
    heading: 'Not found',
    message: () => 'There is no article at this address. Check the link',
  },
  {
    name: 'a removed article',
    path: () => `/a/${removed.slug}`,
    heading: 'This article was removed',
    message: () => `“${removed.title}” was removed from this library`,
  },
  {
    name: 'a paragraph of a removed article',
    path: () => `/a/${removed.slug}/p/1`,
    heading: 'This article was removed',
    message: () => `“${removed.title}” was removed from this library`,
  },
  {
    name: 'an unknown assignment code',
    path: () => `/s/${uniqueWord('code').toLowerCase()}`,
    heading: 'Assignment not found',
    message: () => 'This assignment link does not exist, or your teacher deleted it.',
  },
];

describe.each(CASES)('$name', ({ path, heading, message }) => {
  it.each(REQUESTS)('%s gets a 404 whose HTML holds the message, in the site frame, with the CSP', async (_, headers) => {
    const res = await fetch(app.baseUrl + path(), { headers });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const body = await res.text();
    const html = visibleHtml(body);
    expect(html).not.toContain('__next_error__');
    expect(html).toContain(`<h1>${heading}</h1>`);
    expect(htmlText(body)).toContain(message());
    expect(html).toContain('class="site-header"');
    expect(html).toContain('<meta name="robots" content="noindex"/>');
  });

  it('Chromium shows the message under the site header', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const answer = await page.goto(app.baseUrl + path());
      expect(answer?.status()).toBe(404);
      await page.locator('main h1', { hasText: heading }).waitFor(WAIT);
      expect(await page.locator('main').innerText()).toContain(message());
      expect(await page.locator('header.site-header').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});

it('the 404 page is a working page: its library link goes to the library', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.baseUrl}/a/${removed.slug}`);
    await page.locator('main').getByRole('link', { name: 'browse the library' }).click();
    await page.waitForURL(`${app.baseUrl}/`, WAIT);
    await page.locator('main h1').waitFor(WAIT);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

it('a passage of an existing article still answers 200 with its text', async () => {
  const res = await fetch(`${app.baseUrl}/a/${kept.slug}/p/2`);
  expect(res.status).toBe(200);
  expect(htmlText(await res.text())).toContain('Der zweite Absatz steht dort.');
});
