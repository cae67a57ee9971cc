// The front server's way to the pages Next keeps (scripts/serve.mjs, before Next): a browser's or any
// client's GET for a page Next holds fresh in its cache (lib/cache/page-cache-handler.cjs) is answered
// from that entry as Next would answer it, without Next's request pipeline (routing, proxy.ts, the
// ETag of 100 KB of HTML hashed per request, compression per request): the bytes, gzip and ETag are made
// once per entry. Anything else (a miss, a page not final, the router's RSC requests, Server Actions)
// goes on to Next, which renders and keeps it; Next's cache stays the one place pages are kept and
// forgotten.
import type { IncomingMessage, ServerResponse } from 'node:http';
import handler from './page-cache-handler.cjs';
import { getEnvOrThrow } from '../env';
import { admittedOrigin } from '../net/front';
import { isInternalPagePath, pageRoute } from './routes';

/** Requests of Next's router and Server Actions: always Next's. */
const NEXT_REQUEST_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-action', 'next-url'];
/** As Next varies a kept page. */
const VARY = 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding';

/** Answers `req` (admitted by lib/net/front.ts) from Next's cache when it holds the page fresh; false when Next must answer. */
export function sendKeptPage(req: IncomingMessage, res: ServerResponse, securityHeaders: ReadonlyArray<{ key: string; value: string }>): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (NEXT_REQUEST_HEADERS.some((name) => req.headers[name] !== undefined)) return false;
  const url = new URL(req.url ?? '/', 'http://front.invalid');
  if (url.searchParams.has('_rsc') || isInternalPagePath(url.pathname)) return false;
  const route = pageRoute(url.pathname, url.searchParams, () => admittedOrigin(req.headers, getEnvOrThrow()));
  const page = handler.keptPage(route);
  if (!page) return false;
  for (const { key, value } of securityHeaders) res.setHeader(key, value);
  res.setHeader('content-security-policy', [String(res.getHeader('content-security-policy') ?? ''), page.policy].filter(Boolean));
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('vary', VARY);
  res.setHeader('etag', page.etag);
  res.setHeader('x-nextjs-cache', 'HIT');
  res.setHeader('content-type', 'text/html; charset=utf-8');
  const asked = req.headers['if-none-match'];
  if (asked !== undefined && asked.split(',').some((tag) => tag.trim().replace(/^W\//, '') === page.etag)) {
    res.writeHead(304).end();
    return true;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? handler.gzipOf(page) : page.body;
  if (gzip) res.setHeader('content-encoding', 'gzip');
  res.setHeader('content-length', body.length);
  res.writeHead(200).end(req.method === 'HEAD' ? undefined : body);
  return true;
}
