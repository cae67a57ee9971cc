// What scripts/serve.mjs, the small HTTP server in front of Next, does to every request before Next sees
// it, and how the app reads what it found: Next's route handlers cannot see the TCP peer, so the front
// server hands it over in a header of its own, and lets forwarding headers through only from a trusted proxy.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { crossSiteRefusal, isStateChanging } from './cross-site';
import { canonicalAddress, publicOriginBehind, type TrustedProxies } from './trusted-proxies';

/** The TCP peer, set by the front server on every request (a client's own copy is replaced). */
export const PEER_HEADER = 'x-nb-peer';
/**
 * This process's secret, set by the front server on every request it admits. The app's own requests to
 * itself copy the request's headers (Next fetches the page a Server Action redirects to, and forwards
 * actions between workers), so they carry it, and the front
 * server passes them on with the headers it already checked instead of taking them for a new client.
 */
export const INTERNAL_HEADER = 'x-nb-internal';
/** proxy.ts tells the 404 page which path was asked for (Next gives global-not-found.tsx no params). */
export const PATH_HEADER = 'x-nb-path';
/** Headers only the app sets for itself: a client's copies are dropped (a forged x-nb-path would name another 404). */
const APP_HEADERS = [PATH_HEADER];
/** What a proxy says about the client; Next reads some of them too (Server Actions' origin check, request.url). */
export const FORWARDING_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-real-ip', 'forwarded'];

type NodeHeaders = Record<string, string | string[] | undefined>;

const globalForFront = globalThis as unknown as { nebeneinanderFront?: { secret: string } };

/** Called once by the front server before Next starts: from then on the app believes PEER_HEADER. */
export function startFront(): void {
  globalForFront.nebeneinanderFront ??= { secret: randomBytes(32).toString('base64url') };
}

/**
 * The TCP peer the front server saw. Null when the app runs without it (plain `next start`): there the
 * header would be the client's own writing, so neither it nor any forwarding header is believed.
 */
export function peerAddress(headers: Headers): string | null {
  return globalForFront.nebeneinanderFront ? headers.get(PEER_HEADER) : null;
}

function isInternal(value: string | string[] | undefined, peer: string | null, secret: string): boolean {
  if (typeof value !== 'string' || (peer !== '127.0.0.1' && peer !== '::1')) return false;
  const given = Buffer.from(value);
  return given.length === secret.length && timingSafeEqual(given, Buffer.from(secret));
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The front server's work for one request (`headers` is Node's, changed in place): forwarding headers
 * are removed unless the peer is a trusted proxy, the app's own headers always, PEER_HEADER is set to the peer, and a state-changing
 * request from another site is refused. Returns the 403 message, or null to hand the request to Next.
 * The app's own re-requests (INTERNAL_HEADER, from loopback) keep the headers of the request they repeat.
 */
export function admitRequest(
  method: string | undefined,
  headers: NodeHeaders,
  socketPeer: string | undefined,
  config: { TRUSTED_PROXIES: TrustedProxies; PUBLIC_BASE_URL?: string },
): string | null {
  const secret = globalForFront.nebeneinanderFront?.secret;
  if (!secret) throw new Error('startFront() must run before the front server admits requests.');
  const peer = socketPeer === undefined ? null : canonicalAddress(socketPeer);
  if (isInternal(headers[INTERNAL_HEADER], peer, secret)) return null;
  const trusted = peer !== null && config.TRUSTED_PROXIES.has(peer);
  if (!trusted) for (const name of FORWARDING_HEADERS) delete headers[name];
  for (const name of APP_HEADERS) delete headers[name];
  headers[PEER_HEADER] = peer ?? 'unknown';
  headers[INTERNAL_HEADER] = secret;
  if (!isStateChanging(method)) return null;
  const siteOrigin = publicOriginBehind((name) => one(headers[name]), trusted, undefined, config.PUBLIC_BASE_URL);
  return crossSiteRefusal(method, one(headers['sec-fetch-site']), one(headers.origin), siteOrigin);
}

/** The public origin of a request the front server admitted (as lib/http.ts's publicOrigin reads it in the app). */
export function admittedOrigin(headers: NodeHeaders, config: { TRUSTED_PROXIES: TrustedProxies; PUBLIC_BASE_URL?: string }): string {
  const peer = one(headers[PEER_HEADER]);
  const trusted = peer !== undefined && config.TRUSTED_PROXIES.has(peer);
  return publicOriginBehind((name) => one(headers[name]), trusted, undefined, config.PUBLIC_BASE_URL);
}

/** A path with a broken %-escape (/a/%E0%A4%A, /api/vocabulary/%E0%A4%A): Next cannot decode its params
 *  and would answer a bare 500, so the front server answers for every path, before Next. */
export function brokenEscapeAnswer(url: string | undefined): { status: 400; contentType: string; body: string } | null {
  const pathname = (url ?? '/').split(/[?#]/, 1)[0];
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    const error = 'This address has a broken %-escape: check the link, or open the library at /.';
    return pathname.startsWith('/api/')
      ? { status: 400, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ error }) }
      : { status: 400, contentType: 'text/plain; charset=utf-8', body: error };
  }
}

/**
 * Next marks the pages it keeps (ISR) `s-maxage=…`: a shared cache on the way (a school's proxy, a CDN)
 * would keep them up to a year, past a removal this server's cache hears of. Other caches must ask again
 * each time; the front server rewrites the header as Next sets it.
 */
/** Headers Next leaves on a response that only the app should see: proxy.ts's rewrite names the route a
 *  page is kept under (with the public origin it was asked for). The front server drops them. */
export const INTERNAL_RESPONSE_HEADERS = ['x-middleware-rewrite'];

export function sharedCacheControl(value: string): string {
  return value.includes('s-maxage') ? 'no-cache' : value;
}
