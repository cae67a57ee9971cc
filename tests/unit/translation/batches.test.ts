// Packing DeepL requests. DeepL takes at most 50 texts and 128 KiB per request; the project sends at
// most 50 texts and 64 KiB of them, counted as they travel (form-encoded: `&text=` and the text's
// UTF-8 bytes percent-encoded), in order, an oversized text alone. The sizes below are worked out by hand.
import { describe, expect, it } from 'vitest';
import { FIRST_REQUEST_TEXTS, createLimiter, packBatches, splitTop } from '@/lib/translation/batches';

const sizes = (batches: unknown[][]) => batches.map((b) => b.length);

describe('packBatches', () => {
  it('puts at most 50 texts in a request, in order', () => {
    const texts = Array.from({ length: 120 }, (_, i) => `Satz ${i}.`);
    const batches = packBatches(texts, (t) => t);
    expect(sizes(batches)).toEqual([50, 50, 20]);
    expect(batches.flat()).toEqual(texts);
    expect(sizes(packBatches(texts.slice(0, 50), (t) => t))).toEqual([50]);
    expect(sizes(packBatches(texts.slice(0, 51), (t) => t))).toEqual([50, 1]);
  });

  it('fills a request up to exactly 64 KiB of form-encoded text, not a byte more', () => {
    // 16,378 ASCII letters + "&text=" = 16,384 bytes: four make 65,536, exactly 64 KiB.
    expect(sizes(packBatches(Array(8).fill('a'.repeat(16_378)), (t) => t))).toEqual([4, 4]);
    // One letter more each: four would be 65,540 bytes, so three go together.
    expect(sizes(packBatches(Array(8).fill('a'.repeat(16_379)), (t) => t))).toEqual([3, 3, 2]);
  });

  it('counts umlauts, ß and spaces as their percent-encoded UTF-8 bytes, not as characters', () => {
    // "Größenänderung " is 15 characters: 11 ASCII letters (11 bytes), ö ß ä (%C3%B6 %C3%9F %C3%A4:
    // 18 bytes) and a space (%20: 3 bytes) = 32 bytes; × 300 + "&text=" = 9,606 bytes a text. Six
    // make 57,636 bytes, seven 67,242 (over 65,536). Counted as characters (4,500) fourteen would fit,
    // counted as raw UTF-8 bytes (5,400) twelve: either would overshoot.
    const batches = packBatches(Array(40).fill('Größenänderung '.repeat(300)), (t) => t);
    expect(sizes(batches)).toEqual([6, 6, 6, 6, 6, 6, 4]);
  });

  it('sends a text larger than the budget alone, keeping the order around it', () => {
    const big = 'a'.repeat(70_000);
    expect(packBatches(['eins', big, 'zwei', 'drei'], (t) => t)).toEqual([['eins'], [big], ['zwei', 'drei']]);
  });

  it('measures the text that travels, not the item', () => {
    const items = Array.from({ length: 3 }, (_, i) => ({ id: i, sentences: ['a'.repeat(30_000)] }));
    // 30,000 + 6 bytes each: two make 60,012, three 90,018.
    expect(packBatches(items, (b) => b.sentences.join(''))).toEqual([[items[0], items[1]], [items[2]]]);
    expect(packBatches([], (t: string) => t)).toEqual([]);
  });
});

// The plan for an article: what fits in one request goes as one; otherwise the first 12 blocks (about a
// screenful) are a part of their own, looked up and sent first, then the rest in requests of 50, all in reading order.
describe('splitTop, then packBatches per part', () => {
  const blocks = (n: number) => Array.from({ length: n }, (_, i) => `Satz ${i + 1}.`);
  const numbers = (batch: string[]) => batch.map((t) => Number(/\d+/.exec(t)![0]));
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const plan = (items: string[]) => splitTop(items, (t) => t).map((part) => packBatches(part, (t) => t));

  it('300 blocks of one short sentence: blocks 1..12 first, then 13..62, 63..112, ... 263..300', () => {
    expect(FIRST_REQUEST_TEXTS).toBe(12);
    const parts = plan(blocks(300));
    expect(parts.map(sizes)).toEqual([[12], [50, 50, 50, 50, 50, 38]]);
    expect(numbers(parts[0][0])).toEqual(range(1, 12));
    expect(numbers(parts[1][0])).toEqual(range(13, 62));
    expect(numbers(parts[1][5])).toEqual(range(263, 300));
    expect(parts.flat(2)).toEqual(blocks(300));
  });

  it('an article that fits in one request (50 blocks, or 15 like the demo) goes as one; 51 blocks: 12, then 39', () => {
    expect(plan(blocks(50)).map(sizes)).toEqual([[50]]);
    expect(plan(blocks(15)).map(sizes)).toEqual([[15]]);
    expect(plan(blocks(51)).map(sizes)).toEqual([[12], [39]]);
    expect(plan([])).toEqual([]);
  });

  it('keeps the 64 KiB budget in the first request too', () => {
    // 16,378 letters + "&text=" = 16,384 bytes: four fill 64 KiB, so the first 12 take three requests.
    const big = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, '0')}${'a'.repeat(16_376)}`);
    const parts = plan(big);
    expect(parts.map(sizes)).toEqual([[4, 4, 4], [4, 4]]);
    expect(parts.flat(2)).toEqual(big);
    // 13 such texts: the first 12 in three requests, then the 13th.
    expect(plan(big.slice(0, 13)).map(sizes)).toEqual([[4, 4, 4], [1]]);
  });
});

/** Lets every promise callback that is ready run (a macrotask comes after all microtasks). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Runs every task through one limiter and waits for all, as translateBlocks does. */
const runWithConcurrency = (tasks: Array<() => Promise<void>>, limit: number) => {
  const run = createLimiter(limit);
  return Promise.all(tasks.map((task) => run(task))).then(() => undefined);
};

describe('createLimiter', () => {
  it('runs every task with no more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const tasks = Array.from({ length: 10 }, (_, i) => async () => {
      running++;
      peak = Math.max(peak, running);
      await Promise.resolve();
      await Promise.resolve();
      running--;
      done.push(i);
    });
    await runWithConcurrency(tasks, 3);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(peak).toBe(3);
  });

  it('starts tasks in order, the next one as soon as any running one ends, and ends when all have', async () => {
    const started: number[] = [];
    const finish: Array<() => void> = [];
    const tasks = Array.from({ length: 5 }, (_, i) => () =>
      new Promise<void>((resolve) => {
        started.push(i);
        finish[i] = resolve;
      }));
    let ended = false;
    const all = runWithConcurrency(tasks, 2).then(() => {
      ended = true;
    });
    expect(started).toEqual([0, 1]);
    finish[1]();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    finish[0]();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    finish[2]();
    finish[3]();
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(ended).toBe(false);
    finish[4]();
    await all;
    expect(ended).toBe(true);
  });

  it('with fewer tasks than the limit, starts them all at once; with none, ends at once', async () => {
    const started: number[] = [];
    const finish: Array<() => void> = [];
    const all = runWithConcurrency(
      [0, 1].map((i) => () => new Promise<void>((resolve) => {
        started.push(i);
        finish[i] = resolve;
      })),
      3,
    );
    expect(started).toEqual([0, 1]);
    finish.forEach((f) => f());
    await all;
    await expect(runWithConcurrency([], 3)).resolves.toBeUndefined();
  });

  it('two callers sharing one limiter (the top of an article and its rest) stay under it together, the first given first', async () => {
    const run = createLimiter(2);
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    const task = (name: string) => () => new Promise<void>((resolve) => {
      started.push(name);
      finish.set(name, resolve);
    });
    const top = run(task('top'));
    const rest = Promise.all(['r1', 'r2', 'r3'].map((name) => run(task(name))));
    expect(started).toEqual(['top', 'r1']);
    finish.get('top')!();
    await top;
    await settle();
    expect(started).toEqual(['top', 'r1', 'r2']);
    finish.get('r1')!();
    finish.get('r2')!();
    await settle();
    expect(started).toEqual(['top', 'r1', 'r2', 'r3']);
    finish.get('r3')!();
    await rest;
  });

  it('a task that fails, at once or later, gives its place to the next and its caller the error', async () => {
    const run = createLimiter(1);
    const thrown = run(() => {
      throw new Error('at once');
    });
    const rejected = run(() => Promise.reject(new Error('later')));
    const next = run(async () => 'ran');
    await expect(thrown).rejects.toThrow('at once');
    await expect(rejected).rejects.toThrow('later');
    await expect(next).resolves.toBe('ran');
  });
});
