// Seeds what a fresh install needs: the bundled demo article with its English. Idempotent.
import { ensureDemoArticle, rekeyBlocks } from '../lib/articles/demo';
import { db } from '../lib/db';
import { getEnvOrThrow } from '../lib/env';

async function main() {
  getEnvOrThrow();
  const rekeyed = await rekeyBlocks();
  const demo = await ensureDemoArticle();
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
