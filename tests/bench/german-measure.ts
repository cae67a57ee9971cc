// Run by tests/bench/german.ts in a process of its own (node --expose-gc), so the heap it reports is
// the German data's alone: load time, heap and RSS after load, and look-ups of every word of the demo
// article with its sentence. Prints one JSON object.
import { germanDictionary, lookupGermanWord } from '@/lib/german';
import { segmentArticle } from '@/lib/text/segment';
import { DEMO_TEXT } from './support';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const WORD = /[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*/gu;

const pairs = segmentArticle(DEMO_TEXT).flatMap((block) =>
  block.sentences.flatMap((sentence) => [...sentence.matchAll(WORD)].map((m) => [m[0], sentence] as const)),
);
gc();
const heapBefore = process.memoryUsage().heapUsed;
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
germanDictionary();
const loadMs = performance.now() - started;
gc();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
const rssMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20;

const known = pairs.filter(([word, sentence]) => lookupGermanWord(word, sentence) !== null).length;
const times: number[] = [];
const started2 = performance.now();
while (performance.now() < started2 + 2_000) {
  for (const [word, sentence] of pairs) {
    const t = performance.now();
    lookupGermanWord(word, sentence);
    times.push(performance.now() - t);
  }
}
const perSecond = times.length / ((performance.now() - started2) / 1000);
times.sort((a, b) => a - b);
const p99Ms = times[Math.floor(times.length * 0.99)];
const slowestMs = times[times.length - 1];
console.log(JSON.stringify({ loadMs, heapMb, rssMb, words: pairs.length, known, perSecond, p99Ms, slowestMs }));
