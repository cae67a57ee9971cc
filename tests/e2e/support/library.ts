// Owns finding an article in the library as a reader does: newest first, 30 a page. On a shared server
// other files' articles may push an older one (the demo) off the first page.
import type { Page } from 'playwright-core';

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
