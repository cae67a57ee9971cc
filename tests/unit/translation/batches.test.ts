// Packing DeepL requests: at most 50 texts and well under 128 KiB each, order kept.
import { describe, expect, it } from 'vitest';
import { MAX_BYTES_PER_REQUEST, MAX_TEXTS_PER_REQUEST, packBatches, runWithConcurrency } from '@/lib/translation/batches';

describe('packBatches', () => {
  it('puts at most 50 texts in a request, in order', () => {
    const texts = Array.from({ length: 120 }, (_, i) => `Satz ${i}.`);
    const batches = packBatches(texts, (t) => t);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batches.flat()).toEqual(texts);
  });

  it('keeps each request under the byte budget, which is well under 128 KiB', () => {
    const texts = Array.from({ length: 40 }, () => 'Größenänderung '.repeat(300));
    const batches = packBatches(texts, (t) => t);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) {
      const bytes = batch.reduce((n, t) => n + Buffer.byteLength(encodeURIComponent(t)) + 6, 0);
      expect(bytes).toBeLessThanOrEqual(MAX_BYTES_PER_REQUEST);
    }
    expect(MAX_BYTES_PER_REQUEST).toBeLessThan(128 * 1024);
    expect(MAX_TEXTS_PER_REQUEST).toBe(50);
  });
});

describe('runWithConcurrency', () => {
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
});
