// Runs before the library, /a/, /s/ and /api/articles/{slug}: passes the requested path to the 404 pages
// (Next gives not-found.tsx no params), sends a page that names nothing to the 404 page, and serves
// finished pages from memory. Broken %-escapes never get here: the front server (lib/net/front.ts)
// answers them for every path.
import { NextResponse, type NextRequest } from 'next/server';
import { getEnvOrThrow } from './lib/env';
import { publicOrigin } from './lib/http';
import { PATH_HEADER, RENDER_HEADER } from './lib/net/front';
import { isMissingPage } from './lib/sharing/not-found-reason';
import { getCachedPage, pageGeneration, pageRequest, setCachedPage, type CachedPage } from './lib/page-cache';

/** Matches no route, so Next renders app/not-found.tsx for it. */
const NOT_FOUND_PATH = '/_nb/not-found';
/** The library and the reader pages; the library is forgotten whenever it changes (lib/page-cache). */
const CACHEABLE_PAGE = /^\/$|^\/a\/[a-z0-9-]+(?:\/p\/[0-9-]+)?$/;

/**
 * A browser's document request for a reader page. Next strips its router headers (RSC, _rsc)
 * before the proxy sees them, so a router request is told apart by what it accepts: a document
 * navigation asks for text/html, the router's fetch for anything.
 */
function isCacheable(request: NextRequest): boolean {
  const h = request.headers;
  const dest = h.get('sec-fetch-dest');
  return (
    request.method === 'GET' &&
    (h.get('accept') ?? '').includes('text/html') &&
    (dest === null || dest === 'document') &&
    CACHEABLE_PAGE.test(request.nextUrl.pathname) &&
    !request.nextUrl.searchParams.has('_rsc') &&
    !h.has('rsc') &&
    !h.has('next-router-state-tree') &&
    !h.has('next-router-prefetch') &&
    !h.has('next-action') &&
    !h.has(RENDER_HEADER)
  );
}

/** Next compresses what the proxy answers, so the page is kept and sent as plain HTML. */
function respond(page: CachedPage, state: 'hit' | 'miss'): Response {
  const headers = new Headers({ 'content-type': page.contentType, vary: 'Cookie', 'x-nb-cache': state });
  return new Response(new Uint8Array(page.html), { status: 200, headers });
}

/**
 * A page that names nothing is rendered as an unmatched path: Next then renders app/not-found.tsx in the
 * root layout, 404, as HTML. A notFound() thrown by the dynamic page itself would be served as an empty
 * `__next_error__` shell with the message only in the RSC payload (vercel/next.js#62228).
 */
function notFoundPage(request: NextRequest, headers: Headers): NextResponse {
  const url = request.nextUrl.clone();
  url.pathname = NOT_FOUND_PATH;
  return NextResponse.rewrite(url, { request: { headers } });
}

export async function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, request.nextUrl.pathname);
  if (isCacheable(request)) {
    const cookies = Object.fromEntries(request.cookies.getAll().map((c) => [c.name, c.value]));
    // The origin the page's share links use (lib/sharing/origin.ts): one entry per origin, not per Host header.
    const origin = publicOrigin(request.headers, undefined, getEnvOrThrow().PUBLIC_BASE_URL);
    const page = await pageRequest(request.nextUrl, origin, cookies);
    const hit = getCachedPage(page.key);
    if (hit) return respond(hit, 'hit');
    if (await isMissingPage(request.nextUrl.pathname)) return notFoundPage(request, headers);
    // Render once through the app itself; keep the page only when it is final: every block
    // translated (a pending or failed cell would change) and a plain 200.
    headers.set(RENDER_HEADER, '1');
    headers.delete('accept-encoding');
    // Over loopback, whatever address the client used (the Host header goes along unchanged), with
    // only the query parameters the page reads: every variant of the address gets the same page.
    const internal = new URL(page.renderPath, `http://127.0.0.1:${getEnvOrThrow().PORT}`);
    const generation = pageGeneration(page);
    const rendered = await fetch(internal, { headers, redirect: 'manual' });
    const contentType = rendered.headers.get('content-type') ?? '';
    const body = Buffer.from(await rendered.arrayBuffer());
    const text = body.toString('utf8');
    const final = rendered.status === 200 && contentType.startsWith('text/html') && !/state-(pending|failed)/.test(text);
    if (!final) return new Response(new Uint8Array(body), { status: rendered.status, headers: rendered.headers });
    const finished = { html: body, contentType };
    // Not kept when the article was removed (or the library changed) while it rendered.
    setCachedPage(page, finished, generation);
    return respond(finished, 'miss');
  }
  if (await isMissingPage(request.nextUrl.pathname)) return notFoundPage(request, headers);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ['/', '/a/:path*', '/s/:path*', '/api/articles/:slug'] };
