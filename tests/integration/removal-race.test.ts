// Removing an article while a reader is reading it: the read that began first may still show it,
// but nothing keeps it around afterwards.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importArticleOrThrow } from '@/lib/articles/import-article';
import { getArticleBySlug } from '@/lib/articles/queries';
import { removeArticleOrThrow } from '@/lib/articles/remove-article';
import { translateArticle } from '@/lib/articles/translate-article';
import { db } from '@/lib/db';
import { useFakeDeepL } from '../support/fake-deepl-env';

useFakeDeepL();
afterEach(() => vi.restoreAllMocks());

describe('a read racing a removal', () => {
  it('is not kept in memory: the next read finds no article', async () => {
    const { id, slug } = await importArticleOrThrow({ text: 'Gleich entfernt. Aber gerade gelesen.' });
    await translateArticle(id);
    // Hold the read between its article query and its translations query, and remove the article then.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const queryRaw = db.$queryRaw.bind(db);
    const spy = vi.spyOn(db, '$queryRaw').mockImplementationOnce((async (...args: Parameters<typeof queryRaw>) => {
      await held;
      return queryRaw(...args);
    }) as unknown as typeof queryRaw);
    const reading = getArticleBySlug(slug);
    await vi.waitFor(() => expect(spy).toHaveBeenCalled());
    await removeArticleOrThrow(slug);
    release();
    expect((await reading)?.slug).toBe(slug);
    expect(await getArticleBySlug(slug)).toBeNull();
  });
});
