// A learner's coverage of articles: the share of their running words whose lemma the learner knows or is
// learning, read from ArticleLemma rows (written once per article) and the learner's WordStatus rows and notes.
import { db } from '../db';
import { jsonArrayValues } from '../sql';

export interface Coverage {
  /** Running words of the article (tokens with a letter). */
  words: number;
  known: number;
  /** Running words with a note's lemma that are not known. */
  learning: number;
  /** (known + learning) ÷ words, in whole percent, rounded down: 100 only when every word is covered. */
  percent: number;
}

/** Articles a coverage request may name: the library shows 30 a page. */
export const MAX_COVERAGE_ARTICLES = 50;

export function coveragePercent(covered: number, words: number): number {
  return words === 0 ? 100 : Math.floor((100 * covered) / words);
}

/** Coverage per slug; an article whose lemmas are not indexed yet (or that does not exist) is left out. */
export async function coverageOf(learnerId: string | null, slugs: readonly string[]): Promise<Record<string, Coverage>> {
  if (slugs.length === 0) return {};
  const articles = await db.$queryRaw<Array<{ id: number; slug: string; runningWords: number | bigint }>>`
    SELECT id, slug, "runningWords" FROM "Article" WHERE slug IN (${jsonArrayValues(slugs)}) AND "runningWords" IS NOT NULL`;
  if (articles.length === 0) return {};
  const sums = learnerId
    ? await db.$queryRaw<Array<{ articleId: number; known: number | bigint | null; learning: number | bigint | null }>>`
        SELECT a."articleId" AS "articleId",
          SUM(CASE WHEN a.lemma IN (SELECT lemma FROM "WordStatus" WHERE "learnerId" = ${learnerId}) THEN a.count ELSE 0 END) AS known,
          SUM(CASE WHEN a.lemma NOT IN (SELECT lemma FROM "WordStatus" WHERE "learnerId" = ${learnerId})
                    AND a.lemma IN (SELECT lemma FROM "VocabularyNote" WHERE "learnerId" = ${learnerId}) THEN a.count ELSE 0 END) AS learning
        FROM "ArticleLemma" a JOIN "Article" ar ON ar.id = a."articleId"
        WHERE ar.slug IN (${jsonArrayValues(articles.map((a) => a.slug))})
        GROUP BY a."articleId"`
    : [];
  const byId = new Map(sums.map((s) => [Number(s.articleId), s]));
  const result: Record<string, Coverage> = {};
  for (const a of articles) {
    const words = Number(a.runningWords);
    const sum = byId.get(Number(a.id));
    const known = Number(sum?.known ?? 0);
    const learning = Number(sum?.learning ?? 0);
    result[a.slug] = { words, known, learning, percent: coveragePercent(known + learning, words) };
  }
  return result;
}
