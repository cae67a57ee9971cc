// The in-process caches stay within their byte budget, whatever is put in them.
import { describe, expect, it } from 'vitest';
import { ByteLru } from '@/lib/cache/byte-lru';

describe('ByteLru', () => {
  it('never holds more bytes than its budget, dropping the least recently used first', () => {
    const cache = new ByteLru<string>(100);
    cache.set('a', 'A', 40);
    cache.set('b', 'B', 40);
    expect(cache.get('a')).toBe('A'); // a is now the most recently used
    cache.set('c', 'C', 40);
    expect(cache.size).toEqual({ entries: 2, bytes: 80 });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
  });

  it('keeps nothing larger than the whole budget, and replacing a key counts its bytes once', () => {
    const cache = new ByteLru<string>(100);
    expect(cache.set('huge', 'H', 101)).toBe(false);
    cache.set('a', 'A1', 30);
    cache.set('a', 'A2', 50);
    expect(cache.size).toEqual({ entries: 1, bytes: 50 });
    expect(cache.get('a')).toBe('A2');
  });

  it('forgets by value and clears', () => {
    const cache = new ByteLru<{ path: string }>(1000);
    cache.set('1', { path: '/a/x' }, 10);
    cache.set('2', { path: '/a/y' }, 10);
    cache.deleteWhere((v) => v.path === '/a/x');
    expect(cache.size).toEqual({ entries: 1, bytes: 10 });
    cache.clear();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });

  it('stays bounded under 10,000 distinct keys (the ?v=N attack shape)', () => {
    const cache = new ByteLru<number>(64 * 1024);
    for (let i = 0; i < 10_000; i++) cache.set(`k${i}`, i, 1024 + (i % 7));
    expect(cache.size.bytes).toBeLessThanOrEqual(64 * 1024);
    expect(cache.get('k9999')).toBe(9999);
  });
});
