// The prepaint script as a browser runs it before the first paint: which mode, size and theme it puts on
// <html> for a given URL, page mode and cookie, and that it knows exactly the values lib/reader/options.ts does.
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PREFERENCE_COOKIES, READER_MODES, TEXT_SIZES, THEMES } from '@/lib/reader/options';

const { PREPAINT_SCRIPT } = createRequire(import.meta.url)('../../../lib/reader/prepaint.cjs') as { PREPAINT_SCRIPT: string };

/** Runs the script in a fresh context with this page's address, cookies and (assignment) page mode. */
function paint({ search = '', cookie = '', pageMode }: { search?: string; cookie?: string; pageMode?: string }) {
  const attributes = new Map<string, string>([['data-theme', 'stale']]);
  const root = {
    setAttribute: (name: string, value: string) => attributes.set(name, value),
    removeAttribute: (name: string) => attributes.delete(name),
  };
  const script = { getAttribute: (name: string) => (name === 'data-page-mode' ? (pageMode ?? null) : null) };
  const window: Record<string, unknown> = {};
  const context = { document: { documentElement: root, cookie, currentScript: script }, location: { search }, URLSearchParams, window };
  runInNewContext(PREPAINT_SCRIPT, context);
  return { mode: attributes.get('data-mode'), size: attributes.get('data-size'), theme: attributes.get('data-theme'), window, context };
}

const cookies = (values: Partial<Record<keyof typeof PREFERENCE_COOKIES, string>>) =>
  Object.entries(values)
    .map(([k, v]) => `${PREFERENCE_COOKIES[k as keyof typeof PREFERENCE_COOKIES]}=${v}`)
    .join('; ');

describe('the prepaint script', () => {
  it('shows side by side, medium text and the system theme to a first-time visitor', () => {
    expect(paint({})).toMatchObject({ mode: 'side', size: 'medium', theme: undefined });
  });

  it('applies every stored mode, size and theme the toolbar can store', () => {
    for (const mode of READER_MODES) expect(paint({ cookie: cookies({ mode }) }).mode).toBe(mode);
    for (const size of TEXT_SIZES) expect(paint({ cookie: cookies({ size }) }).size).toBe(size);
    for (const theme of THEMES) expect(paint({ cookie: `other=1; ${cookies({ theme })}; x=2` }).theme).toBe(theme);
  });

  it('takes ?mode= over the page mode over the stored mode', () => {
    const cookie = cookies({ mode: 'interleaved' });
    expect(paint({ search: '?mode=practice', pageMode: 'german', cookie }).mode).toBe('practice');
    expect(paint({ pageMode: 'german', cookie }).mode).toBe('german');
    expect(paint({ search: '?v=2', cookie }).mode).toBe('interleaved');
    // The first ?mode= counts, as the server took it.
    expect(paint({ search: '?mode=german&mode=practice', cookie }).mode).toBe('german');
  });

  it('ignores a value it does not know, wherever it comes from', () => {
    const cookie = cookies({ mode: 'interleaved', size: 'huge', theme: 'blue' });
    for (const bad of ['Practice', 'practice ', 'side;', '', 'constructor', '__proto__', 'x'.repeat(10_000)]) {
      const painted = paint({ search: `?mode=${encodeURIComponent(bad)}`, pageMode: bad, cookie });
      expect(painted).toMatchObject({ mode: 'interleaved', size: 'medium', theme: undefined });
    }
    expect(paint({ cookie: 'xnb-mode=german; nb-mode=practice' }).mode).toBe('practice');
    expect(paint({ cookie: 'nb-mode=german%20' }).mode).toBe('side');
  });

  it('leaves the rule for a client-side navigation, with the same precedence', () => {
    const { window, context } = paint({ cookie: cookies({ mode: 'interleaved' }) });
    expect(typeof window.__nbPreferences).toBe('function');
    const root = context.document.documentElement as unknown as { setAttribute: (n: string, v: string) => void };
    let mode = '';
    root.setAttribute = (name, value) => {
      if (name === 'data-mode') mode = value;
    };
    (window.__nbPreferences as (m: string | null) => void)('practice');
    expect(mode).toBe('practice');
    (window.__nbPreferences as (m: string | null) => void)(null);
    expect(mode).toBe('interleaved');
  });

  it('is one constant text with nothing filled in, which an HTML parser reads as one script', () => {
    expect(PREPAINT_SCRIPT).not.toMatch(/\$\{|<\/script|<!--/i);
  });
});
