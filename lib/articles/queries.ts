// Reads articles for the library, the reader and the HTTP API, joined with cached translations.
import { db } from '../db';
import { SLUG_PATTERN } from './slug';
import type { BlockTranslation, LibraryEntry, ReaderArticle, ReaderBlock } from './types';
import type { TranslationErrorCode } from '../translation/types';

const FIRST_WORDS_CHARS = 160;

function firstWords(text: string): string {
  if (text.length <= FIRST_WORDS_CHARS) return text;
  const cut = text.slice(0, FIRST_WORDS_CHARS);
  return `${cut.slice(0, cut.lastIndexOf(' '))} …`;
}

/** All articles, newest first, with how many of their blocks are translated. */
export async function listArticles(): Promise<LibraryEntry[]> {
  const [articles, translated] = await Promise.all([
    db.article.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: {
        id: true,
        slug: true,
        title: true,
        createdAt: true,
        isDemo: true,
        _count: { select: { blocks: true } },
        blocks: { where: { kind: { in: ['paragraph', 'quote'] } }, orderBy: { n: 'asc' }, take: 1, select: { text: true } },
      },
    }),
    db.$queryRaw<Array<{ articleId: number; translated: number | bigint }>>`
      SELECT b.articleId AS articleId, COUNT(*) AS translated
      FROM Block b JOIN TranslationCache c ON c.key = b.cacheKey
      GROUP BY b.articleId`,
  ]);
  const counts = new Map(translated.map((t) => [Number(t.articleId), Number(t.translated)]));
  return articles.map((a) => ({
    slug: a.slug,
    title: a.title,
    firstWords: firstWords(a.blocks[0]?.text ?? ''),
    blockCount: a._count.blocks,
    translatedCount: counts.get(a.id) ?? 0,
    createdAt: a.createdAt,
    isDemo: a.isDemo,
  }));
}

type CacheRow = { key: string; engine: string; text: string; sentences: string | null };
type FailureRow = { key: string; code: string; message: string };

function toTranslation(german: string[], cached?: CacheRow, failure?: FailureRow): BlockTranslation {
  if (cached) {
    const english: string[] | null = cached.sentences ? JSON.parse(cached.sentences) : null;
    return {
      status: 'done',
      source: cached.engine === 'bundled' ? 'bundled' : 'deepl',
      text: cached.text,
      ...(english && english.length === german.length
        ? { sentences: german.map((de, i) => ({ de, en: english[i] })) }
        : {}),
    };
  }
  if (failure) return { status: 'failed', code: failure.code as TranslationErrorCode, error: failure.message };
  return { status: 'pending' };
}

/** The article with each block's translation state, or null when there is no such article. */
export async function getArticleBySlug(slug: string): Promise<ReaderArticle | null> {
  if (!SLUG_PATTERN.test(slug)) return null;
  const article = await db.article.findUnique({
    where: { slug },
    include: { blocks: { orderBy: { n: 'asc' } } },
  });
  if (!article) return null;
  const keys = [...new Set(article.blocks.map((b) => b.cacheKey))];
  const cached = await db.translationCache.findMany({
    where: { key: { in: keys } },
    select: { key: true, engine: true, text: true, sentences: true },
  });
  const cachedByKey = new Map(cached.map((c) => [c.key, c]));
  const missing = keys.filter((k) => !cachedByKey.has(k));
  const failures = missing.length
    ? await db.translationFailure.findMany({ where: { key: { in: missing } } })
    : [];
  const failureByKey = new Map(failures.map((f) => [f.key, f]));
  const blocks: ReaderBlock[] = article.blocks.map((b) => {
    const sentences: string[] = JSON.parse(b.sentences);
    return {
      n: b.n,
      kind: b.kind as ReaderBlock['kind'],
      text: b.text,
      ...(b.credit ? { credit: b.credit } : {}),
      sentences,
      translation: toTranslation(sentences, cachedByKey.get(b.cacheKey), failureByKey.get(b.cacheKey)),
    };
  });
  return {
    id: article.id,
    slug: article.slug,
    title: article.title,
    source: article.source,
    isDemo: article.isDemo,
    createdAt: article.createdAt,
    blocks,
  };
}

export async function getArticleIdBySlug(slug: string): Promise<number | null> {
  if (!SLUG_PATTERN.test(slug)) return null;
  const article = await db.article.findUnique({ where: { slug }, select: { id: true } });
  return article?.id ?? null;
}
