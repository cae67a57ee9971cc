// Runs once when the server starts, before it answers requests.
/**
 * Loads the DeepL client now: deepl-node and axios took ~45 ms to load on the first import after a
 * start, while the top of that article waited to go to DeepL. Node's module cache keeps them for the routes.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  await import('./lib/translation/deepl');
  // Pages other processes on the database changed are forgotten here too (several instances, one database).
  (await import('./lib/cache/page-changes')).followPageChanges();
}
