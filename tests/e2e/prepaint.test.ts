// Owns the reader's first paint and its per-learner parts on a page that is the same HTML for everyone:
// the stored theme, size and mode painted before any of the page's JavaScript runs (lib/reader/prepaint.cjs),
// ?mode= for one view, and editor controls that come only from GET /api/session, never in the served HTML.
// Runs on the shared default server: it only reads the demo article; each test is a browser of its own.
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sharedApp } from './support/app-server';
import { DESKTOP, PHONE, useBrowserPages, waitForReaderScript } from './support/browser-pages';

const DEMO_PATH = '/a/putin-und-kim-treffen-sich-am-weltraumbahnhof';
const DEMO_ROWS = 15;
const MODES = ['side', 'interleaved', 'practice', 'german'] as const;
const WAIT = { timeout: 10_000 };
const SHOTS = path.join(os.tmpdir(), 'nb-prepaint');

const app = sharedApp('default');
const { newPage } = useBrowserPages();

const htmlMode = (page: Page) => page.evaluate(() => document.documentElement.getAttribute('data-mode'));
const storedMode = async (page: Page) => (await page.context().cookies(app.baseUrl)).find((c) => c.name === 'nb-mode')?.value ?? null;
const pressedModes = (page: Page) =>
  page.$$eval('[data-mode-choice][aria-pressed="true"]', (buttons) => buttons.map((b) => b.getAttribute('data-mode-choice')));
/** Whether React has hydrated the page (its fiber keys on a server-rendered element). */
const hydrated = (page: Page) => page.evaluate(() => Object.keys(document.querySelector('header a') ?? {}).some((k) => k.startsWith('__react')));


/** Reads pixels of a PNG back in a page of its own (the page under test may have its JavaScript blocked). */
async function pixels(png: Buffer, points: Array<[number, number]>): Promise<number[]> {
  const page = await newPage();
  return page.evaluate(
    async ({ data, points }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(img, 0, 0);
      return points.map(([x, y]) => {
        const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
        return r + g + b; // 0 black … 765 white
      });
    },
    { data: png.toString('base64'), points },
  );
}

describe('the first paint', () => {
  it('a reload with dark theme and interleaved chosen paints dark and interleaved before any of the page’s JavaScript runs', async () => {
    const page = await newPage();
    await page.goto(app.baseUrl + DEMO_PATH);
    await waitForReaderScript(page);
    // As a learner chooses: the toolbar's theme toggle and mode button.
    await page.locator('.theme-toggle').click();
    await page.locator('[data-mode-choice="interleaved"]').click();
    await expect.poll(() => htmlMode(page), WAIT).toBe('interleaved');

    let blocked = 0;
    await page.route('**/_next/static/**/*.js', (route) => {
      blocked++;
      return route.abort();
    });
    await page.reload();
    expect(blocked, 'the page’s scripts were asked for and refused').toBeGreaterThan(0);
    expect(await hydrated(page)).toBe(false);
    const png = await page.screenshot({ path: path.join(SHOTS, 'reload-dark-interleaved-no-js.png') });

    // The background, in the margins left and right of the text: dark.
    const background = await pixels(png, [
      [8, 790],
      [1270, 400],
      [1100, 700],
    ]);
    for (const sum of background) expect(sum).toBeLessThan(150);
    // Paragraph 1's English below its German, in the same column (side by side would put it to the right).
    const german = await page.locator('#p-1 .cell.de').boundingBox();
    const english = await page.locator('#p-1 .cell.en').boundingBox();
    if (!german || !english) throw new Error('paragraph 1 is not painted');
    expect(english.y).toBeGreaterThanOrEqual(german.y + german.height - 1);
    expect(Math.abs(english.x - german.x)).toBeLessThan(20);
    // The chosen mode looks pressed in the toolbar already (CSS on html[data-mode]), and nothing else does.
    const pressedLook = await page.$$eval('[data-mode-choice]', (buttons) =>
      buttons.filter((b) => getComputedStyle(b).backgroundColor === getComputedStyle(document.querySelector('[data-mode-choice="interleaved"]')!).backgroundColor).map((b) => b.getAttribute('data-mode-choice')),
    );
    expect(pressedLook).toEqual(['interleaved']);
    // The pixels at paragraph 1's English are painted (text on the dark background), not left blank.
    const inEnglish = await pixels(png, Array.from({ length: 40 }, (_, i) => [Math.round(english.x + 4 + i * 8), Math.round(english.y + 12)] as [number, number]));
    expect(Math.max(...inEnglish)).toBeGreaterThan(300);
  });

  it('?mode=practice wins for that view only: the stored choice stays, and the plain address opens in it again', async () => {
    const page = await newPage();
    await page.goto(app.baseUrl + DEMO_PATH);
    await waitForReaderScript(page);
    await page.locator('[data-mode-choice="interleaved"]').click();
    await expect.poll(() => storedMode(page), WAIT).toBe('interleaved');

    await page.goto(`${app.baseUrl}${DEMO_PATH}?mode=practice`);
    expect(await htmlMode(page)).toBe('practice');
    await expect.poll(() => pressedModes(page), WAIT).toEqual(['practice']);
    expect(await page.locator('#p-1 .cell.en').isVisible()).toBe(false);
    expect(await storedMode(page)).toBe('interleaved');

    // Anything but a known mode is ignored.
    await page.goto(`${app.baseUrl}${DEMO_PATH}?mode=Practice`);
    expect(await htmlMode(page)).toBe('interleaved');

    await page.goto(app.baseUrl + DEMO_PATH);
    expect(await htmlMode(page)).toBe('interleaved');
    expect(await page.locator('#p-1 .cell.en').isVisible()).toBe(true);
  });

  it('a client-side navigation from a ?mode= view to the plain address shows the stored mode again', async () => {
    const page = await newPage();
    await page.context().addCookies([{ name: 'nb-mode', value: 'interleaved', url: app.baseUrl }]);
    await page.goto(`${app.baseUrl}${DEMO_PATH}?mode=practice`);
    await waitForReaderScript(page);
    expect(await htmlMode(page)).toBe('practice');
    // Next's router (no new document: no inline script runs; the page survives with this mark on it).
    await page.evaluate((to) => {
      (window as unknown as { nbSamePage: boolean }).nbSamePage = true;
      (window as unknown as { next: { router: { push: (href: string) => void } } }).next.router.push(to);
    }, `${DEMO_PATH}#p-2`);
    await page.waitForURL((u) => u.search === '' && u.hash === '#p-2', WAIT);
    await expect.poll(() => htmlMode(page), WAIT).toBe('interleaved');
    expect(await page.evaluate(() => (window as unknown as { nbSamePage?: boolean }).nbSamePage)).toBe(true);
    expect(await page.locator('#p-1 .cell.en').isVisible()).toBe(true);
  });

  it('switching mode in the toolbar asks the server for nothing', async () => {
    const page = await newPage();
    await page.goto(app.baseUrl + DEMO_PATH);
    await waitForReaderScript(page);
    // (The site header's links prefetch their pages meanwhile: other addresses.)
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET' || new URL(r.url()).pathname === DEMO_PATH) requests.push(`${r.method()} ${r.url()}`);
    });
    for (const mode of ['german', 'practice', 'side'] as const) {
      await page.locator(`[data-mode-choice="${mode}"]`).click();
      await expect.poll(() => pressedModes(page), WAIT).toEqual([mode]);
    }
    await page.getByRole('button', { name: 'Large text' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.size), WAIT).toBe('large');
    expect(requests).toEqual([]);
  });

  // Screenshots to look at: every mode, desktop and phone, as painted before hydration and after.
  it.each(MODES.flatMap((mode) => [{ mode, viewport: DESKTOP, name: 'desktop' }, { mode, viewport: PHONE, name: 'phone' }]))(
    '$mode on $name: the English shows as the mode says',
    async ({ mode, viewport, name }) => {
      const page = await newPage({ viewport });
      await page.goto(`${app.baseUrl}${DEMO_PATH}?mode=${mode}`);
      await waitForReaderScript(page);
      await page.screenshot({ path: path.join(SHOTS, `reader-${mode}-${name}.png`) });
      const shown = await page.$$eval('.cell.en', (cells) => cells.filter((c) => c.checkVisibility()).length);
      expect(shown).toBe(mode === 'side' || mode === 'interleaved' ? DEMO_ROWS : 0);
      expect(await page.locator('.toolbar .practice-only').first().isVisible()).toBe(mode === 'practice');
      expect(await page.locator('.columns-head').isVisible()).toBe(mode === 'side' && name === 'desktop');
    },
  );
});

describe('editor controls', () => {
  const REMOVE = { name: 'Remove this article' };

  it('an editor sees "Remove this article" after load; a learner never does; the HTML served to either has none', async () => {
    const editor = await newPage();
    await app.signInBrowser(editor.context());
    await editor.goto(app.baseUrl + DEMO_PATH);
    await expect.poll(() => editor.getByRole('button', REMOVE).count(), WAIT).toBe(1);

    const learner = await newPage();
    const session = learner.waitForResponse((r) => r.url().endsWith('/api/session'), WAIT);
    await learner.goto(app.baseUrl + DEMO_PATH);
    expect(await (await session).json()).toEqual({ editor: false });
    await waitForReaderScript(learner);
    expect(await learner.getByRole('button', REMOVE).count()).toBe(0);

    const served = await (await fetch(app.baseUrl + DEMO_PATH, { headers: { cookie: await app.editorCookie(), accept: 'text/html' } })).text();
    expect(served).toContain('data-reader');
    expect(served).not.toContain('Remove this article');
    expect(served).not.toContain('remove-article');
  });

  it('GET /api/session: true for a signed-in editor, false for none or a forged cookie, never cached', async () => {
    const ask = async (cookie?: string) => {
      const res = await fetch(`${app.baseUrl}/api/session`, { headers: cookie ? { cookie } : {} });
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      return (await res.json()) as { editor: boolean };
    };
    const real = await app.editorCookie();
    expect(await ask(real)).toEqual({ editor: true });
    expect(await ask()).toEqual({ editor: false });
    const name = real.slice(0, real.indexOf('='));
    const [expires, signature] = real.slice(name.length + 1).split('.');
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    const forgeries = [`${expires}.${flipped}`, `${Number(expires) + 1e9}.${signature}`, expires, '1', 'x'.repeat(4000)];
    for (const forged of forgeries.map((v) => `${name}=${v}`)) {
      expect(await ask(forged), forged.slice(0, 40)).toEqual({ editor: false });
    }
  });
});
