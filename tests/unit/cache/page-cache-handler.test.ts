// Next's cache handler for the app's pages: bounded in bytes, keeps only final 200s, and never keeps or
// serves a page rendered before a change to what it shows.
import { beforeEach, describe, expect, it } from 'vitest';
import Handler from '@/lib/cache/page-cache-handler.cjs';

const MB = 1024 * 1024;
const key = (path: string) => `/route-cache/APP_PAGE/${'0'.repeat(64)}/$${path}`;
const page = (html: string, tags: string[] = [], status = 200) => ({
  kind: 'APP_PAGE',
  html: { response: html, toUnchunkedString: () => html },
  rscData: Buffer.alloc(0),
  headers: { 'x-next-cache-tags': tags.join(',') },
  status,
});
const ctx = { kind: 'APP_PAGE' };

/** A render as Next does it: a miss, then the finished page handed over. */
async function render(handler: Handler, path: string, value: ReturnType<typeof page>) {
  expect(await handler.get(key(path), ctx)).toBeNull();
  await handler.set(key(path), value);
}

beforeEach(() => {
  const state = Handler.pageCacheState();
  state.entries.clear();
  state.paths.clear();
  state.missedAt.clear();
  state.tagTimes.clear();
  state.usedBytes = 0;
});

describe('the page cache handler', () => {
  it('serves a kept page, and knows it exists by its path', async () => {
    const handler = new Handler();
    await render(handler, '/a/x', page('<p>x</p>', ['article:x']));
    expect(((await handler.get(key('/a/x'), ctx))?.value as { status: number }).status).toBe(200);
    expect(Handler.hasFreshPage('/a/x')).toBe(true);
    expect(Handler.hasFreshPage('/a/y')).toBe(false);
  });

  it('keeps nothing that is not final, not a 200, or not a page', async () => {
    const handler = new Handler();
    await render(handler, '/a/pending', page('<p>…</p>', ['article:pending', Handler.NOT_FINAL]));
    await render(handler, '/a/gone', page('<p>gone</p>', [], 404));
    await handler.set('fetch-key', { kind: 'FETCH' });
    expect(Handler.pageCacheState().entries.size).toBe(0);
  });

  it('forgets a page when one of its tags is invalidated, and its path is unknown again', async () => {
    const handler = new Handler();
    await render(handler, '/a/x', page('<p>x</p>', ['articles', 'article:x']));
    await render(handler, '/a/y', page('<p>y</p>', ['articles', 'article:y']));
    Handler.invalidateTags(['article:x']);
    expect(await handler.get(key('/a/x'), ctx)).toBeNull();
    expect(Handler.hasFreshPage('/a/x')).toBe(false);
    expect(await handler.get(key('/a/y'), ctx)).not.toBeNull();
  });

  it('does not keep a render that began before an invalidation of its tags', async () => {
    const handler = new Handler();
    expect(await handler.get(key('/a/x'), ctx)).toBeNull(); // the render begins
    await new Promise((r) => setTimeout(r, 2));
    Handler.invalidateTags(['article:x']); // the article is removed meanwhile
    await handler.set(key('/a/x'), page('<p>old</p>', ['article:x']));
    expect(await handler.get(key('/a/x'), ctx)).toBeNull();
  });

  it('stays under its byte budget, dropping the least recently used page first', async () => {
    const handler = new Handler();
    const big = 'x'.repeat(MB); // counted as 4 MB: the string, its bytes and their gzip
    for (let i = 0; i < 20; i++) {
      await render(handler, `/a/p${i}`, page(big));
      if (i === 14) await handler.get(key('/a/p0'), ctx); // read just before it would go: the first page is now recent
      expect(Handler.pageCacheState().usedBytes).toBeLessThanOrEqual(Handler.PAGE_CACHE_BYTES);
    }
    expect(Handler.hasFreshPage('/a/p19')).toBe(true);
    expect(Handler.hasFreshPage('/a/p0')).toBe(true);
    expect(Handler.hasFreshPage('/a/p1')).toBe(false);
  });

  it('gives each kept page a script policy naming exactly its inline scripts, by hash', async () => {
    const handler = new Handler();
    const html = '<script>a()</script><script src="/_next/x.js"></script><p>text</p><script id="p">b()</script>';
    await render(handler, '/a/x', page(html));
    const kept = (await handler.get(key('/a/x'), ctx))?.value as { headers: Record<string, string> };
    const { createHash } = await import('node:crypto');
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(kept.headers['content-security-policy']).toBe(`script-src 'self' ${hash('a()')} ${hash('b()')}`);
  });
});
