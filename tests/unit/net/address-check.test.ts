// The import's address check on its own: name resolution is stubbed and nothing is connected, so these
// cases can name private, link-local and public addresses without a packet leaving the machine.
import { afterEach, describe, expect, it } from 'vitest';
import { getEnvOrThrow, resetEnvForTests } from '@/lib/env';
import { checkTargetOrThrow, internalRangeOf, parseAllowedHosts, parseImportUrlOrThrow, type AllowedHosts, type Resolver } from '@/lib/net/address-check';

function allowed(text: string): AllowedHosts {
  const parsed = parseAllowedHosts(text);
  if (!('hosts' in parsed)) throw new Error(parsed.error);
  return parsed.hosts;
}

const NONE = allowed('');

/** A resolver that answers from a table and records every name it was asked: nothing reaches a name server. */
function stubResolver(table: Record<string, string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: (address.includes(':') ? 6 : 4) as 4 | 6 }));
  };
  return Object.assign(resolve, { asked });
}

async function refusal(address: string, resolver: Resolver = stubResolver({}), hosts = NONE): Promise<{ status: number; message: string } | null> {
  try {
    await checkTargetOrThrow(parseImportUrlOrThrow(address), hosts, resolver);
    return null;
  } catch (error) {
    const e = error as { status: number; message: string };
    return { status: e.status, message: e.message };
  }
}

afterEach(() => {
  delete process.env.IMPORT_ALLOWED_HOSTS;
  resetEnvForTests();
});

describe('internal ranges', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.20', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['febf:ffff::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456:789a::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::7f00:1', 'reserved'], // IPv4-compatible ::127.0.0.1, as the URL parser writes it
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:a00:1::1', '6to4'],
    ['2001:db8::1', 'reserved'],
  ])('%s is refused (%s)', (address, range) => {
    expect(internalRangeOf(address)).toBe(range);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2a00:1450:4001:82a::200e', '::ffff:93.184.215.14'])('%s (public) passes', (address) => {
    expect(internalRangeOf(address)).toBeNull();
  });
});

describe('checking an address before anything is connected', () => {
  it.each([
    ['http://127.0.0.1/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:10.0.0.1]/', 'private'],
    ['http://[::ffff:7f00:1]:8080/', 'loopback'],
    ['http://[::127.0.0.1]/', 'reserved'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://0/', 'unspecified'],
    ['https://10.1.2.3/intern', 'private'],
    ['http://172.16.5.4/', 'private'],
    ['http://192.168.0.1/router', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['http://100.64.1.1/', 'carrierGradeNat'],
    ['http://[fe80::1]/', 'linkLocal'],
    ['http://[fd00::5]/', 'uniqueLocal'],
  ])('%s: refused (403, %s), and no name is looked up', async (address, range) => {
    const resolver = stubResolver({});
    const refused = await refusal(address, resolver);
    expect(refused?.status).toBe(403);
    expect(refused?.message).toContain(`, ${range}): only public web pages can be imported`);
    expect(resolver.asked).toEqual([]);
  });

  it('a name that resolves to a private address is refused, naming the address', async () => {
    const refused = await refusal('https://intranet.schule.example/seite', stubResolver({ 'intranet.schule.example': ['10.20.30.40'] }));
    expect(refused).toEqual({
      status: 403,
      message:
        'intranet.schule.example is an address inside a private network (10.20.30.40, private): only public web pages can be imported. An operator can allow internal hosts with IMPORT_ALLOWED_HOSTS.',
    });
  });

  it('"localhost" and a name with one public and one loopback address are refused (every address must be public)', async () => {
    expect((await refusal('http://localhost:3000/', stubResolver({ localhost: ['127.0.0.1', '::1'] })))?.status).toBe(403);
    expect((await refusal('http://zwei.example/', stubResolver({ 'zwei.example': ['93.184.215.14', '127.0.0.1'] })))?.status).toBe(403);
  });

  it('a public address passes, and the address to connect to is the one checked (no second resolution)', async () => {
    const resolver = stubResolver({ 'zeitung.example': ['93.184.215.14', '2a00:1450:4001:82a::200e'] });
    const target = await checkTargetOrThrow(parseImportUrlOrThrow('https://zeitung.example/artikel'), NONE, resolver);
    expect(target).toMatchObject({ address: '93.184.215.14', family: 4 });
    expect(target.url.href).toBe('https://zeitung.example/artikel');
    expect(resolver.asked).toEqual(['zeitung.example']);
    expect(await checkTargetOrThrow(parseImportUrlOrThrow('http://8.8.8.8/'), NONE, resolver)).toMatchObject({ address: '8.8.8.8', family: 4 });
  });

  it('a name that does not resolve: 400 saying to check the address', async () => {
    expect(await refusal('https://gibt-es-nicht.example/')).toEqual({ status: 400, message: 'gibt-es-nicht.example could not be found: check the address.' });
  });

  it.each([
    ['ftp://zeitung.example/a.html', /Only http:\/\/ and https:\/\/ addresses/],
    ['file:///etc/passwd', /Only http:\/\/ and https:\/\/ addresses/],
    ['gopher://127.0.0.1:25/', /Only http:\/\/ and https:\/\/ addresses/],
    ['javascript:alert(1)', /Only http:\/\/ and https:\/\/ addresses/],
    ['https://nutzer:geheim@zeitung.example/', /user name or password/],
    ['kein link', /is not a web address/],
    [`https://zeitung.example/${'a'.repeat(2_100)}`, /longer than 2,000 characters/],
  ])('%s: 400 before any look-up', (address, message) => {
    expect(() => parseImportUrlOrThrow(address)).toThrow(message);
  });
});

describe('IMPORT_ALLOWED_HOSTS', () => {
  it('an allowed host:port passes although it is loopback; the same address on another port, or another loopback address, does not', async () => {
    const hosts = allowed('127.0.0.1:4321');
    expect(await refusal('http://127.0.0.1:4321/artikel', undefined, hosts)).toBeNull();
    expect(await refusal('http://2130706433:4321/artikel', undefined, hosts)).toBeNull(); // the same host, spelled as a number
    expect((await refusal('http://127.0.0.1:4322/', undefined, hosts))?.status).toBe(403);
    expect((await refusal('http://2130706433:4322/', undefined, hosts))?.status).toBe(403);
    expect((await refusal('http://127.0.0.2:4321/', undefined, hosts))?.status).toBe(403);
    expect((await refusal('http://[::1]:4321/', undefined, hosts))?.status).toBe(403);
  });

  it('a host without a port allows every port; names match case-insensitively; IPv6 in brackets', async () => {
    const hosts = allowed(' Wiki.Schule.internal , [::1]:8080,0x7f.2');
    const resolver = stubResolver({ 'wiki.schule.internal': ['10.0.0.7'] });
    expect(await refusal('https://WIKI.schule.internal/seite', resolver, hosts)).toBeNull();
    expect(await refusal('http://wiki.schule.internal:8443/seite', resolver, hosts)).toBeNull();
    expect(await refusal('http://[::1]:8080/', resolver, hosts)).toBeNull();
    expect(await refusal('http://127.0.0.2:9/', resolver, hosts)).toBeNull();
    expect((await refusal('http://[::1]:8081/', resolver, hosts))?.status).toBe(403);
  });

  it('a port 80 entry matches an address without a port', async () => {
    expect(await refusal('http://127.0.0.1/', undefined, allowed('127.0.0.1:80'))).toBeNull();
    expect((await refusal('https://127.0.0.1/', undefined, allowed('127.0.0.1:80')))?.status).toBe(403);
  });

  it.each([
    ['http://wiki.internal', /"http:\/\/wiki.internal" is not a host or host:port/],
    ['wiki.internal/pfad', /is not a host or host:port/],
    ['nutzer@wiki.internal', /is not a host or host:port/],
    ['wiki.internal:99999', /is not a host or host:port/],
    ['::1', /is not a host or host:port/],
  ])('"%s" stops the start with a message naming it', (text, message) => {
    process.env.IMPORT_ALLOWED_HOSTS = text;
    resetEnvForTests();
    expect(() => getEnvOrThrow()).toThrow(/IMPORT_ALLOWED_HOSTS: /);
    expect(() => getEnvOrThrow()).toThrow(message);
  });

  it('empty by default: nothing internal is allowed', () => {
    delete process.env.IMPORT_ALLOWED_HOSTS;
    resetEnvForTests();
    expect(getEnvOrThrow().IMPORT_ALLOWED_HOSTS.entries).toEqual([]);
  });
});
