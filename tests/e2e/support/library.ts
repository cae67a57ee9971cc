// Owns finding an article in the library, newest first, 30 a page, page after page: on a shared server
// other files' articles may push an older one (the demo) off the first page.
import type { Page } from 'playwright-core';
import type { RunningApp } from './app-server';

/** Opens the library page that lists /a/`slug`, from the first page on through "Older →". */
export async function openLibraryPageListing(page: Page, baseUrl: string, slug: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  const entry = page.locator(`.library-item a[href="/a/${slug}"]`);
  const older = page.locator('nav.pager a', { hasText: 'Older' });
  while ((await entry.count()) === 0) {
    const next = (await older.count()) ? await older.getAttribute('href') : null;
    if (!next) throw new Error(`No page of the library lists /a/${slug} (last page: ${page.url()})`);
    await page.goto(baseUrl + next);
  }
}

/**
 * Whether any page of the library at `app` lists an article holding `word`: what a test on a shared
 * server asks instead of counting articles (other files import and remove theirs meanwhile).
 */
export async function libraryLists(app: RunningApp, word: string): Promise<boolean> {
  for (let page = 1; ; page++) {
    const html = await (await fetch(`${app.baseUrl}/?page=${page}`, { headers: { accept: 'text/html' } })).text();
    if (html.includes(word)) return true;
    if (!html.includes(`href="/?page=${page + 1}"`)) return false;
  }
}
