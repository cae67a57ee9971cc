// The routes proxy.ts keeps pages under: a book chapter's passage is kept per origin like an article's, its
// range written one way; the internal routes are never reachable directly.
import { describe, expect, it } from 'vitest';
import { encodeOrigin, isInternalPagePath, pageRoute } from '@/lib/cache/routes';

const origin = () => 'https://schule.example';
const route = (path: string) => pageRoute(path, new URLSearchParams(), origin);

describe('pageRoute for books', () => {
  it('a chapter passage /a/{book}/{n}/p/{range} → its canonical route under the public origin', () => {
    expect(route('/a/die-reise/2/p/03')).toBe(`/a/die-reise/2/p/3/o/${encodeOrigin('https://schule.example')}`);
    expect(route('/a/die-reise/2/p/3-5')).toBe(`/a/die-reise/2/p/3-5/o/${encodeOrigin('https://schule.example')}`);
  });

  it('a book and a chapter are served as they are', () => {
    expect(route('/a/die-reise')).toBe('/a/die-reise');
    expect(route('/a/die-reise/2')).toBe('/a/die-reise/2');
  });

  it('the internal routes of chapter passages are not reachable directly', () => {
    expect(isInternalPagePath(`/a/die-reise/2/p/3/o/${encodeOrigin('https://evil.example')}`)).toBe(true);
    expect(isInternalPagePath('/a/die-reise/2/p/3')).toBe(false);
  });
});
