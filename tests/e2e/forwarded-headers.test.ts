// Owns issue 11's forged forwarding headers: X-Forwarded-For rotated to escape the look-up limit, and
// X-Forwarded-Host / -Proto to poison QR codes, share links and link previews. Without TRUSTED_PROXIES
// nobody's forwarding headers count; with it, only the named proxy's do. Both run on servers of their own:
// the first exhausts the loopback client's look-up limit, the second trusts a proxy no shared server does.
import http from 'node:http';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type OwnApp, type RunningApp } from './support/app-server';
import { callFormAction, serverActionId } from './support/server-actions';

const DEMO_SLUG = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';
const DEMO_PATH = `/a/${DEMO_SLUG}`;
/** Paragraph 7 of the demo, its first sentence (prisma/demo/demo-article.de.txt). */
const P7_FIRST_SENTENCE = 'Putin und Kim kamen im Weltraumbahnhof Wostotschny im Osten Russlands zu Gesprächen zusammen.';
const LOOKUPS_PER_MINUTE = 60;
const FORGED = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-port': '443' };
const CREATE_ASSIGNMENT = { file: 'app/_components/reader/share-actions.ts', name: 'createAssignmentAction' };

/** `count` different selections of the sentence, each from a word's start to a letter (each one a DeepL request the first time). */
function selections(count: number): string[] {
  const sentence = P7_FIRST_SENTENCE.replace(/\.$/, '');
  const out = new Set<string>();
  for (let length = 3; length <= sentence.length && out.size < count; length++) {
    for (const { index } of sentence.matchAll(/(?<!\S)\S/g)) {
      const text = sentence.slice(index, index + length);
      if (text.length === length && /\p{L}$/u.test(text) && out.size < count) out.add(text);
    }
  }
  if (out.size < count) throw new Error(`only ${out.size} selections in the sentence`);
  return [...out];
}

async function lookup(target: RunningApp, text: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${target.baseUrl}/api/vocabulary/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ slug: DEMO_SLUG, paragraph: 7, sentence: 0, text }),
  });
  await res.arrayBuffer();
  return res.status;
}

const qrSvg = (url: string) => QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

function metaContent(html: string, property: string): string | undefined {
  const head = html.slice(0, html.indexOf('</head>'));
  return new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`).exec(head)?.[1].replace(/&amp;/g, '&');
}

describe('without TRUSTED_PROXIES (the default): nobody’s forwarding headers count', () => {
  let app: OwnApp;

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('150 look-ups, each with another X-Forwarded-For and X-Real-IP: 60 answered, the rest 429, DeepL asked at most 60 times', async () => {
    const texts = selections(150);
    const statuses: number[] = [];
    for (const [i, text] of texts.entries()) {
      statuses.push(await lookup(app, text, { 'x-forwarded-for': `198.51.100.${i + 1}`, 'x-real-ip': `203.0.113.${i + 1}` }));
    }
    expect(statuses.slice(0, LOOKUPS_PER_MINUTE)).toEqual(Array(LOOKUPS_PER_MINUTE).fill(200));
    expect(statuses.slice(LOOKUPS_PER_MINUTE)).toEqual(Array(150 - LOOKUPS_PER_MINUTE).fill(429));
    expect(app.fake.requestCount).toBeLessThanOrEqual(LOOKUPS_PER_MINUTE);
  });

  it('a forged X-Forwarded-Host is in no QR code: the passage’s encodes this server’s own address', async () => {
    const res = await fetch(`${app.baseUrl}${DEMO_PATH}/p/3/qr.svg`, { headers: FORGED });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(await qrSvg(`${app.baseUrl}${DEMO_PATH}/p/3`));
    // Only the browser keeps it: no shared cache hands one client's code to another.
    expect(res.headers.get('cache-control')).toBe('private, max-age=3600');
  });

  it('nor in an assignment’s short link and its QR code', async () => {
    const made = await callFormAction(app.baseUrl, DEMO_PATH, CREATE_ASSIGNMENT, { slug: DEMO_SLUG, from: '3', to: '5', task: 'Lies ¶3–5.', mode: '' }, { ...FORGED, cookie: await app.editorCookie() });
    const { url, code } = made.result as { url: string; code: string };
    expect(url).toBe(`${app.baseUrl}/s/${code}`);
    const res = await fetch(`${app.baseUrl}/s/${code}/qr.svg`, { headers: FORGED });
    expect(await res.text()).toBe(await qrSvg(`${app.baseUrl}/s/${code}`));
    expect(res.headers.get('cache-control')).toBe('private, max-age=3600');
  });

  it('nor in the link preview (og:url, og:image), the reader’s share links or an import’s answer', async () => {
    for (let i = 0; i < 2; i++) {
      // Twice: the second answer comes from the page cache, which must not have kept a poisoned page either.
      const res = await fetch(`${app.baseUrl}${DEMO_PATH}/p/3-5`, { headers: { accept: 'text/html', ...FORGED } });
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(metaContent(html, 'og:url')).toBe(`${app.baseUrl}${DEMO_PATH}/p/3-5`);
      expect(metaContent(html, 'og:image')).toBe(`${app.baseUrl}${DEMO_PATH}/p/3-5/og.png`);
      expect(html).toContain(app.baseUrl);
      expect(html).not.toContain('evil.example');
      expect(html).not.toContain('https://127.0.0.1');
    }
    const reader = await (await fetch(app.baseUrl + DEMO_PATH, { headers: { accept: 'text/html', ...FORGED } })).text();
    expect(reader).not.toContain('evil.example');
    const imported = await fetch(`${app.baseUrl}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...FORGED, ...app.editorHeaders() },
      body: JSON.stringify({ title: 'Vom Skript', text: 'Ein Satz vom Skript.' }),
    });
    expect(((await imported.json()) as { url: string }).url).toBe(`${app.baseUrl}/a/vom-skript`);
  });
});

describe('with TRUSTED_PROXIES=127.0.0.2: the proxy at that address speaks for its clients, no one else does', () => {
  const PROXY = '127.0.0.2';
  const SCHOOL = 'https://deutsch.example-school.org';
  const proxied = { 'x-forwarded-host': 'deutsch.example-school.org', 'x-forwarded-proto': 'https' };
  let app: OwnApp;

  beforeAll(async () => {
    app = await startApp({ env: { TRUSTED_PROXIES: PROXY } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  /** A request from the proxy: a connection from 127.0.0.2 (the app's own requests to itself come from 127.0.0.1). */
  function viaProxy(urlPath: string, opts: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = http.request(app.baseUrl + urlPath, { method: opts.method ?? 'GET', headers: opts.headers, localAddress: PROXY }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end(opts.body);
    });
  }

  const lookupViaProxy = async (text: string, forwardedFor: string) =>
    (
      await viaProxy('/api/vocabulary/lookup', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: Buffer.from(JSON.stringify({ slug: DEMO_SLUG, paragraph: 7, sentence: 0, text })),
      })
    ).status;

  it('two clients behind it get a minute’s look-ups each; the right-most address counts, not what the client wrote to its left', async () => {
    const texts = selections(2 * LOOKUPS_PER_MINUTE + 2);
    const first: number[] = [];
    // The client writes a new address each time; the proxy appends the one it saw.
    for (const [i, text] of texts.slice(0, LOOKUPS_PER_MINUTE + 1).entries()) first.push(await lookupViaProxy(text, `10.0.0.${i + 1}, 198.51.100.1`));
    expect(first).toEqual([...Array(LOOKUPS_PER_MINUTE).fill(200), 429]);
    const second: number[] = [];
    for (const text of texts.slice(LOOKUPS_PER_MINUTE + 1)) second.push(await lookupViaProxy(text, '198.51.100.2'));
    expect(second).toEqual([...Array(LOOKUPS_PER_MINUTE).fill(200), 429]);
  });

  it('its X-Forwarded-Host and -Proto make the QR code and the preview, a page kept in Next’s cache per public origin', async () => {
    const qr = await viaProxy(`${DEMO_PATH}/p/3/qr.svg`, { headers: proxied });
    expect(qr.body).toBe(await qrSvg(`${SCHOOL}${DEMO_PATH}/p/3`));
    for (let i = 0; i < 2; i++) {
      const page = await viaProxy(`${DEMO_PATH}/p/3-5`, { headers: { accept: 'text/html', ...proxied } });
      expect([page.headers['x-nextjs-cache'], metaContent(page.body, 'og:url')]).toEqual([i === 0 ? 'MISS' : 'HIT', `${SCHOOL}${DEMO_PATH}/p/3-5`]);
      // Nothing of the front server's or the proxy's own headers reaches a client.
      expect(Object.keys(page.headers).filter((h) => h.startsWith('x-nb-') || h.startsWith('x-middleware'))).toEqual([]);
    }
    // A client reaching the app directly, with the same headers, gets the address it used.
    const direct = await (await fetch(`${app.baseUrl}${DEMO_PATH}/p/3-5`, { headers: { accept: 'text/html', ...proxied } })).text();
    expect(metaContent(direct, 'og:url')).toBe(`${app.baseUrl}${DEMO_PATH}/p/3-5`);
  });

  it('a Server Action that redirects: the page Next fetches for it over loopback keeps the proxy’s address', async () => {
    const form = new FormData();
    form.append('_1_title', 'Über den Proxy');
    form.append('_1_text', 'Ein Satz über den Proxy.');
    form.append('0', JSON.stringify([{}, '$K1']));
    const encoded = new Request('http://x/', { method: 'POST', body: form });
    const answer = await viaProxy('/import', {
      method: 'POST',
      headers: {
        ...proxied,
        cookie: await app.editorCookie(),
        'content-type': encoded.headers.get('content-type')!,
        'next-action': serverActionId('app/import/actions.ts', 'importArticleAction'),
        accept: 'text/x-component',
        origin: SCHOOL,
        'sec-fetch-site': 'same-origin',
      },
      body: Buffer.from(await encoded.arrayBuffer()),
    });
    expect(answer.headers['x-action-redirect']).toMatch(/^\/a\/ueber-den-proxy;/);
    // The redirected reader, in the answer's RSC payload: the same for every visitor, it names no origin at
    // all (its share links take the browser's own), least of all the app's loopback address.
    expect(answer.body).toContain('Ein Satz über den Proxy.');
    expect(answer.body).not.toContain(app.baseUrl);
    expect(answer.body).not.toContain('http://localhost');
  });
});
