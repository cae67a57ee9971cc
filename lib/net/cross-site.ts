// The one rule against cross-site request forgery: a page on another site must not make a learner's or
// an editor's browser change anything here. scripts/serve.mjs applies it to every request (lib/net/front.ts).

/** Methods that change nothing (RFC 9110 "safe"); every other method is refused from another site. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string | undefined): boolean {
  return !SAFE_METHODS.has((method ?? 'GET').toUpperCase());
}

/** host[:port] of an origin, or null for "null" and anything unparsable. */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host || null;
  } catch {
    return null;
  }
}

/**
 * Why the request comes from another site, or null when it comes from this one (or from no browser).
 * Browsers say where a request comes from in Sec-Fetch-Site: `same-origin` and `none` (typed, bookmarked)
 * pass, `cross-site` does not, `same-site` (a sibling subdomain, another port) only with this site's
 * Origin. Browsers without Sec-Fetch-* send Origin: it must be this site's. A request with neither comes
 * from a script, which carries no one's cookies, and passes. Origins are compared by host and port, as
 * Next compares them for Server Actions: behind a TLS proxy that sends no X-Forwarded-Proto the scheme
 * seen here is not the browser's.
 */
export function crossSiteReason(secFetchSite: string | null | undefined, origin: string | null | undefined, siteOrigin: string): string | null {
  const site = (secFetchSite ?? '').trim().toLowerCase();
  if (site === 'same-origin' || site === 'none') return null;
  const fromHere = origin ? hostOf(origin) === hostOf(siteOrigin) : null;
  const refused = site === 'cross-site' || (site === 'same-site' && !fromHere) || fromHere === false;
  if (!refused) return null;
  return origin && hostOf(origin) ? `a page on ${origin.slice(0, 100)}` : 'a page on another site';
}

/** The 403 message for a state-changing request from another site, or null when it may go on. */
export function crossSiteRefusal(method: string | undefined, secFetchSite: string | null | undefined, origin: string | null | undefined, siteOrigin: string): string | null {
  if (!isStateChanging(method)) return null;
  const from = crossSiteReason(secFetchSite, origin, siteOrigin);
  return from === null
    ? null
    : `Refused: this ${method?.toUpperCase()} request was sent by ${from}, not by a page of ${siteOrigin}, so nothing was changed. ` +
        `Nebeneinander only takes changes from its own pages: open ${siteOrigin} and do it there.`;
}
