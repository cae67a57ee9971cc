// The routes Next caches the library and passage pages under, and how proxy.ts maps public addresses
// onto them (see proxy.ts). One definition, used by the proxy and the pages.
import { libraryPageSchema } from '../articles/schemas';
import { parsePassage, passagePath } from '../sharing/passage';

const LIBRARY_ROUTE = /^\/library(?:\/|$)/;
/** An article's passage, or a book's chapter's (`/a/{book}/{n}/p/{range}`). */
const PASSAGE_PATH = /^\/a\/([^/]+(?:\/\d{1,6})?)\/p\/([^/]+)$/;
const PASSAGE_ROUTE = /^\/a\/[^/]+(?:\/[^/]+)?\/p\/[^/]+\/o(?:\/|$)/;

/** Library page `page` (1 is `/`). */
export function libraryRoute(page: number): string {
  return `/library/${page}`;
}

/**
 * For a passage address, the route its page is cached under for a given origin, the range written the
 * one way passagePath writes it (`/p/03` and `/p/3` are one entry). Null for any other path, or a range
 * that is no range (the page's 404 says why).
 */
export function passageRoute(pathname: string): ((encodedOrigin: string) => string) | null {
  const match = PASSAGE_PATH.exec(pathname);
  if (!match) return null;
  const parsed = parsePassage(match[2], Number.MAX_SAFE_INTEGER);
  if (!parsed.ok) return null;
  const canonical = passagePath(match[1], parsed.passage);
  return (encodedOrigin) => `${canonical}/o/${encodedOrigin}`;
}

/**
 * The route Next serves (and keeps) a public address under: the library's `?page=N` as a path, a
 * passage per public origin (asked for only then), anything else as it is.
 */
export function pageRoute(pathname: string, searchParams: URLSearchParams, origin: () => string): string {
  if (pathname === '/') return libraryRoute(libraryPageSchema.parse(searchParams.get('page') ?? undefined));
  const passage = passageRoute(pathname);
  return passage ? passage(encodeOrigin(origin())) : pathname;
}

/** The cache's own routes: reached only through proxy.ts's rewrites, never asked for directly. */
export function isInternalPagePath(pathname: string): boolean {
  return LIBRARY_ROUTE.test(pathname) || PASSAGE_ROUTE.test(pathname);
}

/** An origin as one path segment. */
export function encodeOrigin(origin: string): string {
  return Buffer.from(origin, 'utf8').toString('base64url');
}

/** The origin a passage route names; null unless it is an http(s) origin. */
export function decodeOrigin(segment: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(segment)) return null;
  try {
    const url = new URL(Buffer.from(segment, 'base64url').toString('utf8'));
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== 'null' ? url.origin : null;
  } catch {
    return null;
  }
}
