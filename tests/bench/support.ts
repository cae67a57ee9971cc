// Helpers for the benchmark harness: import over HTTP, wait for English, latency samples.
import fs from 'node:fs';
import path from 'node:path';
import { segmentArticle } from '@/lib/text/segment';
import { importArticle } from '../e2e/support/app-server';

export const DEMO_TEXT = fs.readFileSync(path.join(process.cwd(), 'prisma', 'demo', 'demo-article.de.txt'), 'utf8');

/** Imports as an editor (the test server's ADMIN_PASSWORD as a Bearer token). */
export const importText = importArticle;

type Status = { blocks: Array<{ translation: { status: string } }> };

/** Polls the article until no block is pending; times from `start` to the first and the last done block. */
export async function waitForEnglish(baseUrl: string, slug: string, start = performance.now(), timeoutMs = 120_000) {
  let first: number | null = null;
  for (;;) {
    const body = (await (await fetch(`${baseUrl}/api/articles/${slug}`)).json()) as Status;
    const done = body.blocks.filter((b) => b.translation.status === 'done').length;
    if (done > 0 && first === null) first = performance.now() - start;
    if (body.blocks.every((b) => b.translation.status !== 'pending')) {
      return { firstMs: first ?? performance.now() - start, allMs: performance.now() - start, done, blocks: body.blocks.length };
    }
    if (performance.now() - start > timeoutMs) throw new Error(`${slug}: still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Median time of `n` requests one after another (a page as one reader sees it). */
export async function medianLatency(url: string, n: number, headers: Record<string, string> = {}): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { accept: 'text/html', ...headers } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** A long article of `count` blocks made from the demo's sentences, every block unique to `seed`. */
export function generatedArticle(count: number, seed: string): string {
  const sentences = segmentArticle(DEMO_TEXT)
    .filter((b) => b.kind === 'paragraph')
    .flatMap((b) => b.sentences);
  const blocks: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 10 === 0) {
      blocks.push(`Teil ${i / 10 + 1} der Übersicht ${seed}`);
      continue;
    }
    const n = 2 + (i % 3);
    const picked = Array.from({ length: n }, (_, k) => sentences[(i * 7 + k * 13) % sentences.length]);
    blocks.push(`Abschnitt ${i + 1} (${seed}): ${picked.join(' ')}`);
  }
  return blocks.join('\n\n');
}

/** Characters DeepL bills for an article's blocks: sentences joined, captions' credits left out. */
export function blockChars(text: string): Map<string, number> {
  return new Map(segmentArticle(text).map((b) => [b.sentences.join(' '), b.sentences.join(' ').length]));
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
