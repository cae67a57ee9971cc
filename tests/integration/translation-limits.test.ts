// TRANSLATION_DAILY_CHAR_LIMIT (checked before anything is sent, selections included) and what the
// /status page reads: DeepL's usage, today's billed characters, the breaker, the cache and its hit rate.
import { afterEach, describe, expect, it } from 'vitest';
import { retryArticleNow, translateArticle } from '@/lib/articles/translate-article';
import { db } from '@/lib/db';
import { resetEnvForTests } from '@/lib/env';
import { getCircuitBreaker } from '@/lib/translation/circuit-breaker';
import { billedToday } from '@/lib/translation/daily-limit';
import { translatePhrase } from '@/lib/translation/translate-phrase';
import { getTranslationStatus } from '@/lib/translation/status';
import { useFakeDeepL } from '../support/fake-deepl-env';
import { banner, importFresh, readerArticle, states, useManualBreaker } from '../support/translation-faults';

const fake = useFakeDeepL();
const breaker = useManualBreaker();
const DAY = 24 * 60 * 60 * 1000;

function setLimit(chars: number | null) {
  if (chars === null) delete process.env.TRANSLATION_DAILY_CHAR_LIMIT;
  else process.env.TRANSLATION_DAILY_CHAR_LIMIT = String(chars);
  resetEnvForTests();
}
afterEach(() => setLimit(null));

const charsOf = (block: { sentences: string[] }) => block.sentences.join('').length;

describe('TRANSLATION_DAILY_CHAR_LIMIT', () => {
  it('sends what fits today and refuses the rest before sending, saying when it resumes and which variable raises it', async () => {
    const { id, slug } = await importFresh();
    const blocks = (await readerArticle(slug)).blocks;
    const room = charsOf(blocks[0]) + charsOf(blocks[1]);
    const limit = (await billedToday()) + room;
    setLimit(limit);

    const outcome = await translateArticle(id);
    expect(outcome).toMatchObject({ sent: 2, error: { code: 'daily_limit' } });
    expect(fake.get().requests).toHaveLength(1);
    expect(fake.get().requests[0].texts).toHaveLength(2);
    expect(fake.get().billedChars).toBe(room);
    expect(await billedToday()).toBe(limit);
    expect(await states(slug)).toEqual(['done', 'done', 'failed']);

    const tomorrow = new Date(Date.now() + DAY).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    const { text } = await banner(slug);
    expect(text).toContain(`1 paragraph not translated. The daily translation limit (TRANSLATION_DAILY_CHAR_LIMIT = ${limit.toLocaleString('en-US')} characters) is reached`);
    expect(text).toContain(`Translations resume at 00:00 UTC on ${tomorrow}; raise TRANSLATION_DAILY_CHAR_LIMIT`);

    // Later views today, and "Translate again", send nothing.
    await translateArticle(id);
    expect((await retryArticleNow(id)).message).toContain('The daily translation limit (TRANSLATION_DAILY_CHAR_LIMIT');
    expect(fake.get().allTranslateAttempts).toBe(1);
    expect(await states(slug)).toEqual(['done', 'done', 'failed']);

    // The next UTC day (what was billed is yesterday's now), the block is due and goes.
    const yesterday = new Date(Date.now() - DAY);
    await db.translationCache.updateMany({ data: { createdAt: yesterday } });
    await db.translationFailure.updateMany({ data: { failedAt: yesterday } });
    expect(await states(slug)).toEqual(['done', 'done', 'pending']);
    expect(await translateArticle(id)).toEqual({ sent: 1, error: null });
    expect(await states(slug)).toEqual(['done', 'done', 'done']);
  });

  it('holds when several articles are translated at once: together they stay under the limit', async () => {
    const articles = await Promise.all([importFresh(), importFresh(), importFresh()]);
    const oneArticle = (await readerArticle(articles[0].slug)).blocks.reduce((n, b) => n + charsOf(b), 0);
    const before = await billedToday();
    setLimit(before + oneArticle + 5);
    const outcomes = await Promise.all(articles.map((a) => translateArticle(a.id)));
    expect(outcomes.filter((o) => o.error?.code === 'daily_limit').length).toBeGreaterThanOrEqual(2);
    expect(fake.get().billedChars).toBeLessThanOrEqual(oneArticle + 5);
    expect(await billedToday()).toBeLessThanOrEqual(before + oneArticle + 5);
  });

  it('counts selection look-ups, and refuses one that would pass it without asking DeepL', async () => {
    setLimit((await billedToday()) + 10);
    await expect(translatePhrase('Satz', 'Der erste Satz.')).resolves.toMatchObject({ cached: false });
    expect(await billedToday()).toBe(Number(process.env.TRANSLATION_DAILY_CHAR_LIMIT) - 6);
    await expect(translatePhrase('zweiten Satz', 'Der zweiten Satz.')).rejects.toMatchObject({
      code: 'daily_limit',
      message: expect.stringContaining('raise TRANSLATION_DAILY_CHAR_LIMIT'),
    });
    expect(fake.get().allTranslateAttempts).toBe(1);
    // A cached look-up costs nothing and is still answered.
    await expect(translatePhrase('Satz', 'Der erste Satz.')).resolves.toMatchObject({ cached: true });
  });

  it('counts only characters billed by DeepL today (UTC), not the bundled demo or earlier days', async () => {
    const before = await billedToday();
    const base = { targetLang: 'EN-US', text: 'x', aligned: true, billedChars: 1000 };
    await db.translationCache.createMany({
      data: [
        { ...base, key: 'bundled-today', engine: 'bundled' },
        { ...base, key: 'deepl-yesterday', engine: 'deepl', createdAt: new Date(Date.now() - DAY) },
        { ...base, key: 'deepl-today', engine: 'deepl', billedChars: 7 },
      ],
    });
    expect(await billedToday()).toBe(before + 7);
  });
});

describe('the status figures', () => {
  it('reports DeepL usage, today against the limit, the breaker in words, the cache and the hit rate', async () => {
    setLimit(1_000_000);
    const before = await getTranslationStatus();
    const { id } = await importFresh();
    await translateArticle(id); // 3 misses, sent
    await translateArticle(id); // 3 hits
    const status = await getTranslationStatus();
    expect(status.usage).toEqual({ ok: true, usage: { count: fake.get().billedChars, limit: 500_000 } });
    expect(status.today).toMatchObject({ billed: await billedToday(), limit: 1_000_000 });
    expect(status.breaker).toMatchObject({ state: 'closed', words: 'Closed: translations go to DeepL as needed.' });
    const rows = await db.translationCache.findMany({ select: { text: true } });
    expect(status.cache).toEqual({ rows: rows.length, chars: rows.reduce((n, r) => n + r.text.length, 0) });
    expect(status.lookups.requested - before.lookups.requested).toBe(6);
    expect(status.lookups.hits - before.lookups.hits).toBe(3);
  });

  it('says why the breaker holds requests back, and when the next try is', async () => {
    fake.get().setFault({ kind: 'status', status: 403 });
    await translateArticle((await importFresh()).id);
    expect((await getTranslationStatus()).breaker.words).toMatch(
      /^Stopped since .* UTC: DeepL rejected the key\. .* Nothing is sent until the app is restarted with a corrected DEEPL_AUTH_KEY\.$/,
    );
    getCircuitBreaker().configurationChanged(); // what a restart with a corrected key does
    fake.get().setFault({ kind: 'status', status: 503 });
    await translateArticle((await importFresh()).id);
    const retryAt = new Date(breaker.clock.now() + 30_000).toISOString().slice(0, 19).replace('T', ' ');
    expect((await getTranslationStatus()).breaker.words).toContain(`server error (503); the app tries again after a pause. Nothing is sent until ${retryAt} UTC`);
  });

  it('gives up on a slow usage endpoint after 2 s and says so', async () => {
    const timeout = process.env.DEEPL_TIMEOUT_MS;
    process.env.DEEPL_TIMEOUT_MS = '2000';
    resetEnvForTests();
    try {
      fake.get().setLatency(10_000);
      const status = await getTranslationStatus();
      expect(status.usage).toEqual({ ok: false, reason: expect.stringContaining('DeepL did not answer within 2 s') });
    } finally {
      process.env.DEEPL_TIMEOUT_MS = timeout;
      resetEnvForTests();
    }
  });

  it('without a key, says what to set instead of asking DeepL', async () => {
    const key = process.env.DEEPL_AUTH_KEY;
    process.env.DEEPL_AUTH_KEY = '';
    resetEnvForTests();
    try {
      expect((await getTranslationStatus()).usage).toEqual({ ok: false, reason: 'No DeepL key configured: set DEEPL_AUTH_KEY and restart the app.' });
    } finally {
      process.env.DEEPL_AUTH_KEY = key;
      resetEnvForTests();
    }
  });
});
