// The translation cache: what reaches DeepL (requests, characters) when articles are imported and read.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importArticleOrThrow } from '@/lib/articles/import-article';
import { getArticleBySlug, getArticleIdBySlug } from '@/lib/articles/queries';
import { translateArticle } from '@/lib/articles/translate-article';
import { db } from '@/lib/db';
import { useFakeDeepL } from '../support/fake-deepl-env';

const demoText = fs.readFileSync(path.join(process.cwd(), 'prisma', 'demo', 'demo-article.de.txt'), 'utf8');
const fake = useFakeDeepL();

async function importAndTranslate(text: string, title?: string) {
  const article = await importArticleOrThrow({ text, title });
  const outcome = await translateArticle(article.id);
  return { ...article, outcome };
}

describe('translation cache', () => {
  // Each test starts cold: no translation cached, Each one fills the
  // cache itself, so it proves its claim alone and in any order.
  beforeEach(async () => {
    await db.translationCache.deleteMany();
  });

  it('a. importing the demo article sends exactly one request with every block', async () => {
    const { slug, outcome } = await importAndTranslate(demoText, 'Demo');
    expect(outcome.error).toBeNull();
    expect(fake.get().requestCount).toBe(1);
    expect(fake.get().requests[0].texts).toHaveLength(15);
    const article = await getArticleBySlug(slug);
    expect(article?.blocks.every((b) => b.translation.status === 'done')).toBe(true);
    // Captions' photo credits are never sent: they stay verbatim.
    expect(fake.get().requests[0].texts.join(' ')).not.toContain('picture alliance');
    const row2 = article!.blocks[1].translation;
    expect(row2.status === 'done' && row2.sentences?.[1]).toEqual({
      de: 'Bei einem Treffen mit Machthaber Kim Jong Un hat der russische Präsident Wladimir Putin eine verstärkte Zusammenarbeit zwischen beiden Staaten angekündigt.',
      en: 'EN(Bei einem Treffen mit Machthaber Kim Jong Un hat der russische Präsident Wladimir Putin eine verstärkte Zusammenarbeit zwischen beiden Staaten angekündigt.)',
    });
  });

  it('b. opening it again, many times and by many learners, sends nothing', async () => {
    const { slug } = await importAndTranslate(demoText, 'Demo');
    expect(fake.get().requests.flatMap((r) => r.texts)).toHaveLength(15);
    fake.get().reset();
    const id = (await getArticleIdBySlug(slug))!;
    for (let i = 0; i < 10; i++) {
      const article = await getArticleBySlug(slug);
      expect(article?.blocks.filter((b) => b.translation.status !== 'done')).toEqual([]);
      await translateArticle(id);
    }
    await Promise.all(Array.from({ length: 20 }, () => translateArticle(id)));
    expect(fake.get().allTranslateAttempts).toBe(0);
  });

  it('c. importing the same text again as a new article sends nothing', async () => {
    const first = await importAndTranslate(demoText, 'Demo');
    // The first import is what fills the cache: every block went to DeepL.
    expect(fake.get().requests.flatMap((r) => r.texts)).toHaveLength(15);
    fake.get().reset();
    const second = await importAndTranslate(demoText, 'Demo');
    expect(second.slug).not.toBe(first.slug);
    expect(fake.get().allTranslateAttempts).toBe(0);
    const article = await getArticleBySlug(second.slug);
    expect(article?.blocks.every((b) => b.translation.status === 'done')).toBe(true);
  });

  it('d. one paragraph changed: one request with only that paragraph', async () => {
    await importAndTranslate(demoText, 'Demo');
    expect(fake.get().requests.flatMap((r) => r.texts)).toHaveLength(15);
    fake.get().reset();
    const edited = demoText.replace('Die Raketen seien etwa 650 Kilometer', 'Die Raketen seien etwa 600 Kilometer');
    expect(edited).not.toBe(demoText);
    const { outcome } = await importAndTranslate(edited, 'Demo, edited');
    expect(outcome.error).toBeNull();
    expect(fake.get().requestCount).toBe(1);
    const [request] = fake.get().requests;
    expect(request.texts).toHaveLength(1);
    expect(request.texts[0]).toContain('600 Kilometer');
    // Only that paragraph's characters are billed (the sentence tags are not).
    expect(request.chars).toBe(edited.split(/\n\s*\n/)[13].trim().length);
  });

  it('e. 20 concurrent first views of an untranslated article send every block exactly once', async () => {
    const { id } = await importArticleOrThrow({ text: demoText, title: 'Concurrent' });
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => translateArticle(id)));
    expect(outcomes.every((o) => o.error === null)).toBe(true);
    const sent = fake.get().requests.flatMap((r) => r.texts);
    expect(sent).toHaveLength(15);
    expect(new Set(sent).size).toBe(15);
    expect(await db.translationCache.count({ where: { engine: 'deepl' } })).toBe(15);
  });
});
