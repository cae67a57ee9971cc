// Fetches a web page for an import without letting it reach inside the network (SSRF): the address and
// every redirect are checked (lib/net/address-check.ts) and the socket connects to the address checked.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import zlib from 'node:zlib';
import { MAX_BOOK_BYTES, MAX_PAGE_BYTES } from '../articles/limits';
import { getEnvOrThrow } from '../env';
import { AppError, isAppError } from '../errors';
import { checkTargetOrThrow, type AllowedHosts, type CheckedTarget, type Resolver } from './address-check';

/** The whole fetch, redirects included. */
export const PAGE_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 5;
const USER_AGENT = 'Nebeneinander/0.1 (reader-mode article import for German learners)';
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/** An EPUB book (lib/import/epub.ts), fetched with the book's size limit. */
const BOOK_TYPE = 'application/epub+zip';

export interface FetchedPage {
  /** The address the page came from, after redirects. */
  url: URL;
  bytes: Buffer;
  /** The charset named by Content-Type, if any. */
  charset: string | null;
  /** The answer is an EPUB book (application/epub+zip), not a page. */
  isBook: boolean;
}

const resolveWithDns: Resolver = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** A lookup that answers only the checked address: the connection cannot go where a second resolution points. */
function pinnedLookup(target: CheckedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as (e: null, a: dns.LookupAddress[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

interface Hop {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: http.IncomingMessage;
}

/** One request to a checked target, no redirect followed. Nothing but the request line, Host and these headers is sent (no cookies). */
function request(target: CheckedTarget, signal: AbortSignal): Promise<Hop> {
  const { url } = target;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'GET',
        lookup: pinnedLookup(target),
        signal,
        agent: false,
        headers: {
          'user-agent': USER_AGENT,
          accept: 'text/html,application/xhtml+xml;q=0.9,application/epub+zip;q=0.8',
          'accept-language': 'de,en;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
        },
      },
      (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }),
    );
    req.on('error', reject);
    req.end();
  });
}

/** The media type and charset of a Content-Type header. */
function parseContentType(header: string | undefined): { type: string; charset: string | null } {
  const [type, ...params] = (header ?? '').slice(0, 500).split(';');
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([\w.:-]{1,40})"?\s*$/i.exec(p)?.[1]).find(Boolean) ?? null;
  return { type: type.trim().toLowerCase(), charset };
}

/** The body, decompressed, refused as soon as it passes `limit` (a small gzip of a huge page too). */
async function readBodyOrThrow(hop: Hop, url: URL, limit: number): Promise<Buffer> {
  const tooLarge = () =>
    new AppError(
      'too_large',
      limit === MAX_PAGE_BYTES
        ? `The page at ${url.host} is larger than ${MAX_PAGE_BYTES / 1_000_000} MB: save the article's text and paste it instead.`
        : `The book at ${url.host} is larger than ${limit / 1_000_000} MB: remove its pictures (Calibre can) or split it.`,
    );
  if (Number(hop.headers['content-length'] ?? 0) > limit) {
    hop.body.destroy();
    throw tooLarge();
  }
  const encoding = String(hop.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip' ? zlib.createGunzip() : encoding === 'deflate' ? zlib.createInflate() : encoding === 'br' ? zlib.createBrotliDecompress() : null;
  if (!decoder && encoding !== 'identity') {
    hop.body.destroy();
    throw new AppError('unsupported_type', `The page at ${url.host} came compressed as "${encoding.slice(0, 30)}", which the import cannot read.`);
  }
  const stream = decoder ? hop.body.pipe(decoder) : hop.body;
  if (decoder) hop.body.on('error', (e) => decoder.destroy(e));
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge();
      chunks.push(chunk);
    }
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError('bad_input', `The page at ${url.host} could not be read to its end (${error instanceof Error ? error.message.slice(0, 100) : 'broken answer'}).`);
  } finally {
    hop.body.destroy();
    decoder?.destroy();
  }
  return Buffer.concat(chunks);
}

function networkError(error: unknown, url: URL, signal: AbortSignal): AppError {
  if (signal.aborted) return new AppError('bad_input', `${url.host} did not answer in time (${PAGE_TIMEOUT_MS / 1000} seconds for the whole page): try again later, or paste the article's text.`);
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED') return new AppError('bad_input', `${url.host} refused the connection: check the address, or paste the article's text.`);
  if (typeof code === 'string' && /^(ERR_TLS|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/.test(code)) {
    return new AppError('bad_input', `${url.host}'s HTTPS certificate is not valid (${code}): the page cannot be fetched safely.`);
  }
  return new AppError('bad_input', `${url.host} could not be reached (${typeof code === 'string' ? code : 'network error'}): check the address, or paste the article's text.`);
}

export interface FetchOptions {
  /** Default: IMPORT_ALLOWED_HOSTS. */
  allowed?: AllowedHosts;
  /** Default: the system's resolver (dns.lookup). */
  resolve?: Resolver;
  /** Default PAGE_TIMEOUT_MS; tests pass a short one rather than wait 10 s. */
  timeoutMs?: number;
}

/** `work`, or the time-out's error once the fetch's 10 s are up (a name server that does not answer). */
function withinOrThrow<T>(work: Promise<T>, url: URL, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(networkError(signal.reason, url, signal));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Fetches an HTML page: http(s) only, each address checked before it is connected to (redirects too, at
 * most 5), 10 s in all, 5 MB at most, text/html or application/xhtml+xml only (or an EPUB book of 20 MB at most). Throws an AppError that
 * says what was wrong and what to do.
 */
export async function fetchPageOrThrow(start: URL, options: FetchOptions = {}): Promise<FetchedPage> {
  const allowed = options.allowed ?? getEnvOrThrow().IMPORT_ALLOWED_HOSTS;
  const resolve = options.resolve ?? resolveWithDns;
  const timeoutMs = options.timeoutMs ?? PAGE_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  let url = start;
  for (let redirects = 0; ; redirects++) {
    const target = await withinOrThrow(checkTargetOrThrow(url, allowed, resolve), url, signal);
    let hop: Hop;
    try {
      hop = await request(target, signal);
    } catch (error) {
      throw networkError(error, url, signal);
    }
    if (hop.status >= 300 && hop.status < 400 && hop.headers.location) {
      hop.body.destroy();
      if (redirects >= MAX_REDIRECTS) throw new AppError('bad_input', `The page redirected more than ${MAX_REDIRECTS} times: open it in a browser and copy the address it ends at.`);
      let next: URL;
      try {
        next = new URL(hop.headers.location, url);
      } catch {
        throw new AppError('bad_input', `${url.host} redirected to an address that is not valid.`);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new AppError('bad_input', `${url.host} redirected to a ${next.protocol.slice(0, 20)} address: only http(s) pages can be imported.`);
      if (next.username || next.password) throw new AppError('bad_input', `${url.host} redirected to an address with a user name or password: only public pages can be imported.`);
      url = next;
      continue;
    }
    if (hop.status < 200 || hop.status >= 300) {
      hop.body.destroy();
      throw new AppError('bad_input', `${url.host} answered ${hop.status}${hop.body.statusMessage ? ` ${hop.body.statusMessage.slice(0, 60)}` : ''} for this address: check that the page opens in a browser.`);
    }
    const { type, charset } = parseContentType(hop.headers['content-type']);
    const isBook = type === BOOK_TYPE;
    if (!HTML_TYPES.has(type) && !isBook) {
      hop.body.destroy();
      throw new AppError('unsupported_type', `The address is not a web page (its type is ${type ? `"${type.slice(0, 60)}"` : 'not given'}): import HTML pages or EPUB books (application/epub+zip), or paste the text.`);
    }
    try {
      return { url, bytes: await readBodyOrThrow(hop, url, isBook ? MAX_BOOK_BYTES : MAX_PAGE_BYTES), charset, isBook };
    } catch (error) {
      if (signal.aborted) throw networkError(error, url, signal);
      throw error;
    }
  }
}
