// Which TCP peers may speak for the client (TRUSTED_PROXIES), and what the client's address and the public
// origin are: a forwarding header is believed only from a trusted proxy, since anyone else can write one.
import { BlockList, isIP } from 'node:net';

export interface TrustedProxies {
  /** The entries as configured (empty: no proxy is trusted). */
  readonly entries: readonly string[];
  /** True when `address` (IPv4, IPv6, or IPv4-mapped IPv6 such as ::ffff:127.0.0.1) is a trusted proxy. */
  has(address: string): boolean;
}

const EXAMPLE = 'such as 127.0.0.1,10.0.0.0/8,::1';
/** A header line is at most Node's 16 KB: this bounds the work on X-Forwarded-For whatever it holds. */
const MAX_HOPS = 64;

/**
 * An address as a key: IPv4-mapped IPv6 ("::ffff:127.0.0.1", what a dual-stack socket reports) as IPv4,
 * IPv6 lower-cased; a port or brackets some proxies add ("1.2.3.4:5678", "[::1]:80") dropped.
 * Null when it is not an IP address.
 */
export function canonicalAddress(text: string): string | null {
  let address = text.trim();
  address = /^\[([^\]]+)\](?::\d+)?$/.exec(address)?.[1] ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address)?.[1] ?? address;
  address = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1] ?? address;
  const family = isIP(address);
  if (family === 0) return null;
  return family === 6 ? address.toLowerCase() : address;
}

function invalid(entry: string): string {
  return `"${entry.slice(0, 60)}" is not an IP address or a CIDR range: list the proxies in front of the app separated by commas, ${EXAMPLE} (or leave it empty to trust none)`;
}

/** Parses TRUSTED_PROXIES ("127.0.0.1,10.0.0.0/8,::1"); `error` names the first entry that is neither an address nor a range. */
export function parseTrustedProxies(text: string): { proxies: TrustedProxies } | { error: string } {
  const list = new BlockList();
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [addressText, prefixText, ...rest] = entry.split('/');
    const family = isIP(addressText) === 4 ? 'ipv4' : isIP(addressText) === 6 ? 'ipv6' : null;
    if (!family || rest.length > 0) return { error: invalid(entry) };
    if (prefixText === undefined) {
      list.addAddress(addressText, family);
      continue;
    }
    const prefix = Number(prefixText);
    if (!/^\d{1,3}$/.test(prefixText) || prefix > (family === 'ipv4' ? 32 : 128)) return { error: invalid(entry) };
    list.addSubnet(addressText, prefix, family);
  }
  const has = (address: string) => {
    const canonical = canonicalAddress(address);
    return canonical !== null && list.check(canonical, isIP(canonical) === 4 ? 'ipv4' : 'ipv6');
  };
  return { proxies: { entries, has } };
}

/**
 * The client's address. The TCP peer, unless it is a trusted proxy: then the right-most X-Forwarded-For
 * address that is not itself a trusted proxy (each proxy appends the peer it saw, so everything to the
 * left of that is the client's own writing), or X-Real-IP when there is no X-Forwarded-For.
 */
export function clientAddressBehind(peer: string, forwardedFor: string | null, realIp: string | null, proxies: TrustedProxies): string {
  let client = canonicalAddress(peer) ?? peer;
  if (!proxies.has(client)) return client;
  if (forwardedFor === null) return (realIp !== null && canonicalAddress(realIp)) || client;
  const hops = forwardedFor.split(',').slice(-MAX_HOPS);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = canonicalAddress(hops[i]);
    // A hop that is no address ("unknown") says nothing: the last proxy that spoke is the client we know.
    if (hop === null) return client;
    client = hop;
    if (!proxies.has(hop)) return hop;
  }
  return client;
}

const HOST = /^[a-z0-9.\-:[\]]+$/i;

/**
 * The origin learners use: PUBLIC_BASE_URL when set; else the request's Host, or the X-Forwarded-Host and
 * X-Forwarded-Proto of a trusted proxy. `fallbackUrl` (request.url) gives the protocol and the last resort.
 */
export function publicOriginBehind(
  header: (name: string) => string | null | undefined,
  fromTrustedProxy: boolean,
  fallbackUrl: string | undefined,
  configured: string | undefined,
): string {
  if (configured) return configured.replace(/\/+$/, '');
  const forwardedHost = fromTrustedProxy ? header('x-forwarded-host')?.split(',')[0].trim() : undefined;
  const host = forwardedHost || header('host');
  const proto = (fromTrustedProxy ? header('x-forwarded-proto')?.split(',')[0].trim() : undefined) ?? (fallbackUrl ? new URL(fallbackUrl).protocol.replace(':', '') : 'http');
  if (host && HOST.test(host)) return `${proto === 'https' ? 'https' : 'http'}://${host}`;
  return fallbackUrl ? new URL(fallbackUrl).origin : 'http://localhost:3000';
}
