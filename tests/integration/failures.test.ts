// What a reader sees when DeepL fails or mangles the sentence tags: German stays, the reason is stored.
import { describe, expect, it } from 'vitest';
import { importArticleOrThrow } from '@/lib/articles/import-article';
import { getArticleBySlug } from '@/lib/articles/queries';
import { translateArticle } from '@/lib/articles/translate-article';
import { db } from '@/lib/db';
import { resetEnvForTests } from '@/lib/env';
import { useFakeDeepL } from '../support/fake-deepl-env';

const fake = useFakeDeepL();
let counter = 0;

/** A small article no other test has translated. */
async function importFresh() {
  counter++;
  const text = `Überschrift Nummer ${counter}\n\nDer erste Satz ${counter}. Der zweite Satz ${counter}.\n\nNoch ein Absatz ${counter}.`;
  return importArticleOrThrow({ text });
}

async function statuses(slug: string) {
  const article = await getArticleBySlug(slug);
  return article!.blocks.map((b) => b.translation);
}

describe('DeepL failures', () => {
  it.each([
    [403, 'key_rejected', 'DeepL rejected the key'],
    [456, 'quota', 'quota'],
    [500, 'failed', 'could not translate'],
  ] as const)('a %i answer marks the blocks failed with a reason, keeping the German', async (status, code, message) => {
    fake.get().setFault({ kind: 'status', status });
    const { id, slug } = await importFresh();
    const outcome = await translateArticle(id);
    expect(outcome.error?.code).toBe(code);
    const article = await getArticleBySlug(slug);
    expect(article!.blocks[1].text).toContain('Der erste Satz');
    for (const t of article!.blocks.map((b) => b.translation)) {
      expect(t).toMatchObject({ status: 'failed', code });
      expect(t.status === 'failed' && t.error).toContain(message);
    }
  });

  it('an unreachable server is reported as such', async () => {
    const url = process.env.DEEPL_SERVER_URL;
    process.env.DEEPL_SERVER_URL = 'http://127.0.0.1:9';
    resetEnvForTests();
    try {
      const { id, slug } = await importFresh();
      expect((await translateArticle(id)).error?.code).toBe('unreachable');
      expect((await statuses(slug))[0]).toMatchObject({ status: 'failed', code: 'unreachable' });
    } finally {
      process.env.DEEPL_SERVER_URL = url;
      resetEnvForTests();
    }
  });

  it('without a key nothing is sent and the blocks say how to add one', async () => {
    const key = process.env.DEEPL_AUTH_KEY;
    process.env.DEEPL_AUTH_KEY = '';
    resetEnvForTests();
    try {
      const { id, slug } = await importFresh();
      expect((await translateArticle(id)).error?.code).toBe('no_key');
      expect(fake.get().allTranslateAttempts).toBe(0);
      const t = (await statuses(slug))[0];
      expect(t.status === 'failed' && t.error).toContain('DEEPL_AUTH_KEY');
    } finally {
      process.env.DEEPL_AUTH_KEY = key;
      resetEnvForTests();
    }
  });

  it('a failed block is not retried on every view, but "Translate again" retries it and it recovers', async () => {
    fake.get().setFault({ kind: 'status', status: 503 });
    const { id, slug } = await importFresh();
    await translateArticle(id);
    fake.get().setFault(null);
    const attempts = fake.get().allTranslateAttempts;
    await translateArticle(id); // a page view right after the failure
    expect(fake.get().allTranslateAttempts).toBe(attempts);
    const outcome = await translateArticle(id, { retryFailedNow: true });
    expect(outcome).toEqual({ sent: 3, error: null });
    expect((await statuses(slug)).every((t) => t.status === 'done')).toBe(true);
  });

  it('only the blocks still missing are sent after a recovery', async () => {
    const { id } = await importFresh();
    await translateArticle(id); // all 3 cached
    const text = `Überschrift Nummer ${counter}\n\nDer erste Satz ${counter}. Der zweite Satz ${counter}.\n\nEin neuer Absatz ${counter}.`;
    const second = await importArticleOrThrow({ text });
    fake.get().setFault({ kind: 'status', status: 456, times: 1 });
    await translateArticle(second.id);
    fake.get().reset();
    await translateArticle(second.id, { retryFailedNow: true });
    expect(fake.get().requests.flatMap((r) => r.texts)).toEqual([`<s i="0">Ein neuer Absatz ${counter}.</s>`]);
  });
});

describe('sentence tags that do not come back one to one', () => {
  it('fall back to paragraph display, recorded on the cached row, not raised', async () => {
    fake.get().setFault({ kind: 'misalign' });
    const { id, slug } = await importFresh();
    const outcome = await translateArticle(id);
    expect(outcome.error).toBeNull();
    const blocks = await statuses(slug);
    const paragraph = blocks[1];
    expect(paragraph.status).toBe('done');
    if (paragraph.status !== 'done') return;
    expect(paragraph.sentences).toBeUndefined();
    expect(paragraph.text).toContain('Der erste Satz');
    expect(paragraph.text).not.toMatch(/<\/?s/);
    const row = await db.translationCache.findFirst({ where: { text: paragraph.text } });
    expect(row).toMatchObject({ aligned: false, sentences: null, engine: 'deepl' });
  });
});
