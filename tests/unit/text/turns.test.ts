// Segmenting a long import in turns: the same blocks as at once, and other work runs in between
// (a server keeps answering readers while an editor's 200,000 characters are segmented).
import { describe, expect, it } from 'vitest';
import { segmentArticle, segmentArticleInSteps } from '@/lib/text/segment';
import { runInTurns } from '@/lib/text/turns';

describe('segmentation in turns', () => {
  it.each([
    ['"B. " × 60,000 (one paragraph of abbreviations)', 'B. '.repeat(60_000)],
    ['"Nr. 1. " × 28,000', 'Nr. 1. '.repeat(28_000)],
    ['300 paragraphs', Array.from({ length: 300 }, (_, i) => `Absatz ${i}. Noch ein Satz, z. B. hier.`).join('\n\n')],
  ])('%s: same blocks, and other work ran between the turns', async (_, text) => {
    let otherWork = 0;
    let done = false;
    const other = () => {
      otherWork++;
      if (!done) setImmediate(other);
    };
    setImmediate(other);
    const inTurns = await runInTurns(segmentArticleInSteps(text), 0);
    done = true;
    expect(inTurns).toEqual(segmentArticle(text));
    // A turn of 0 ms yields after every step: each chunk ICU reads, each block.
    expect(otherWork).toBeGreaterThan(10);
  });
});
