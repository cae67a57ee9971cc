// The bundled demo article and its shipped English, so a fresh install has something real to read.
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { db } from '../db';
import { segmentArticle } from '../text/segment';
import { insertCachedRows } from '../translation/cached-rows';
import { blockCacheKey, getTranslationSettings } from '../translation/settings';
import { importArticleOrThrow } from './import-article';
import { pagesChanged } from '../cache/pages';

export const DEMO_TITLE = 'Putin und Kim treffen sich am Weltraumbahnhof';
export const DEMO_SLUG = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';
export const DEMO_SOURCE = 'Bundled demo article (German news); English: bundled demo translation';

const demoDir = () => path.join(process.cwd(), 'prisma', 'demo');

const demoTranslationSchema = z.object({
  blocks: z.array(z.object({ n: z.number().int().positive(), sentences: z.array(z.string().min(1)) })),
});

export async function readDemoText(): Promise<string> {
  return fs.readFile(path.join(demoDir(), 'demo-article.de.txt'), 'utf8');
}

/**
 * The demo's English as cache rows, one per block, keyed like DeepL's would be. Throws when the
 * shipped English no longer matches the German segmentation sentence for sentence.
 */
export async function demoTranslationRowsOrThrow() {
  const german = segmentArticle(await readDemoText());
  const english = demoTranslationSchema.parse(
    JSON.parse(await fs.readFile(path.join(demoDir(), 'demo-article.en.json'), 'utf8')),
  );
  const byN = new Map(english.blocks.map((b) => [b.n, b.sentences]));
  return german.map((block) => {
    const sentences = byN.get(block.n);
    if (!sentences || sentences.length !== block.sentences.length) {
      throw new Error(
        `demo-article.en.json: block ${block.n} has ${sentences?.length ?? 0} English sentences for ${block.sentences.length} German ones`,
      );
    }
    return {
      key: blockCacheKey(block.sentences),
      engine: 'bundled',
      targetLang: getTranslationSettings().targetLang,
      text: sentences.join(' '),
      sentences: JSON.stringify(sentences),
      aligned: true,
      billedChars: 0,
    };
  });
}

/** Stores the demo article (once) and its bundled English (when missing). Safe to run at every start. */
export async function ensureDemoArticle(): Promise<{ created: boolean; slug: string }> {
  const rows = await demoTranslationRowsOrThrow();
  if (rows.length > 0) await insertCachedRows(rows); // two instances starting at once: the first one's rows stay
  const existing = await db.article.findFirst({ where: { isDemo: true }, select: { slug: true } });
  if (existing) return { created: false, slug: existing.slug };
  const taken = await db.article.findUnique({ where: { slug: DEMO_SLUG }, select: { id: true } });
  try {
    const { slug } = await importArticleOrThrow(
      { title: DEMO_TITLE, text: await readDemoText() },
      { isDemo: true, source: DEMO_SOURCE, slug: taken ? undefined : DEMO_SLUG, indexWords: false },
    );
    return { created: true, slug };
  } catch (error) {
    // Another instance starting at the same moment stored it first (its slug is taken now).
    const stored = await db.article.findFirst({ where: { isDemo: true }, select: { slug: true } });
    if (stored) return { created: false, slug: stored.slug };
    throw error;
  }
}

/** Re-keys stored blocks when translation settings (e.g. DEEPL_TARGET_LANG) changed since import. */
export async function rekeyBlocks(): Promise<number> {
  let changed = 0;
  for (let cursor = 0; ; ) {
    const page = await db.block.findMany({
      where: { id: { gt: cursor } },
      orderBy: { id: 'asc' },
      take: 1000,
      select: { id: true, sentences: true, cacheKey: true },
    });
    if (page.length === 0) return changed;
    cursor = page[page.length - 1].id;
    const updates = page
      .map((b) => ({ id: b.id, key: blockCacheKey(JSON.parse(b.sentences) as string[]), old: b.cacheKey }))
      .filter((b) => b.key !== b.old);
    changed += updates.length;
    if (updates.length) {
      await db.$transaction(updates.map((u) => db.block.update({ where: { id: u.id }, data: { cacheKey: u.key } })));
      await pagesChanged({ kind: 'everything' });
    }
  }
}
