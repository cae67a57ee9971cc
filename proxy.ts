// Runs before the library, /a/ and /s/: sends a page that names nothing to the 404
// page (with the requested path: Next gives not-found.tsx no params), and maps the public addresses of
// the cached pages onto the routes Next caches them under. Pages are kept by Next itself (ISR,
// lib/cache/page-cache-handler.cjs), one entry per route path, whatever the request's headers or query:
// - the library `/?page=N` → /library/N (a page number in the path, so each page has its own entry, and
//   nothing is prerendered at build time, when there is no database);
// - a passage `/a/{slug}/p/{range}` → …/o/{origin}: its link preview names the public origin
//   (lib/sharing/origin.ts), so each origin has its own entry.
// Broken %-escapes never get here: the front server (lib/net/front.ts) answers them for every path.
import { NextResponse, type NextRequest } from 'next/server';
import { getEnvOrThrow } from './lib/env';
import { publicOrigin } from './lib/http';
import { PATH_HEADER } from './lib/net/front';
import { isMissingPage } from './lib/sharing/not-found-reason';
import { hasFreshPage } from './lib/cache/pages';
import { isInternalPagePath, pageRoute } from './lib/cache/routes';

/** Matches no route, so Next renders app/not-found.tsx for it. */
const NOT_FOUND_PATH = '/_nb/not-found';

/**
 * A page that names nothing is rendered as an unmatched path: Next then renders app/not-found.tsx in the
 * root layout, 404, as HTML, with the path it was asked for in a header.
 */
function notFoundPage(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, request.nextUrl.pathname);
  const url = request.nextUrl.clone();
  url.pathname = NOT_FOUND_PATH;
  return NextResponse.rewrite(url, { request: { headers } });
}

function rewrite(request: NextRequest, pathname: string): NextResponse {
  const url = request.nextUrl.clone();
  url.pathname = pathname;
  return NextResponse.rewrite(url);
}

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // The cache's own routes are reached only through the rewrites below.
  if (isInternalPagePath(pathname)) return notFoundPage(request);
  // A passage's link preview names the public origin: one entry per origin, not per Host header.
  const route = pageRoute(pathname, request.nextUrl.searchParams, () => publicOrigin(request.headers, undefined, getEnvOrThrow().PUBLIC_BASE_URL));
  // A page Next keeps exists; only for the others is the database asked.
  if (!hasFreshPage(route) && (await isMissingPage(pathname))) return notFoundPage(request);
  return route === pathname ? NextResponse.next() : rewrite(request, route);
}

export const config = { matcher: ['/', '/library/:path*', '/a/:path*', '/s/:path*'] };
