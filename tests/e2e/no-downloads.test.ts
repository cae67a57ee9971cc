// Nothing is downloaded at run time (issue 11): the shared default server runs with a preload that refuses
// and records every outgoing connection to a non-loopback address (./support/servers.ts), so the record
// covers what every test file did on it so far; and a passage in every script, with emoji, still gets
// its link-preview card.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { e2eContext, sharedApp, uniqueWord, type RunningApp } from './support/app-server';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const TEXT = [
  'Sprachen der Welt 🌍',
  'Auf Japanisch heißt es 日本語, auf Thai ภาษาไทย, auf Arabisch العربية und auf Hebräisch עברית.',
  'Die Fans jubelten 😀🇩🇪 und riefen: 1️⃣ ❤️ Ἀθῆναι, Москва, Tiếng Việt!',
].join('\n\n');

let app: RunningApp;
let log: string;

beforeAll(() => {
  app = sharedApp('default');
  const guarded = e2eContext()?.shared.default?.env.NB_OUTBOUND_LOG;
  if (!guarded) throw new Error('The shared default server runs without the outbound guard\'s log (NB_OUTBOUND_LOG): see tests/e2e/support/global-setup.ts.');
  log = guarded;
});

/** The guard's lines: one "loaded" per process it runs in, one per refused connection. */
function guardLog(): Array<{ pid: number; loaded?: string; via?: string; target?: string }> {
  return fs.readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

describe('link-preview cards without the internet', () => {
  it('draw CJK, Thai, Arabic, Hebrew and emoji passages as PNG, and nothing leaves the machine', async () => {
    const res = await fetch(`${app.baseUrl}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...app.editorHeaders() },
      body: JSON.stringify({ title: `Sprachen 🌍 日本語 ${uniqueWord('Schriften')}`, text: TEXT }),
    });
    expect(res.status).toBe(201);
    const { slug } = (await res.json()) as { slug: string };
    // With its English too (the fake DeepL keeps every character), so both columns hold every script.
    const translated = async () => {
      const article = (await (await fetch(`${app.baseUrl}/api/articles/${slug}`)).json()) as { blocks: Array<{ translation: { status: string } }> };
      return article.blocks.every((b) => b.translation.status === 'done');
    };
    await expect.poll(translated, { timeout: 20_000, interval: 200 }).toBe(true);

    for (const range of ['1', '2', '3', '1-3']) {
      const card = await fetch(`${app.baseUrl}/a/${slug}/p/${range}/og.png`);
      const bytes = Buffer.from(await card.arrayBuffer());
      expect(card.status, `og.png of ¶${range}`).toBe(200);
      expect(card.headers.get('content-type')).toBe('image/png');
      expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 630]);
      if (range === '1-3') fs.writeFileSync(path.join(os.tmpdir(), 'nebeneinander-og-scripts.png'), bytes);
    }

    const lines = guardLog();
    // The guard ran in the server itself (scripts/serve.mjs, which serves Next), not only in the script that started it.
    expect(lines.some((l) => l.loaded?.includes('scripts/serve.mjs'))).toBe(true);
    expect(lines.filter((l) => l.via)).toEqual([]);
  });
});
