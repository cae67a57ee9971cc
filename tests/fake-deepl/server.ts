// Owns the fake DeepL HTTP server (node:http only) that tests point deepl-node at via `serverUrl`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeFault =
  | { kind: 'status'; status: 403 | 429 | 456 | 500 | 503; times?: number } // answer /v2/translate with this status (times: how many requests, default forever)
  | { kind: 'hang' } // accept /v2/translate requests and never answer (until reset/close)
  | { kind: 'hold'; status?: 403 | 429 | 456 | 500 | 503 } // keep the request until the test calls release(match), then answer it as usual (or with `status`)
  | { kind: 'misalign' }; // translate, but drop the last </s> and its opening <s ...> tag from each text
// Without a fault, a text holding answerMarker(answer) is answered with that answer (see ANSWER_MARKER).
export interface FakeRequestLog { texts: string[]; params: Record<string, string>; chars: number; authKey: string | null }

/**
 * What a test may ask of a fake DeepL, whether it runs in the test's own process or in the global
 * setup's (a server shared by several test files, reached over HTTP: see RemoteFake). Every call
 * names a `match`: a piece of text only this test sends (a made-up word in its article), so that
 * tests sharing one fake see only their own requests and fault only their own texts. A request
 * matches when one of its texts contains `match`; '' matches every request.
 */
export interface FakeControl {
  url: string;
  /** /v2/translate requests answered 200 that match, in order. */
  requestsFor(match: string): Promise<FakeRequestLog[]>;
  /** /v2/translate requests received that match, whatever the answer (faulted, held, hanging). */
  attemptsFor(match: string): Promise<number>;
  /** From now on, matching /v2/translate requests get `fault` (the latest rule for a match wins). */
  faultWhen(match: string, fault: FakeFault): Promise<void>;
  /** Removes the rules for `match`, lets its held requests go on and ends its hanging ones. */
  clearFaults(match: string): Promise<void>;
  /** Resolves once `count` matching requests are held (a { kind: 'hold' } rule). */
  waitHeld(match: string, count?: number): Promise<void>;
  /** Lets the held matching requests go on (answered as usual) and removes the hold rule. */
  release(match: string): Promise<void>;
}

export interface FakeDeepL extends FakeControl {
  url: string; // e.g. "http://127.0.0.1:45678"
  requests: FakeRequestLog[]; // every /v2/translate request answered 200, in order
  get requestCount(): number; // number of /v2/translate requests answered 200
  get billedChars(): number; // sum of chars over those requests (also /v2/usage character_count)
  allTranslateAttempts: number; // every /v2/translate request received, whatever the answer
  setFault(f: FakeFault | null): void; // the rule for every request (match '')
  setLatency(ms: number): void; // delay every answer by ms
  reset(): void; // clear logs, counters, fault; latency back to the start value; end hanging requests
  close(): Promise<void>; // also ends hanging and delayed requests
}

const MAX_BODY_BYTES = 128 * 1024;
/** Where a test in another process controls this fake (see RemoteFake); never a DeepL path. */
const CONTROL_PREFIX = '/__fake/';
const MAX_HELD_WAIT_MS = 120_000;
/** A text holding `[fake-answer:<base64url of the answer>]` (or `...*<n>]`, the answer n times) is
 *  answered with exactly that: how a test sends a hostile answer for one text, whatever runs beside it. */
const ANSWER_MARKER = /\[fake-answer:([A-Za-z0-9_-]{1,20000})(?:\*(\d{1,8}))?\]/;

/** The answer a text asks for with ANSWER_MARKER, or null. */
export function answerMarker(answer: string, times = 1): string {
  return `[fake-answer:${Buffer.from(answer, 'utf8').toString('base64url')}${times === 1 ? '' : `*${times}`}]`;
}

function askedAnswer(text: string): string | null {
  const m = ANSWER_MARKER.exec(text);
  return m ? Buffer.from(m[1], 'base64url').toString('utf8').repeat(Number(m[2] ?? 1)) : null;
}
// A tag, allowing '>' inside quoted attribute values.
const TAG = /<(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const FAULT_MESSAGES: Record<number, string> = {
  403: 'Invalid or missing authentication key.',
  429: 'Too many requests. Please wait and resend your request.',
  456: 'Quota exceeded. The character limit has been reached.',
  500: 'Internal server error',
  503: 'Service temporarily unavailable',
};

function wrap(node: string): string {
  if (node.trim() === '') return node;
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(node) as RegExpExecArray;
  return `${m[1]}EN(${m[2]})${m[3]}`;
}

/** Wraps every non-blank text node in `EN(...)`, keeping tags, entities and outer whitespace as they are.
 *  With `tagHandling` false (no tag_handling param) the whole text is one text node. */
export function fakeTranslate(text: string, tagHandling = true): string {
  if (!tagHandling) return wrap(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(TAG)) {
    out += wrap(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + wrap(text.slice(last));
}

/** Removes the last `</s>` and its matching `<s ...>` opening tag (the content stays). */
function dropLastSentenceTags(text: string): string {
  const tags = [...text.matchAll(TAG)];
  const isOpen = (t: string): boolean => /^<s[\s>]/.test(t);
  const isClose = (t: string): boolean => /^<\/s\s*>$/.test(t);
  let end = tags.length - 1;
  while (end >= 0 && !isClose(tags[end][0])) end--;
  if (end < 0) return text;
  let depth = 0;
  for (let i = end - 1; i >= 0; i--) {
    const t = tags[i][0];
    if (isClose(t)) depth++;
    else if (isOpen(t) && !t.endsWith('/>') && depth-- === 0) {
      const [a, b] = [tags[i], tags[end]];
      return text.slice(0, a.index) + text.slice(a.index + a[0].length, b.index) + text.slice(b.index + b[0].length);
    }
  }
  return text;
}

/** Billed characters: tags removed (when tag handling is on), entities decoded, counted in JS string length (UTF-16 units). */
function billableChars(text: string, tagHandling: boolean): number {
  if (!tagHandling) return text.length;
  return text
    .replace(TAG, '')
    .replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (_, hex?: string, dec?: string) =>
      hex || dec ? String.fromCodePoint(parseInt(hex ?? dec ?? '0', hex ? 16 : 10)) : '&').length;
}

const LANGUAGES = {
  source: [
    { language: 'DE', name: 'German' },
    { language: 'EN', name: 'English' },
  ],
  target: [
    { language: 'DE', name: 'German', supports_formality: true },
    { language: 'EN-GB', name: 'English (British)', supports_formality: false },
    { language: 'EN-US', name: 'English (American)', supports_formality: false },
  ],
};

interface Parsed { texts: string[]; params: Record<string, string> }

function parseBody(body: string, contentType: string, query: URLSearchParams): Parsed {
  const texts: string[] = [];
  const params: Record<string, string> = {};
  const add = (k: string, v: unknown): void => {
    if (k === 'text') texts.push(...(Array.isArray(v) ? v.map(String) : [String(v)]));
    else params[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  };
  query.forEach((v, k) => add(k, v));
  if (contentType.includes('application/json') && body.trim() !== '') {
    const obj: unknown = JSON.parse(body);
    if (obj && typeof obj === 'object') for (const [k, v] of Object.entries(obj)) add(k, v);
  } else {
    new URLSearchParams(body).forEach((v, k) => add(k, v));
  }
  return { texts, params };
}

interface Rule { match: string; fault: FakeFault; left: number }
interface Held { texts: string[]; go: () => void }

const matches = (texts: readonly string[], match: string): boolean => match === '' || texts.some((t) => t.includes(match));

class FakeDeepLServer implements FakeDeepL {
  url = '';
  requests: FakeRequestLog[] = [];
  allTranslateAttempts = 0;
  /** The texts of every /v2/translate request received (for attemptsFor). */
  private readonly attemptTexts: string[][] = [];
  /** Latest first; the rule with match '' is setFault's. */
  private rules: Rule[] = [];
  private readonly held = new Set<Held>();
  private readonly heldWaiters = new Set<() => void>();
  private latency: number;
  private readonly hanging = new Map<ServerResponse, string[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly server = createServer((req, res) => this.handle(req, res));

  constructor(private readonly initialLatency: number, private readonly usageLimit: number) {
    this.latency = initialLatency;
  }

  get requestCount(): number { return this.requests.length; }
  get billedChars(): number { return this.requests.reduce((sum, r) => sum + r.chars, 0); }

  setFault(f: FakeFault | null): void {
    this.rules = this.rules.filter((r) => r.match !== '');
    if (f) this.addRule('', f);
  }
  setLatency(ms: number): void { this.latency = ms; }

  private addRule(match: string, fault: FakeFault): void {
    this.rules.unshift({ match, fault, left: fault.kind === 'status' && fault.times !== undefined ? fault.times : Infinity });
  }

  async requestsFor(match: string): Promise<FakeRequestLog[]> {
    return this.requests.filter((r) => matches(r.texts, match));
  }
  async attemptsFor(match: string): Promise<number> {
    return this.attemptTexts.filter((texts) => matches(texts, match)).length;
  }
  async faultWhen(match: string, fault: FakeFault): Promise<void> {
    this.addRule(match, fault);
  }
  async clearFaults(match: string): Promise<void> {
    this.rules = this.rules.filter((r) => r.match !== match);
    this.letGo(match);
    for (const [res, texts] of this.hanging) if (matches(texts, match)) res.destroy();
  }
  private heldCount(match: string): number {
    return [...this.held].filter((h) => matches(h.texts, match)).length;
  }
  waitHeld(match: string, count = 1): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.heldWaiters.delete(check);
        reject(new Error(`fake DeepL: ${count} request(s) matching "${match}" were not held within ${MAX_HELD_WAIT_MS / 1000} s (${this.heldCount(match)} are)`));
      }, MAX_HELD_WAIT_MS);
      const check = () => {
        if (this.heldCount(match) < count) return;
        clearTimeout(timer);
        this.heldWaiters.delete(check);
        resolve();
      };
      this.heldWaiters.add(check);
      check();
    });
  }
  async release(match: string): Promise<void> {
    this.rules = this.rules.filter((r) => !(r.match === match && r.fault.kind === 'hold'));
    this.letGo(match);
  }
  private letGo(match: string): void {
    for (const h of [...this.held]) {
      if (!matches(h.texts, match)) continue;
      this.held.delete(h);
      h.go();
    }
  }

  /** Clears logs, counters and rules, restores the latency given at start, and ends hanging and held requests. */
  reset(): void {
    this.requests.length = 0;
    this.attemptTexts.length = 0;
    this.allTranslateAttempts = 0;
    this.rules = [];
    this.latency = this.initialLatency;
    for (const res of this.hanging.keys()) res.destroy();
    this.hanging.clear();
    this.held.clear();
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.hanging.clear();
    this.held.clear();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections(); // destroys keep-alive, hanging and delayed sockets
    });
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (res.destroyed) return;
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    }, this.latency);
    this.timers.add(t);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname === '/v2/translate') this.allTranslateAttempts++;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return this.send(res, 413, { message: 'Request Entity Too Large' });
      try {
        const body = Buffer.concat(chunks).toString('utf8');
        if (url.pathname.startsWith(CONTROL_PREFIX)) return void this.control(req, res, url, body);
        this.route(req, res, url, body);
      } catch (e) {
        this.send(res, 400, { message: `Bad request: ${(e as Error).message}` });
      }
    });
  }

  private route(req: IncomingMessage, res: ServerResponse, url: URL, body: string): void {
    const known = ['/v2/translate', '/v2/usage', '/v2/languages'];
    if (!known.includes(url.pathname)) return this.send(res, 404, { message: 'Not found' });
    const allowed = url.pathname === '/v2/translate' ? ['POST'] : ['GET', 'POST'];
    if (!allowed.includes(req.method ?? '')) return this.send(res, 405, { message: 'Method not allowed' });
    const auth = /^DeepL-Auth-Key\s+(\S.*)$/.exec(req.headers.authorization ?? '');
    const authKey = auth ? auth[1].trim() : null;
    if (!authKey) return this.send(res, 403, { message: FAULT_MESSAGES[403] });
    const { texts, params } = parseBody(body, req.headers['content-type'] ?? '', url.searchParams);

    if (url.pathname === '/v2/usage') {
      return this.send(res, 200, { character_count: this.billedChars, character_limit: this.usageLimit });
    }
    if (url.pathname === '/v2/languages') {
      return this.send(res, 200, params.type === 'target' ? LANGUAGES.target : LANGUAGES.source);
    }

    // /v2/translate: faults apply here only, by the first rule that matches the request's texts.
    this.attemptTexts.push(texts);
    const rule = this.rules.find((r) => r.left > 0 && matches(texts, r.match));
    const fault = rule?.fault ?? null;
    if (fault?.kind === 'hang') {
      this.hanging.set(res, texts);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if (fault?.kind === 'hold') {
      const { status } = fault;
      const entry: Held = { texts, go: () => (status ? this.send(res, status, { message: FAULT_MESSAGES[status] }) : this.translate(res, texts, params, authKey, null)) };
      this.held.add(entry);
      res.on('close', () => this.held.delete(entry));
      for (const check of [...this.heldWaiters]) check();
      return;
    }
    if (rule && fault?.kind === 'status') {
      if (--rule.left === 0) this.rules = this.rules.filter((r) => r !== rule);
      return this.send(res, fault.status, { message: FAULT_MESSAGES[fault.status] });
    }
    this.translate(res, texts, params, authKey, fault);
  }

  private translate(res: ServerResponse, texts: string[], params: Record<string, string>, authKey: string, fault: FakeFault | null): void {
    if (texts.length === 0) return this.send(res, 400, { message: "Parameter 'text' not specified." });
    if (!params.target_lang) return this.send(res, 400, { message: "Value for 'target_lang' not supported." });
    const tagHandling = params.tag_handling === 'xml' || params.tag_handling === 'html';
    const perText = texts.map((t) => billableChars(t, tagHandling));
    const chars = perText.reduce((a, b) => a + b, 0);
    if (this.billedChars + chars > this.usageLimit) return this.send(res, 456, { message: FAULT_MESSAGES[456] });

    this.requests.push({ texts, params, chars, authKey });
    const showBilled = params.show_billed_characters === '1' || params.show_billed_characters === 'true';
    const translations = texts.map((t, i) => {
      const out = askedAnswer(t) ?? fakeTranslate(t, tagHandling);
      return {
        detected_source_language: 'DE',
        text: fault?.kind === 'misalign' ? dropLastSentenceTags(out) : out,
        ...(showBilled ? { billed_characters: perText[i] } : {}),
      };
    });
    this.send(res, 200, { translations });
  }

  /** The HTTP side of FakeControl, for RemoteFake (tests in another process than this fake). */
  private control(req: IncomingMessage, res: ServerResponse, url: URL, body: string): void {
    const reply = (status: number, value?: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(value === undefined ? '' : JSON.stringify(value));
    };
    const input = (body.trim() === '' ? {} : JSON.parse(body)) as { match?: string; fault?: FakeFault; count?: number };
    const match = input.match ?? url.searchParams.get('match') ?? '';
    const done = (work: Promise<unknown>) =>
      work.then(
        (value) => reply(200, value ?? null),
        (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
      );
    switch (`${req.method} ${url.pathname.slice(CONTROL_PREFIX.length)}`) {
      case 'GET requests': return void done(this.requestsFor(match));
      case 'GET attempts': return void done(this.attemptsFor(match));
      case 'POST fault': return void done(this.faultWhen(match, input.fault as FakeFault));
      case 'POST clear': return void done(this.clearFaults(match));
      case 'POST wait-held': return void done(this.waitHeld(match, input.count ?? 1));
      case 'POST release': return void done(this.release(match));
      default: return reply(404, { error: `no control route ${req.method} ${url.pathname}` });
    }
  }
}

/** A fake DeepL running in another process (the e2e global setup's), controlled over HTTP. */
export class RemoteFake implements FakeControl {
  constructor(readonly url: string) {}

  private async call<T>(method: 'GET' | 'POST', route: string, body: { match: string; fault?: FakeFault; count?: number }): Promise<T> {
    const res = await fetch(`${this.url}${CONTROL_PREFIX}${route}${method === 'GET' ? `?match=${encodeURIComponent(body.match)}` : ''}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify(body) : undefined,
    });
    const value = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`fake DeepL ${route}: ${value?.error ?? res.status}`);
    return value;
  }

  requestsFor(match: string) { return this.call<FakeRequestLog[]>('GET', 'requests', { match }); }
  attemptsFor(match: string) { return this.call<number>('GET', 'attempts', { match }); }
  async faultWhen(match: string, fault: FakeFault) { await this.call('POST', 'fault', { match, fault }); }
  async clearFaults(match: string) { await this.call('POST', 'clear', { match }); }
  async waitHeld(match: string, count = 1) { await this.call('POST', 'wait-held', { match, count }); }
  async release(match: string) { await this.call('POST', 'release', { match }); }
}

export async function startFakeDeepL(opts: { port?: number; latencyMs?: number; usageLimit?: number } = {}): Promise<FakeDeepL> {
  const fake = new FakeDeepLServer(opts.latencyMs ?? 0, opts.usageLimit ?? 500_000);
  await fake.listen(opts.port ?? 0);
  return fake;
}
