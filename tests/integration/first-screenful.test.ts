// A long article's top comes first: its first screenful travels alone in the import's first wave of
// DeepL requests, and a reader opening the article meanwhile sends nothing a second time.
import { describe, expect, it, vi } from 'vitest';
import { importArticleOrThrow } from '@/lib/articles/import-article';
import { getArticleBySlug } from '@/lib/articles/queries';
import { translateArticle } from '@/lib/articles/translate-article';
import { db } from '@/lib/db';
import { FIRST_REQUEST_TEXTS } from '@/lib/translation/batches';
import { useFakeDeepL } from '../support/fake-deepl-env';

const fake = useFakeDeepL();

describe('the first screenful of a new article', () => {
  it('300 blocks: blocks 1..12 go in a request of their own in the first wave; the rest in 50s, each block once', async () => {
    const seed = `obenzuerst${Date.now()}`;
    // "Absatz 7x<seed>" is in block 7 only ("Absatz 17x..." does not contain it).
    const label = (n: number) => `Absatz ${n}x${seed}`;
    const text = Array.from({ length: 300 }, (_, i) => `${label(i + 1)} steht hier.`).join('\n\n');
    const numbersIn = (texts: string[]) =>
      texts.map((t) => Number(new RegExp(`Absatz (\\d+)x${seed}`).exec(t)![1]));
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

    await fake.get().faultWhen(seed, { kind: 'hold' });
    const article = await importArticleOrThrow({ title: 'Oben zuerst', text }, { translate: true });
    // Four requests at once, the limit: the first screenful and the next 150 blocks, nothing more yet.
    await fake.get().waitHeld(seed, 4);
    expect(fake.get().allTranslateAttempts).toBe(4);
    const firstWave: number[] = [];
    for (let n = 1; n <= 300; n++) if ((await fake.get().attemptsFor(label(n))) > 0) firstWave.push(n);
    expect(firstWave).toEqual(range(1, 12 + 3 * 50));

    // A reader opening the article now finds every block in flight: it waits and sends nothing.
    const view = translateArticle(article.id);
    await fake.get().release(seed);
    await Promise.all([article.translation, view]);

    const requests = await fake.get().requestsFor(seed);
    const batches = requests.map((r) => numbersIn(r.texts)).sort((a, b) => a[0] - b[0]);
    expect(FIRST_REQUEST_TEXTS).toBe(12);
    expect(batches[0]).toEqual(range(1, 12));
    expect(batches.map((b) => b.length)).toEqual([12, 50, 50, 50, 50, 50, 38]);
    expect(batches.flat()).toEqual(range(1, 300)); // each block once, none twice
    expect(fake.get().allTranslateAttempts).toBe(7);
    const stored = await getArticleBySlug(article.slug);
    expect(stored?.blocks.filter((b) => b.translation.status !== 'done')).toEqual([]);
  });

  it('a save that fails after DeepL was asked leaves no article and no block; a retried import gets the English from the cache', async () => {
    const seed = `halbgespeichert${Date.now()}`;
    const text = Array.from({ length: 300 }, (_, i) => `Absatz ${i + 1} ${seed}${i === 199 ? ' Bruchstelle' : ''} steht hier.`).join('\n\n');
    // The disk gives out at block 200: in the article's fourth insert, after the first DeepL requests left.
    await db.$executeRawUnsafe(
      `CREATE TRIGGER fail_block_200 BEFORE INSERT ON Block WHEN NEW.text LIKE '%${seed} Bruchstelle%' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    );
    try {
      await expect(importArticleOrThrow({ title: 'Halb gespeichert', text }, { translate: true })).rejects.toThrow(/disk I\/O error/);
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER fail_block_200');
    }
    expect(await db.article.count({ where: { title: 'Halb gespeichert' } })).toBe(0);
    expect(await db.block.count({ where: { text: { contains: seed } } })).toBe(0);
    // The translation that had started goes on, and its answers are only cached.
    await vi.waitFor(async () => expect(await fake.get().requestsFor(seed)).toHaveLength(7), { timeout: 20_000 });

    const again = await importArticleOrThrow({ title: 'Halb gespeichert', text }, { translate: true });
    await again.translation;
    const stored = await getArticleBySlug(again.slug);
    expect(stored?.blocks).toHaveLength(300);
    expect(stored?.blocks.filter((b) => b.translation.status !== 'done')).toEqual([]);
    expect(await fake.get().attemptsFor(seed)).toBe(7);
  });

  it('an invalid text is refused before anything goes to DeepL', async () => {
    await expect(importArticleOrThrow({ text: '   \n\n  ' }, { translate: true })).rejects.toThrow(/empty/);
    expect(fake.get().allTranslateAttempts).toBe(0);
  });
});
