// A test file's browser pages: the suite's shared Chromium connected for the file, a fresh context per
// page (own cookies and storage), every context of a test closed after it.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser } from './browser';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Registers the file's hooks; `newPage` opens a page in a context of its own, with `defaults` under `options`. */
export function useBrowserPages(defaults: BrowserContextOptions = { viewport: DESKTOP, colorScheme: 'light' }) {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async newPage(options: BrowserContextOptions = {}): Promise<Page> {
      if (!browser) throw new Error('useBrowserPages: the browser opens in beforeAll; ask for pages in tests.');
      const context = await browser.newContext({ ...defaults, ...options });
      contexts.push(context);
      return context.newPage();
    },
  };
}

/** Waits until the reader's script runs: hovers a German sentence of row 1 until something lights up, then moves away. */
export async function waitForReaderScript(page: Page): Promise<void> {
  const sentence = page.locator('#p-1 .cell.de .s[data-s="0"]');
  await expect
    .poll(async () => {
      await page.mouse.move(0, 0);
      await sentence.hover();
      return page.locator('.s.is-linked').count();
    }, { timeout: 15_000 })
    .toBeGreaterThan(0);
  await page.mouse.move(0, 0);
}
