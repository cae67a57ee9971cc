// TRUSTED_PROXIES: which peers may speak for the client, and what the client's address and origin then are.
import { afterEach, describe, expect, it } from 'vitest';
import { getEnvOrThrow, resetEnvForTests } from '@/lib/env';
import { canonicalAddress, clientAddressBehind, parseTrustedProxies, publicOriginBehind, type TrustedProxies } from '@/lib/net/trusted-proxies';

function proxies(text: string): TrustedProxies {
  const parsed = parseTrustedProxies(text);
  if (!('proxies' in parsed)) throw new Error(parsed.error);
  return parsed.proxies;
}

afterEach(() => {
  delete process.env.TRUSTED_PROXIES;
  resetEnvForTests();
});

describe('parsing TRUSTED_PROXIES', () => {
  it('IPv4 addresses and ranges', () => {
    const list = proxies('127.0.0.1, 10.0.0.0/8 ,192.168.1.0/24');
    expect(list.entries).toEqual(['127.0.0.1', '10.0.0.0/8', '192.168.1.0/24']);
    expect(['127.0.0.1', '10.0.0.1', '10.255.255.255', '192.168.1.77'].map(list.has)).toEqual([true, true, true, true]);
    expect(['127.0.0.2', '11.0.0.1', '192.168.2.1', '9.255.255.255'].map(list.has)).toEqual([false, false, false, false]);
  });

  it('IPv6 addresses and ranges, in any spelling', () => {
    const list = proxies('::1,fd00::/8,2001:db8:abcd::/48');
    expect(['::1', '0:0:0:0:0:0:0:1', 'fd12:3456::9', '2001:DB8:ABCD:12::1'].map(list.has)).toEqual([true, true, true, true]);
    expect(['::2', 'fe80::1', '2001:db8:abce::1', '127.0.0.1'].map(list.has)).toEqual([false, false, false, false]);
  });

  it('an IPv4 peer on a dual-stack socket (::ffff:127.0.0.1) is the IPv4 address, and the other way round', () => {
    expect(proxies('127.0.0.1').has('::ffff:127.0.0.1')).toBe(true);
    expect(proxies('10.0.0.0/8').has('::FFFF:10.1.2.3')).toBe(true);
    expect(proxies('::ffff:127.0.0.1').has('127.0.0.1')).toBe(true);
    expect(proxies('127.0.0.1').has('::ffff:127.0.0.2')).toBe(false);
  });

  it('empty (the default) trusts no one', () => {
    expect(proxies('').entries).toEqual([]);
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].map(proxies(' , ').has)).toEqual([false, false, false]);
    expect(getEnvOrThrow().TRUSTED_PROXIES.has('127.0.0.1')).toBe(false);
  });

  it('what is no address never matches, even when every address is trusted', () => {
    const list = proxies('0.0.0.0/0,::/0');
    expect(['localhost', '', 'unknown', '1.2.3', 'evil.example'].map(list.has)).toEqual([false, false, false, false, false]);
    expect(['8.8.8.8', '2001:db8::1'].map(list.has)).toEqual([true, true]);
  });

  it.each([
    ['a name', 'proxy.example.org'],
    ['a prefix too long for IPv4', '10.0.0.0/33'],
    ['a prefix too long for IPv6', '::1/129'],
    ['a prefix that is no number', '10.0.0.0/eight'],
    ['an empty prefix', '10.0.0.0/'],
    ['two slashes', '10.0.0.0/8/8'],
    ['an IPv4 address with five parts', '127.0.0.0.1'],
    ['a port', '127.0.0.1:8080'],
    ['a range written with a dash', '10.0.0.1-10.0.0.9'],
    ['spaces instead of commas', '127.0.0.1 10.0.0.1'],
  ])('%s is refused at start with a message naming TRUSTED_PROXIES and the entry', (_, value) => {
    process.env.TRUSTED_PROXIES = `127.0.0.1,${value}`;
    resetEnvForTests();
    expect(() => getEnvOrThrow()).toThrow(
      `TRUSTED_PROXIES: "${value}" is not an IP address or a CIDR range: list the proxies in front of the app separated by commas, such as 127.0.0.1,10.0.0.0/8,::1 (or leave it empty to trust none)`,
    );
  });

  it('a good value reaches the app through lib/env', () => {
    process.env.TRUSTED_PROXIES = '127.0.0.1,::1';
    resetEnvForTests();
    expect(getEnvOrThrow().TRUSTED_PROXIES.entries).toEqual(['127.0.0.1', '::1']);
    expect(getEnvOrThrow().TRUSTED_PROXIES.has('::ffff:127.0.0.1')).toBe(true);
  });
});

describe('canonicalAddress', () => {
  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['  203.0.113.9 ', '203.0.113.9'],
    ['203.0.113.9:51234', '203.0.113.9'],
    ['[2001:DB8::1]:443', '2001:db8::1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['unknown', null],
    ['', null],
    ['evil.example', null],
  ])('%j → %j', (text, expected) => {
    expect(canonicalAddress(text)).toBe(expected);
  });
});

describe('the client address', () => {
  const none = proxies('');
  const local = proxies('127.0.0.1,::1');
  const chain = proxies('127.0.0.1,10.0.0.0/8');

  it('from an untrusted peer, X-Forwarded-For and X-Real-IP are ignored: the client is the peer', () => {
    expect(clientAddressBehind('::ffff:198.51.100.7', '203.0.113.1', '203.0.113.2', none)).toBe('198.51.100.7');
    expect(clientAddressBehind('127.0.0.1', '203.0.113.1', null, none)).toBe('127.0.0.1');
    expect(clientAddressBehind('198.51.100.7', '203.0.113.1', null, local)).toBe('198.51.100.7');
  });

  it('from a trusted proxy: the right-most X-Forwarded-For address, not whatever the client wrote to its left', () => {
    expect(clientAddressBehind('127.0.0.1', '203.0.113.1', null, local)).toBe('203.0.113.1');
    expect(clientAddressBehind('::ffff:127.0.0.1', '1.1.1.1, 2.2.2.2, 203.0.113.1', null, local)).toBe('203.0.113.1');
  });

  it('through several trusted proxies: the right-most address that is not itself one', () => {
    expect(clientAddressBehind('127.0.0.1', '6.6.6.6, 203.0.113.1, 10.0.0.5, 10.1.1.1', null, chain)).toBe('203.0.113.1');
    // Everyone on the chain is trusted (a client inside the proxies' network): the left-most.
    expect(clientAddressBehind('127.0.0.1', '10.0.0.9, 10.0.0.5', null, chain)).toBe('10.0.0.9');
  });

  it('a hop that is no address ends the walk at the last proxy that spoke', () => {
    expect(clientAddressBehind('127.0.0.1', 'unknown', null, local)).toBe('127.0.0.1');
    expect(clientAddressBehind('127.0.0.1', '203.0.113.1, garbage, 10.0.0.5', null, chain)).toBe('10.0.0.5');
  });

  it('addresses with ports and mapped IPv4 are keyed alike; X-Real-IP counts only without X-Forwarded-For', () => {
    expect(clientAddressBehind('127.0.0.1', '[2001:DB8::7]:5555', null, local)).toBe('2001:db8::7');
    expect(clientAddressBehind('127.0.0.1', null, '::ffff:203.0.113.4', local)).toBe('203.0.113.4');
    expect(clientAddressBehind('127.0.0.1', null, 'nonsense', local)).toBe('127.0.0.1');
  });

  it('a huge X-Forwarded-For costs a bounded walk', () => {
    const header = Array.from({ length: 2_000 }, () => '10.0.0.1').join(',');
    expect(clientAddressBehind('127.0.0.1', header, null, chain)).toBe('10.0.0.1');
  });
});

describe('the public origin', () => {
  const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;
  const forged = headers({ host: '127.0.0.1:3000', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });

  it('from an untrusted peer: the Host, never X-Forwarded-Host or -Proto', () => {
    expect(publicOriginBehind(forged, false, undefined, undefined)).toBe('http://127.0.0.1:3000');
  });

  it('from a trusted proxy: its X-Forwarded-Host and -Proto (the first, when it lists several)', () => {
    expect(publicOriginBehind(forged, true, undefined, undefined)).toBe('https://evil.example');
    const listed = headers({ host: 'app:3000', 'x-forwarded-host': 'school.example, app:3000', 'x-forwarded-proto': 'https, http' });
    expect(publicOriginBehind(listed, true, undefined, undefined)).toBe('https://school.example');
  });

  it('PUBLIC_BASE_URL always wins', () => {
    expect(publicOriginBehind(forged, true, undefined, 'https://deutsch.example-school.org/')).toBe('https://deutsch.example-school.org');
  });

  it('a Host that is no host name falls back to the request URL', () => {
    expect(publicOriginBehind(headers({ host: 'evil.example/<script>' }), false, 'http://localhost:3000/x', undefined)).toBe('http://localhost:3000');
  });
});
