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
  // So is the DeepL circuit breaker: one process's failed request holds back every process (same poll).
  (await import('./lib/translation/shared-breaker')).followSharedBreaker();
  // The German word data (~60 ms from its cached index, ~1 s the first time on a machine), read a step at a time while the server
  // already answers, so the first tap on a word does not wait for it; then notes and articles from before
  // the word features get their lemmas, in the background.
  const { loadGermanDictionaryInBackground } = await import('./lib/german');
  const { startWordIndexing } = await import('./lib/words/backfill');
  void loadGermanDictionaryInBackground().then(
    () => startWordIndexing(),
    (error: unknown) => console.error('Loading the German word data failed (the first look-up tries again):', error),
  );
}
