// The page cache's bounds and keys: memory stays under its byte budget whatever is asked for, and a
// render that began before its article was forgotten is not kept.
import { describe, expect, it } from 'vitest';
import { PAGE_CACHE_BYTES, PageCache, pageRequestAs } from '@/lib/page-cache';

const MB = 1024 * 1024;
const page = (bytes: number) => ({ html: Buffer.alloc(bytes, 'x'), contentType: 'text/html; charset=utf-8' });
const reader = (path: string, cookies: Record<string, string> = {}) => pageRequestAs(new URL(path, 'http://127.0.0.1'), 'host', cookies, false);

describe('byte budget', () => {
  it('keeps the total under its budget, dropping the least recently used page first', () => {
    const cache = new PageCache(10 * MB);
    const requests = Array.from({ length: 30 }, (_, i) => reader(`/a/article-${i}`));
    for (const [i, request] of requests.entries()) {
      cache.set(request, page(MB), cache.generation('articles'));
      if (i === 5) cache.get(requests[0].key); // read: the first page is now recent
      expect(cache.size.bytes).toBeLessThanOrEqual(10 * MB);
    }
    expect(cache.size.pages).toBeLessThan(10);
    expect(cache.get(requests[29].key)).toBeDefined();
    expect(cache.get(requests[1].key)).toBeUndefined();
  });

  it('does not keep a page larger than the whole budget, and keeps what it had', () => {
    const cache = new PageCache(4 * MB);
    const small = reader('/a/small');
    cache.set(small, page(MB), 0);
    expect(cache.set(reader('/a/huge'), page(5 * MB), 0)).toBe(false);
    expect(cache.get(small.key)).toBeDefined();
    expect(cache.size.bytes).toBeLessThanOrEqual(4 * MB);
  });

  it('counts a page once when it is stored again', () => {
    const cache = new PageCache(8 * MB);
    const request = reader('/a/same');
    for (let i = 0; i < 20; i++) cache.set(request, page(MB), 0);
    expect(cache.size.pages).toBe(1);
    expect(cache.size.bytes).toBeLessThan(2 * MB);
  });

  it('has a budget of 64 MB in the app', () => {
    expect(PAGE_CACHE_BYTES).toBe(64 * MB);
  });
});

describe('generations', () => {
  it('does not keep a render that began before its article was forgotten', () => {
    const cache = new PageCache();
    const request = reader('/a/removed');
    const before = cache.generation('articles');
    cache.forget('articles', (path) => path.startsWith('/a/removed'));
    expect(cache.set(request, page(1000), before)).toBe(false);
    expect(cache.get(request.key)).toBeUndefined();
    expect(cache.set(request, page(1000), cache.generation('articles'))).toBe(true);
  });

  it('a change to the library does not stop an article page from being kept', () => {
    const cache = new PageCache();
    const request = reader('/a/kept');
    const before = cache.generation('articles');
    cache.forget('library', (path) => path === '/');
    expect(cache.set(request, page(1000), before)).toBe(true);
  });
});

describe('keys', () => {
  it('ignore query parameters the pages do not read', () => {
    const plain = reader('/a/demo');
    for (const path of ['/a/demo?v=1', '/a/demo?v=2&utm_source=mail', '/a/demo?mode=nonsense', '/a/demo?']) {
      expect(reader(path)).toEqual(plain);
    }
    expect(plain.renderPath).toBe('/a/demo');
  });

  it('keep a teacher’s ?mode= and render with it, the first value as the page reads it', () => {
    const practice = reader('/a/demo?v=3&mode=practice&mode=side');
    expect(practice.renderPath).toBe('/a/demo?mode=practice');
    expect(practice.key).not.toBe(reader('/a/demo').key);
    expect(practice.key).toBe(reader('/a/demo?mode=practice').key);
  });

  it('resolve preference cookies as the pages do: unknown values share the default page', () => {
    expect(reader('/a/demo', { 'nb-mode': 'whatever', 'nb-size': 'huge' }).key).toBe(reader('/a/demo').key);
    expect(reader('/a/demo', { 'nb-mode': 'german' }).key).not.toBe(reader('/a/demo').key);
  });

  it('keep the library page number, and nothing else of its query', () => {
    expect(reader('/?page=2&v=9').renderPath).toBe('/?page=2');
    expect(reader('/?page=1').key).toBe(reader('/').key);
    expect(reader('/?page=banana').key).toBe(reader('/').key);
    expect(reader('/?page=2').scope).toBe('library');
  });
});
