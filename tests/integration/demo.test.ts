// The bundled demo: seeded once, fully translated with no DeepL key, labelled as bundled.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SLUG, ensureDemoArticle, rekeyBlocks } from '@/lib/articles/demo';
import { getArticleBySlug } from '@/lib/articles/queries';
import { translateArticle } from '@/lib/articles/translate-article';
import { db } from '@/lib/db';
import { resetEnvForTests } from '@/lib/env';

describe('ensureDemoArticle', () => {
  // Each test starts from a fresh install: no article, no translation, no DeepL settings of another test.
  beforeEach(async () => {
    await db.article.deleteMany();
    await db.translationCache.deleteMany();
  });
  afterEach(() => {
    delete process.env.DEEPL_AUTH_KEY;
    delete process.env.DEEPL_TARGET_LANG;
    resetEnvForTests();
  });

  it('adds the demo once, translated sentence by sentence, with no DeepL key', async () => {
    process.env.DEEPL_AUTH_KEY = '';
    resetEnvForTests();
    expect(await ensureDemoArticle()).toEqual({ created: true, slug: DEMO_SLUG });
    expect(await ensureDemoArticle()).toEqual({ created: false, slug: DEMO_SLUG });
    expect(await db.article.count()).toBe(1);
    expect(await db.block.count()).toBe(15);
    const article = await getArticleBySlug(DEMO_SLUG);
    expect(article?.isDemo).toBe(true);
    for (const block of article!.blocks) {
      expect(block.translation).toMatchObject({ status: 'done', source: 'bundled' });
      if (block.translation.status === 'done') expect(block.translation.sentences).toHaveLength(block.sentences.length);
    }
    const lead = article!.blocks[0].translation;
    expect(lead.status === 'done' && lead.sentences?.[1].en).toBe('Their talks are likely to have included arms deliveries.');
    expect(await translateArticle(article!.id)).toEqual({ sent: 0, error: null });
  });

  it('re-keys stored blocks when the target language changes, and back', async () => {
    await ensureDemoArticle();
    process.env.DEEPL_TARGET_LANG = 'EN-GB';
    resetEnvForTests();
    try {
      expect(await rekeyBlocks()).toBe(15);
      await ensureDemoArticle(); // the bundled English is stored for the new key too
      const article = await getArticleBySlug(DEMO_SLUG);
      expect(article!.blocks.every((b) => b.translation.status === 'done')).toBe(true);
    } finally {
      delete process.env.DEEPL_TARGET_LANG;
      resetEnvForTests();
    }
    expect(await rekeyBlocks()).toBe(15);
    expect(await rekeyBlocks()).toBe(0);
  });
});
