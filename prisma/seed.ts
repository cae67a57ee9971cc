// Seeds what a fresh install needs: the bundled demo article with its English. Idempotent.
import { ensureDemoArticle, rekeyBlocks } from '../lib/articles/demo';
import { db, sqlDialect } from '../lib/db';
import { getEnvOrThrow } from '../lib/env';
import { indexArticleLemmas } from '../lib/words/article-lemmas';

async function main() {
  const env = getEnvOrThrow();
  // WAL lets readers and one writer work at once; it is a property of the SQLite file, so set it here once.
  if (sqlDialect() === 'sqlite') await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  const rekeyed = await rekeyBlocks();
  if (!env.SEED_DEMO) {
    console.log('seed: SEED_DEMO=false, no demo article' + (rekeyed ? `; ${rekeyed} blocks re-keyed` : ''));
    return;
  }
  const demo = await ensureDemoArticle();
  // Its words' lemmas for coverage (once; the server's start-up pass does other articles' in the background).
  const demoRow = await db.article.findUnique({ where: { slug: demo.slug }, select: { id: true, runningWords: true } });
  if (demoRow && demoRow.runningWords === null) await indexArticleLemmas(demoRow.id);
  console.log(
    `seed: demo article ${demo.created ? 'added' : 'already there'} (/a/${demo.slug})` +
      (rekeyed ? `; ${rekeyed} blocks re-keyed for the current translation settings` : ''),
  );
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
