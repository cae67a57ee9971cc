// The article as GET /api/articles/{slug} answers it (a contract for teachers' scripts).
import type { ReaderArticle } from './types';

export function toArticleJson(article: ReaderArticle) {
  return {
    slug: article.slug,
    title: article.title,
    source: article.source,
    createdAt: article.createdAt.toISOString(),
    ...(article.chapters ? { chapters: article.chapters.map((c) => ({ n: c.n, title: c.title, slug: c.slug, blocks: c.blockCount })) } : {}),
    ...(article.book ? { book: { slug: article.book.slug, title: article.book.title, chapter: article.book.n, chapters: article.book.chapterCount } } : {}),
    blocks: article.blocks.map((b) => {
      const t = b.translation;
      return {
        n: b.n,
        kind: b.kind,
        text: b.text,
        ...(b.credit ? { credit: b.credit } : {}),
        translation:
          t.status === 'done'
            ? { status: t.status, text: t.text, source: t.source, ...(t.sentences ? { sentences: t.sentences } : {}) }
            : t.status === 'failed'
              ? { status: t.status, error: t.error, code: t.code }
              : { status: t.status },
      };
    }),
  };
}
