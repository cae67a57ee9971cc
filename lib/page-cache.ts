// A small in-memory cache of finished pages (the library, readers; HTML), kept on globalThis so the proxy
// that serves it and the code that removes articles share it within the process. Bounded in bytes (LRU);
// keyed only by what the pages read, so `?v=1`, `?v=2`, ... share one entry.
import { isEditor, EDITOR_COOKIE } from './auth/editor';
import { ByteLru } from './cache/byte-lru';
import { libraryPageSchema } from './articles/schemas';
import { PREFERENCE_COOKIES, readerModeSchema, resolveMode, resolveTextSize, resolveTheme } from './reader/preferences';

export interface CachedPage {
  html: Buffer;
  contentType: string;
}

/** What a render can show: the library, or an article's pages. Each has its own generation. */
type Scope = 'library' | 'articles';

/** A cacheable request: its key, and the address the page is rendered from (the parameters it reads). */
export interface PageRequest {
  key: string;
  scope: Scope;
  /** Path and the query parameters the page reads, e.g. `/a/slug?mode=practice`. */
  renderPath: string;
}

/** A few hundred long articles; a page over the whole budget is not kept. */
export const PAGE_CACHE_BYTES = 64 * 1024 * 1024;
/** Counted per entry besides the HTML (key, map slot), so even tiny pages bound the number of entries. */
const ENTRY_OVERHEAD_BYTES = 1024;

interface Entry extends CachedPage {
  path: string;
}

/** The finished pages, with a generation per scope. */
export class PageCache {
  private readonly entries: ByteLru<Entry>;
  /** Bumped by every forget: a render that began before a bump may show what was forgotten. */
  private readonly generations: Record<Scope, number> = { library: 0, articles: 0 };

  constructor(maxBytes = PAGE_CACHE_BYTES) {
    this.entries = new ByteLru(maxBytes);
  }

  get size(): { pages: number; bytes: number } {
    const { entries, bytes } = this.entries.size;
    return { pages: entries, bytes };
  }

  generation(scope: Scope): number {
    return this.generations[scope];
  }

  get(key: string): CachedPage | undefined {
    return this.entries.get(key);
  }

  /** Keeps the page unless its scope was forgotten since `generation` (taken before the render began). */
  set(request: PageRequest, page: CachedPage, generation: number): boolean {
    if (generation !== this.generations[request.scope]) return false;
    const bytes = page.html.byteLength + request.key.length + ENTRY_OVERHEAD_BYTES;
    return this.entries.set(request.key, { ...page, path: request.renderPath.split('?')[0] }, bytes);
  }

  forget(scope: Scope, matches: (path: string) => boolean): void {
    this.generations[scope]++;
    this.entries.deleteWhere((entry) => matches(entry.path));
  }
}

const globalForPages = globalThis as unknown as { nebeneinanderPageCache?: PageCache };
const pages = (globalForPages.nebeneinanderPageCache ??= new PageCache());

/** A query parameter as a page's `searchParams` has it: one value, or an array when repeated. */
function param(url: URL, name: string): string | string[] | undefined {
  const values = url.searchParams.getAll(name);
  return values.length > 1 ? values : values[0];
}

/**
 * Everything a page's HTML depends on besides the data: the path, the query parameters the page reads
 * (the library's `page`, a reader's `mode`: app/page.tsx, app/_components/reader/reader-page.tsx), the
 * public origin (share links) and the preferences and editor session as the pages resolve them. Anything else
 * in the query (`?v=2`, `utm_source`) does not change the page and is left out.
 */
export function pageRequestAs(url: URL, origin: string, cookies: Record<string, string | undefined>, asEditor: boolean): PageRequest {
  const size = resolveTextSize(cookies[PREFERENCE_COOKIES.size]);
  const theme = resolveTheme(cookies[PREFERENCE_COOKIES.theme]) ?? '';
  if (url.pathname === '/') {
    const page = libraryPageSchema.parse(param(url, 'page'));
    const renderPath = page > 1 ? `/?page=${page}` : '/';
    return { key: JSON.stringify([renderPath, origin, size, theme]), scope: 'library', renderPath };
  }
  const fromUrl = readerModeSchema.safeParse([param(url, 'mode')].flat()[0]);
  const mode = resolveMode(param(url, 'mode'), cookies[PREFERENCE_COOKIES.mode]);
  const renderPath = url.pathname + (fromUrl.success ? `?mode=${fromUrl.data}` : '');
  const editor = asEditor ? 'editor' : '';
  return { key: JSON.stringify([renderPath, origin, mode, size, theme, editor]), scope: 'articles', renderPath };
}

/** pageRequestAs for the visitor the cookies say: an editor only with a valid session (a forged cookie is a learner). */
export async function pageRequest(url: URL, origin: string, cookies: Record<string, string | undefined>): Promise<PageRequest> {
  return pageRequestAs(url, origin, cookies, await isEditor(cookies[EDITOR_COOKIE]));
}

export function getCachedPage(key: string): CachedPage | undefined {
  return pages.get(key);
}

/** Taken before a render begins, handed to setCachedPage after it. */
export function pageGeneration(request: PageRequest): number {
  return pages.generation(request.scope);
}

/** Keeps a finished page, unless what it shows was forgotten while it rendered. */
export function setCachedPage(request: PageRequest, page: CachedPage, generation: number): boolean {
  return pages.set(request, page, generation);
}

/** Forgets the library's pages: called whenever an article is added, removed or gets English. */
export function forgetLibraryPages(): void {
  pages.forget('library', (path) => path === '/');
}

/** Forgets every cached page of an article (its reader and passage pages). */
export function forgetCachedPages(slug: string): void {
  pages.forget('articles', (path) => path === `/a/${slug}` || path.startsWith(`/a/${slug}/`));
}
