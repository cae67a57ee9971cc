// A small in-memory cache of finished pages (the library, readers; HTML), kept on globalThis so the proxy
// that serves it and the code that removes articles share it within the process.
import { createHash } from 'node:crypto';

export interface CachedPage {
  html: Buffer;
  contentType: string;
}

const MAX_PAGES = 500;
const globalForPages = globalThis as unknown as { nebeneinanderPages?: Map<string, CachedPage> };
const pages = (globalForPages.nebeneinanderPages ??= new Map<string, CachedPage>());

/** Everything a reader page's HTML depends on besides the article: URL, host and the preference cookies. */
export function pageCacheKey(url: URL, host: string, cookies: Record<string, string | undefined>): string {
  const editor = cookies['nb-editor'] ? createHash('sha256').update(cookies['nb-editor']).digest('hex') : '';
  return JSON.stringify([url.pathname, url.search, host, cookies['nb-mode'], cookies['nb-size'], cookies['nb-theme'], editor]);
}

export function getCachedPage(key: string): CachedPage | undefined {
  const page = pages.get(key);
  if (page) {
    pages.delete(key);
    pages.set(key, page);
  }
  return page;
}

export function setCachedPage(key: string, page: CachedPage): void {
  pages.set(key, page);
  if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value as string);
}

/** Forgets the library's pages: called whenever an article is added, removed or gets English. */
export function forgetLibraryPages(): void {
  for (const key of pages.keys()) if ((JSON.parse(key)[0] as string) === '/') pages.delete(key);
}

/** Forgets every cached page of an article (its reader and passage pages). */
export function forgetCachedPages(slug: string): void {
  for (const key of pages.keys()) {
    const path = JSON.parse(key)[0] as string;
    if (path === `/a/${slug}` || path.startsWith(`/a/${slug}/`)) pages.delete(key);
  }
}
