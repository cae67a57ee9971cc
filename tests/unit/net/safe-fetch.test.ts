// The import's fetch against servers this test starts on 127.0.0.1 (allowed by name, as IMPORT_ALLOWED_HOSTS
// allows them): redirects checked hop by hop, limits, content types, charsets, and what is sent. Every
// address here is on this machine's loopback; the refused ones are refused before anything is connected.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_BYTES } from '@/lib/articles/limits';
import { parseAllowedHosts, type AllowedHosts } from '@/lib/net/address-check';
import { fetchPageOrThrow } from '@/lib/net/safe-fetch';
import { decodeHtml } from '@/lib/import/html-charset';
import { ARTICLE_PAGE, LATIN1_PAGE, latin1Bytes } from '@/tests/support/german-pages';

type Ports = { site: number; other: number };
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function listen(handler: Handler): Promise<{ server: http.Server; port: number; requests: http.IncomingMessage[] }> {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, requests };
}

let site: Awaited<ReturnType<typeof listen>>;
/** A second server no address of the allow list names: a redirect to it must never reach it. */
let other: Awaited<ReturnType<typeof listen>>;
let allowed: AllowedHosts;
const hung: http.ServerResponse[] = [];

const html = (res: http.ServerResponse, body: string | Buffer, type = 'text/html; charset=utf-8') => {
  res.writeHead(200, { 'content-type': type });
  res.end(body);
};

beforeAll(async () => {
  other = await listen((_, res) => html(res, ARTICLE_PAGE));
  site = await listen((req, res) => {
    const path = req.url ?? '/';
    if (path === '/artikel') return html(res, ARTICLE_PAGE);
    if (path === '/latin1') return html(res, latin1Bytes(LATIN1_PAGE), 'text/html');
    if (path === '/xhtml') return html(res, ARTICLE_PAGE, 'application/xhtml+xml');
    if (path === '/gzip') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      return res.end(zlib.gzipSync(ARTICLE_PAGE));
    }
    if (path === '/bombe') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      return res.end(zlib.gzipSync(Buffer.alloc(MAX_PAGE_BYTES * 4, 0x20)));
    }
    if (path === '/riesig') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(1_000_000, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < 50 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    if (path === '/gross-angesagt') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(MAX_PAGE_BYTES + 1) });
      return res.end();
    }
    if (path === '/pdf') return html(res, '%PDF-1.7', 'application/pdf');
    if (path === '/ohne-typ') {
      res.writeHead(200);
      return res.end('<p>Hallo</p>');
    }
    if (path === '/fehlt') {
      res.writeHead(404, 'Not Found', { 'content-type': 'text/html' });
      return res.end('<p>Nicht gefunden</p>');
    }
    if (path === '/haengt') return void hung.push(res);
    const hop = /^\/weiter\/(\d+)$/.exec(path);
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(302, { location: n === 0 ? '/artikel' : `/weiter/${n - 1}` });
      return res.end();
    }
    if (path.startsWith('/nach?')) {
      res.writeHead(301, { location: decodeURIComponent(path.slice('/nach?'.length)) });
      return res.end();
    }
    res.writeHead(500);
    res.end();
  });
  const parsed = parseAllowedHosts(`127.0.0.1:${site.port},artikel.test:${site.port}`);
  if (!('hosts' in parsed)) throw new Error(parsed.error);
  allowed = parsed.hosts;
});

afterAll(async () => {
  for (const res of hung) res.destroy();
  await Promise.all([site, other].map(({ server }) => new Promise((resolve) => server.close(resolve))));
});

const at = (path: string) => new URL(`http://127.0.0.1:${site.port}${path}`);
const fetchPage = (url: URL, timeoutMs?: number) => fetchPageOrThrow(url, { allowed, timeoutMs, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });

describe('fetching a page', () => {
  it('an HTML page: its bytes, its charset, and a request with no cookie and a User-Agent naming the app', async () => {
    const page = await fetchPage(at('/artikel'));
    expect(page.bytes.toString('utf8')).toBe(ARTICLE_PAGE);
    expect(page.charset).toBe('utf-8');
    const sent = site.requests.at(-1)!;
    expect(sent.headers.cookie).toBeUndefined();
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.headers['user-agent']).toMatch(/^Nebeneinander\//);
  });

  it('connects to the address the check resolved: a name no name server knows reaches the test server', async () => {
    const page = await fetchPage(new URL(`http://artikel.test:${site.port}/artikel`));
    expect(page.bytes.toString('utf8')).toBe(ARTICLE_PAGE);
    expect(site.requests.at(-1)!.headers.host).toBe(`artikel.test:${site.port}`);
  });

  it('a Latin-1 page without a charset in its header keeps its umlauts (the <meta> names it)', async () => {
    const page = await fetchPage(at('/latin1'));
    expect(page.charset).toBeNull();
    expect(decodeHtml(page.bytes, page.charset)).toContain('Grüße aus Köln: Straßenbahn fährt über die Brücke');
  });

  it('application/xhtml+xml and a gzip-compressed page are read', async () => {
    expect((await fetchPage(at('/xhtml'))).bytes.toString('utf8')).toBe(ARTICLE_PAGE);
    expect((await fetchPage(at('/gzip'))).bytes.toString('utf8')).toBe(ARTICLE_PAGE);
  });

  it('5 redirects are followed, each checked; the 6th is refused', async () => {
    expect((await fetchPage(at('/weiter/4'))).url.pathname).toBe('/artikel');
    await expect(fetchPage(at('/weiter/5'))).rejects.toThrow('The page redirected more than 5 times');
  });

  it.each([
    ['127.0.0.2 on the allowed port', (p: Ports) => `http://127.0.0.2:${p.site}/artikel`],
    ['127.0.0.1 on another port', (p: Ports) => `http://127.0.0.1:${p.other}/artikel`],
    ['127.0.0.1 spelled as a number, on another port', (p: Ports) => `http://2130706433:${p.other}/artikel`],
    ['127.0.0.1 spelled in hex, on another port', (p: Ports) => `http://0x7f.1:${p.other}/artikel`],
    ['[::1]', (p: Ports) => `http://[::1]:${p.other}/artikel`],
    ['localhost', (p: Ports) => `http://localhost:${p.other}/artikel`],
  ])('a redirect to %s (not allowed): 403, and the other server never sees a request', async (_, target) => {
    const before = other.requests.length;
    const location = target({ site: site.port, other: other.port });
    const resolveLocalhost = async (name: string) => (name === 'localhost' ? [{ address: '127.0.0.1', family: 4 as const }] : []);
    await expect(fetchPageOrThrow(at(`/nach?${encodeURIComponent(location)}`), { allowed, resolve: resolveLocalhost })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('only public web pages can be imported'),
    });
    expect(other.requests.length).toBe(before);
  });

  it.each([
    ['a PDF', '/pdf', 415, 'The address is not a web page (its type is "application/pdf"): import HTML pages or EPUB books (application/epub+zip), or paste the text.'],
    ['no Content-Type', '/ohne-typ', 415, 'The address is not a web page (its type is not given): import HTML pages or EPUB books (application/epub+zip), or paste the text.'],
    ['404', '/fehlt', 400, /answered 404 Not Found for this address/],
    ['a page sent as 50 MB', '/riesig', 413, /larger than 5 MB/],
    ['a page announced as over 5 MB', '/gross-angesagt', 413, /larger than 5 MB/],
    ['a 20 MB page gzipped to a few KB', '/bombe', 413, /larger than 5 MB/],
    ['a redirect to ftp:', `/nach?${encodeURIComponent('ftp://127.0.0.1/datei')}`, 400, /redirected to a ftp: address/],
  ])('%s: %s with a message', async (_, path, status, message) => {
    const refused = fetchPage(at(path));
    await expect(refused).rejects.toMatchObject({ status });
    await expect(refused).rejects.toThrow(message);
  });

  it('a server that accepts and never answers: refused when the time is up (here 300 ms instead of 10 s)', async () => {
    await expect(fetchPage(at('/haengt'), 300)).rejects.toThrow(/did not answer in time/);
  });

  it('a port where nothing listens: "refused the connection"', async () => {
    const closed = await listen(() => undefined);
    await new Promise((resolve) => closed.server.close(resolve));
    const parsed = parseAllowedHosts(`127.0.0.1:${closed.port}`);
    if (!('hosts' in parsed)) throw new Error(parsed.error);
    await expect(fetchPageOrThrow(new URL(`http://127.0.0.1:${closed.port}/`), { allowed: parsed.hosts })).rejects.toThrow(
      `127.0.0.1:${closed.port} refused the connection: check the address, or paste the article's text.`,
    );
  });
});
