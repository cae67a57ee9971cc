// Runs once when the server starts, before it answers requests.
/**
 * Loads the DeepL client now: deepl-node and axios took ~45 ms to load on the first import after a
 * start, while the top of that article waited to go to DeepL. Node's module cache keeps them for the routes.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  await import('./lib/translation/deepl');
  // This process's heartbeat for translation claims: running before the first import asks DeepL.
  await (await import('./lib/translation/claims')).beating().catch((error: unknown) => console.error('Starting the translation heartbeat failed (the first claim tries again):', error));
  // Pages other processes on the database changed are forgotten here too (several instances, one database).
  (await import('./lib/cache/page-changes')).followPageChanges();
  // The German word data (~0.7-1 s, once): read now, before requests, so that no request (the first
  // reader's marks, the first import's word counts) holds the server while it loads.
  (await import('./lib/german/dictionary')).germanDictionary();
  // Notes and articles from before the word features get their lemmas, in the background.
  void (await import('./lib/words/backfill')).startWordIndexing();
}
