// Which addresses a web-page import may reach: public unicast only, unless IMPORT_ALLOWED_HOSTS names the
// host. Pure (no sockets): lib/net/safe-fetch.ts resolves, asks here, and connects to what was allowed.
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../errors';

/** IMPORT_ALLOWED_HOSTS, parsed: internal hosts an operator lets imports reach (a port: only that port). */
export interface AllowedHosts {
  readonly entries: readonly string[];
  /** True when `url`'s host (and port, if the entry names one) is listed. */
  allows(url: URL): boolean;
}

const ALLOWED_EXAMPLE = 'such as wiki.school.internal,127.0.0.1:8080,[::1]:8080';

/** The port a URL reaches: its own, or its scheme's. */
function effectivePort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * Parses IMPORT_ALLOWED_HOSTS ("host" or "host:port", comma-separated). Each entry is normalized as a URL
 * host is (lower case, "0x7f.1" → 127.0.0.1, IPv6 in brackets), so it matches however an address spells it.
 */
export function parseAllowedHosts(text: string): { hosts: AllowedHosts } | { error: string } {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const rules: Array<{ host: string; port: string | null }> = [];
  for (const entry of entries) {
    const bad = { error: `"${entry.slice(0, 60)}" is not a host or host:port: list the internal hosts imports may reach, separated by commas, ${ALLOWED_EXAMPLE} (or leave it empty)` };
    let url: URL;
    try {
      url = new URL(`http://${entry}`);
    } catch {
      return bad;
    }
    // Only a host and a port: anything else (a path, a user, a query) is a mistake worth naming.
    if (entry.length > 300 || !url.hostname || url.pathname !== '/' || url.search || url.hash || url.username || url.password || /[/?#@]/.test(entry)) return bad;
    const port = /:(\d{1,5})$/.exec(entry)?.[1] ?? null;
    if (port !== null && (Number(port) < 1 || Number(port) > 65_535)) return bad;
    rules.push({ host: url.hostname, port: port === null ? null : String(Number(port)) });
  }
  const allows = (url: URL) => rules.some((r) => r.host === url.hostname && (r.port === null || r.port === effectivePort(url)));
  return { hosts: { entries, allows } };
}

/**
 * Why `address` (IPv4 or IPv6 text) must not be fetched, or null for a public unicast address. Only what
 * ipaddr.js calls "unicast" passes: private, loopback, link-local, CGNAT, multicast, unspecified,
 * broadcast, documentation and other reserved ranges are refused; IPv6 must be global unicast (2000::/3),
 * which leaves out IPv4-compatible (::a.b.c.d) forms, and IPv4-mapped ones (::ffff:a.b.c.d) are judged as
 * their IPv4 address. Forms that embed an IPv4 address (NAT64, 6to4, Teredo) are refused outright.
 */
export function internalRangeOf(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (parsed.kind() === 'ipv6' && range === 'unicast' && !parsed.match(ipaddr.parseCIDR('2000::/3'))) return 'reserved';
  return range === 'unicast' ? null : range;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (dns.lookup in production, a stub in tests). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** What the check lets through: the URL and the one address to connect to (so no second resolution can differ). */
export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

const MAX_URL_CHARS = 2_000;

/** Parses a web address an editor gave: http or https, no user name or password, at most 2,000 characters. */
export function parseImportUrlOrThrow(text: string): URL {
  const trimmed = text.trim();
  if (trimmed.length > MAX_URL_CHARS) throw new AppError('bad_input', `The address is longer than ${MAX_URL_CHARS.toLocaleString('en')} characters: copy the article's own address.`);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new AppError('bad_input', `"${trimmed.slice(0, 80)}" is not a web address: copy it from the browser's address bar (https://...).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('bad_input', `Only http:// and https:// addresses can be imported, not ${url.protocol.slice(0, 20)}`);
  }
  if (url.username || url.password) throw new AppError('bad_input', 'The address holds a user name or password: remove them (only public pages can be imported).');
  return url;
}

/**
 * Checks that `url` may be fetched and returns the address to connect to: every address its host resolves
 * to must be public, unless IMPORT_ALLOWED_HOSTS names the host. Called for the first address and for each
 * redirect. Nothing is connected here.
 */
export async function checkTargetOrThrow(url: URL, allowed: AllowedHosts, resolve: Resolver): Promise<CheckedTarget> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(hostname);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: hostname, family: literal as 4 | 6 }];
  else {
    try {
      addresses = await resolve(hostname);
    } catch {
      throw new AppError('bad_input', `${url.hostname} could not be found: check the address.`);
    }
    if (addresses.length === 0) throw new AppError('bad_input', `${url.hostname} could not be found: check the address.`);
  }
  if (!allowed.allows(url)) {
    for (const { address } of addresses) {
      const range = internalRangeOf(address);
      if (range !== null) {
        throw new AppError(
          'forbidden',
          `${url.host} is an address inside a private network (${address}, ${range}): only public web pages can be imported. An operator can allow internal hosts with IMPORT_ALLOWED_HOSTS.`,
        );
      }
    }
  }
  return { url, address: addresses[0].address, family: addresses[0].family };
}
