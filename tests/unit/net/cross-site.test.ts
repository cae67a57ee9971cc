// The cross-site rule and the front server's per-request work: forged headers and other sites' pages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crossSiteReason, crossSiteRefusal } from '@/lib/net/cross-site';
import { INTERNAL_HEADER, PATH_HEADER, PEER_HEADER, admitRequest, peerAddress, startFront } from '@/lib/net/front';
import { parseTrustedProxies, type TrustedProxies } from '@/lib/net/trusted-proxies';

const SITE = 'http://127.0.0.1:3000';

function proxies(text: string): TrustedProxies {
  const parsed = parseTrustedProxies(text);
  if (!('proxies' in parsed)) throw new Error(parsed.error);
  return parsed.proxies;
}

describe('crossSiteReason', () => {
  it.each<[string, string | null, string | null, string | null]>([
    ['same-origin', 'same-origin', SITE, null],
    ['same-origin without Origin', 'same-origin', null, null],
    ['none (typed in the address bar)', 'none', null, null],
    ['cross-site', 'cross-site', 'http://127.0.0.2:8080', 'a page on http://127.0.0.2:8080'],
    ['cross-site with this site’s Origin (the header is what the browser decided)', 'cross-site', SITE, `a page on ${SITE}`],
    ['cross-site without Origin', 'cross-site', null, 'a page on another site'],
    ['same-site from another port', 'same-site', 'http://127.0.0.1:4000', 'a page on http://127.0.0.1:4000'],
    ['same-site from a sibling subdomain', 'same-site', 'http://evil.127.0.0.1.nip.io', 'a page on http://evil.127.0.0.1.nip.io'],
    ['same-site with this site’s Origin (after a redirect)', 'same-site', SITE, null],
    ['same-site without Origin', 'same-site', null, 'a page on another site'],
    ['no Sec-Fetch-Site, another Origin (older browsers)', null, 'http://evil.example', 'a page on http://evil.example'],
    ['no Sec-Fetch-Site, Origin "null" (sandboxed frame, data: URL)', null, 'null', 'a page on another site'],
    ['no Sec-Fetch-Site, this Origin', null, SITE, null],
    ['no Sec-Fetch-Site, this host over https (TLS proxy without X-Forwarded-Proto)', null, 'https://127.0.0.1:3000', null],
    ['no Sec-Fetch-Site, no Origin (a script: no one’s cookies)', null, null, null],
    ['an unknown Sec-Fetch-Site falls back to Origin', 'sideways', 'http://evil.example', 'a page on http://evil.example'],
    ['an unparsable Origin', null, 'http://[', 'a page on another site'],
  ])('%s', (_, secFetchSite, origin, expected) => {
    expect(crossSiteReason(secFetchSite, origin, SITE)).toBe(expected);
  });

  it('a huge Origin is cut in the message', () => {
    const origin = `http://${'a'.repeat(10_000)}.example`;
    expect(crossSiteReason('cross-site', origin, SITE)!.length).toBeLessThan(120);
  });
});

describe('crossSiteRefusal', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post', 'PROPFIND'])('%s from another site is refused, saying what happened and what to do', (method) => {
    expect(crossSiteRefusal(method, 'cross-site', 'http://127.0.0.2:8080', SITE)).toBe(
      `Refused: this ${method.toUpperCase()} request was sent by a page on http://127.0.0.2:8080, not by a page of ${SITE}, so nothing was changed. ` +
        `Nebeneinander only takes changes from its own pages: open ${SITE} and do it there.`,
    );
  });

  it.each(['GET', 'HEAD', 'OPTIONS'])('%s changes nothing and passes (links from other sites keep working)', (method) => {
    expect(crossSiteRefusal(method, 'cross-site', 'http://127.0.0.2:8080', SITE)).toBeNull();
  });
});

describe('the front server’s admitRequest', () => {
  const none = { TRUSTED_PROXIES: proxies('') };
  const local = { TRUSTED_PROXIES: proxies('127.0.0.1') };
  const forged = () => ({
    host: '127.0.0.1:3000',
    'x-forwarded-for': '203.0.113.66',
    'x-forwarded-host': 'evil.example',
    'x-forwarded-proto': 'https',
    'x-forwarded-port': '443',
    'x-real-ip': '203.0.113.67',
    forwarded: 'for=203.0.113.68;host=evil.example',
    [PEER_HEADER]: '10.9.9.9',
    // The app's own: a forged path would name another 404.
    [PATH_HEADER]: '/a/some-other-article/p/99',
  });
  const front = globalThis as { nebeneinanderFront?: { secret: string } };
  let secret: string;

  beforeEach(() => {
    startFront();
    secret = front.nebeneinanderFront!.secret;
  });

  afterEach(() => {
    delete front.nebeneinanderFront;
  });

  it('from an untrusted peer: every forwarding header goes, and the peer header is the socket’s, not the client’s', () => {
    const headers: Record<string, string | string[] | undefined> = forged();
    expect(admitRequest('GET', headers, '::ffff:198.51.100.7', none)).toBeNull();
    expect(headers).toEqual({ host: '127.0.0.1:3000', [PEER_HEADER]: '198.51.100.7', [INTERNAL_HEADER]: secret });
  });

  it('from a trusted proxy: the forwarding headers stay', () => {
    const headers: Record<string, string | string[] | undefined> = forged();
    expect(admitRequest('GET', headers, '::ffff:127.0.0.1', local)).toBeNull();
    const { [PATH_HEADER]: _path, ...fromProxy } = forged();
    expect(headers).toEqual({ ...fromProxy, [PEER_HEADER]: '127.0.0.1', [INTERNAL_HEADER]: secret });
  });

  it('a forged X-Forwarded-Host cannot make another site’s Origin look like this one', () => {
    const headers = { ...forged(), origin: 'http://evil.example' };
    expect(admitRequest('POST', headers, '198.51.100.7', none)).toMatch(/^Refused: this POST request was sent by a page on http:\/\/evil\.example, not by a page of http:\/\/127\.0\.0\.1:3000/);
    // From a trusted proxy, X-Forwarded-Host is the public host, and a page there may post.
    expect(admitRequest('POST', { ...forged(), origin: 'https://evil.example' }, '127.0.0.1', local)).toBeNull();
  });

  it('PUBLIC_BASE_URL is this site’s origin when it is set', () => {
    const config = { ...none, PUBLIC_BASE_URL: 'https://deutsch.example-school.org' };
    expect(admitRequest('POST', { host: '10.0.0.2:3000', origin: 'https://deutsch.example-school.org' }, '10.0.0.9', config)).toBeNull();
    expect(admitRequest('POST', { host: 'deutsch.example-school.org', origin: 'http://10.0.0.2:3000' }, '10.0.0.9', config)).toMatch(/^Refused/);
  });

  it('the app’s own re-request (its headers copied, from loopback) keeps the headers already checked, POST too', () => {
    const client: Record<string, string | string[] | undefined> = { ...forged(), origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' };
    expect(admitRequest('POST', client, '198.51.100.7', none)).toBeNull();
    const copy = { ...client };
    expect(admitRequest('POST', copy, '::1', none)).toBeNull();
    expect(copy).toEqual(client);
    expect(copy[PEER_HEADER]).toBe('198.51.100.7');
  });

  it('a client cannot pass for a re-request: a guessed secret, or the right one from elsewhere, makes an ordinary request', () => {
    const guessed: Record<string, string | string[] | undefined> = { ...forged(), [INTERNAL_HEADER]: 'A'.repeat(secret.length) };
    admitRequest('GET', guessed, '127.0.0.1', none);
    expect(guessed).toEqual({ host: '127.0.0.1:3000', [PEER_HEADER]: '127.0.0.1', [INTERNAL_HEADER]: secret });
    const remote: Record<string, string | string[] | undefined> = { ...forged(), [INTERNAL_HEADER]: secret };
    admitRequest('GET', remote, '198.51.100.7', none);
    expect(remote).toEqual({ host: '127.0.0.1:3000', [PEER_HEADER]: '198.51.100.7', [INTERNAL_HEADER]: secret });
    const crossSite = { ...forged(), [INTERNAL_HEADER]: 'wrong', origin: 'http://evil.example' };
    expect(admitRequest('DELETE', crossSite, '127.0.0.1', none)).toMatch(/^Refused: this DELETE request/);
  });

  it('the app believes the peer header only when the front server runs (plain `next start` would pass a client’s copy)', () => {
    const headers = new Headers({ [PEER_HEADER]: '203.0.113.5' });
    delete front.nebeneinanderFront;
    expect(peerAddress(headers)).toBeNull();
    startFront();
    expect(peerAddress(headers)).toBe('203.0.113.5');
  });
});
