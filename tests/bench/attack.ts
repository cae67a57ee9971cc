// The "under attack" benchmark rows: one client sends the worst inputs we know of, one after another,
// while a learner reads. What matters is the learner's p99 against the same reader unloaded.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface AttackRequest {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Timed {
  name: string;
  ms: number;
  status: number;
}

const json = { 'content-type': 'application/json' };

/** The attacks the first hostile review found (issue 11), each as a request a visitor can send. */
export function worstRequests(opts: { editor: Record<string, string>; learnerCookie: string; demoSlug: string; demoSentence: string }): AttackRequest[] {
  const { editor, learnerCookie, demoSlug, demoSentence } = opts;
  // CRLF after the header, LF after each row: how many editors save an exported file.
  const csvRows = (n: number) => 'term,translation\r\n' + Array.from({ length: n }, (_, i) => `Wort${i},word ${i}\n`).join('');
  const importText = (text: string): AttackRequest => ({
    name: `import ${text.slice(0, 12).replace(/\s+/g, '␠')}… (${text.length.toLocaleString('en')} chars)`,
    method: 'POST',
    path: '/api/articles',
    headers: { ...json, ...editor },
    body: JSON.stringify({ title: 'Angriff', text }),
  });
  return [
    importText('Ein Bild:' + ' '.repeat(2_500) + 'x.'),
    importText('Ein Bild:' + ' '.repeat(100_000) + 'x.'),
    importText('B. '.repeat(60_000)),
    importText('x' + ' '.repeat(190_000) + 'y.'),
    importText(Array.from({ length: 20_000 }, (_, i) => `W${i}`).join('\n\n')),
    importText('Nr. 1. '.repeat(28_000)),
    { name: 'vocabulary import, 19,999 rows (to the learner limit)', method: 'POST', path: '/api/vocabulary/import', headers: { 'content-type': 'text/csv', cookie: learnerCookie }, body: csvRows(19_999) },
    { name: 'Anki export', method: 'GET', path: '/api/vocabulary/export?format=anki', headers: { cookie: learnerCookie } },
    { name: 'CSV export', method: 'GET', path: '/api/vocabulary/export?format=csv', headers: { cookie: learnerCookie } },
    ...Array.from({ length: 20 }, (_, i) => ({
      name: 'look-up, forged X-Forwarded-For',
      method: 'POST',
      path: '/api/vocabulary/lookup',
      headers: { ...json, 'x-forwarded-for': `203.0.113.${i + 1}` },
      body: JSON.stringify({ slug: demoSlug, paragraph: 7, sentence: 0, text: demoSentence.split(' ')[i % 5] }),
    })),
    ...Array.from({ length: 20 }, (_, i) => ({
      name: 'reader page variant ?v=N',
      method: 'GET',
      path: `/a/${demoSlug}?v=${Date.now()}-${i}`,
      headers: { accept: 'text/html', 'sec-fetch-dest': 'document' },
    })),
    { name: 'JSON with a lone surrogate', method: 'POST', path: '/api/articles', headers: { ...json, ...editor }, body: '{"text":"Ein \\ud800 Satz."}' },
    { name: 'wrong editor password (Bearer)', method: 'DELETE', path: `/api/articles/does-not-exist`, headers: { authorization: 'Bearer wrong-password-guess' } },
  ];
}

/** Sends `request`, reads the whole answer, and times it. */
export async function timed(baseUrl: string, request: AttackRequest): Promise<Timed> {
  const t = performance.now();
  try {
    const res = await fetch(baseUrl + request.path, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(120_000),
    });
    await res.arrayBuffer();
    return { name: request.name, ms: performance.now() - t, status: res.status };
  } catch {
    return { name: request.name, ms: performance.now() - t, status: 0 };
  }
}

/** A learner's document requests for `seconds`, one after another, each timed, from a process of its own. */
export async function readerSamples(url: string, seconds: number): Promise<number[]> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reader-client.mjs');
  const { stdout } = await run(process.execPath, [script, url, String(seconds)], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as number[];
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The attacker: the worst requests in turn until `stop()` says so; every answer timed. */
export async function attackUntil(baseUrl: string, requests: AttackRequest[], stopped: () => boolean): Promise<Timed[]> {
  const results: Timed[] = [];
  for (let i = 0; !stopped(); i++) results.push(await timed(baseUrl, requests[i % requests.length]));
  return results;
}
