// The link-preview card draws with the shipped fonts only: satori must never reach for its loader,
// which downloads fonts and emoji (and would send the passage's text to a font service).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { ImageResponse } from 'next/og';
import { PLACEHOLDER, drawableText, previewFonts } from '@/lib/sharing/og-fonts';

afterEach(() => vi.unstubAllGlobals());

const WORLD = 'Grüße aus Łódź: 日本語, ภาษาไทย, العربية, עברית, 😀🇩🇪 1️⃣ ❤️ Ἀθῆναι, Москва, Tiếng Việt, e\u0301, ∑ ▯';

describe('drawableText', () => {
  it('keeps what Noto Serif draws: German, Latin, Greek, Cyrillic, Vietnamese', async () => {
    const text = 'Grüße aus Łódź, „Zitat“ – Ἀθῆναι, Москва, Tiếng Việt, ½ № 5 €';
    expect(await drawableText(text)).toBe(text);
  });

  it('puts one visible placeholder for each run of characters no shipped font has, and for emoji', async () => {
    expect(await drawableText('A 日本語 B ภาษาไทย C 😀🇩🇪 D')).toBe(`A ${PLACEHOLDER} B ${PLACEHOLDER} C ${PLACEHOLDER} D`);
    expect(await drawableText('Herz ❤️ und 1️⃣')).toBe(`Herz ${PLACEHOLDER} und ${PLACEHOLDER}`);
  });

  it('joins a letter and its combining accent as the font has it, and turns white space into spaces', async () => {
    expect(await drawableText('Cafe\u0301\n\tbar')).toBe('Café bar');
  });
});

describe('the card', () => {
  it('renders every script and emoji without a single outgoing request', async () => {
    const realFetch = globalThis.fetch;
    const asked: string[] = [];
    vi.stubGlobal('fetch', (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.startsWith('data:')) return realFetch(input, init); // satori loads its layout engine from a data: URL
      asked.push(url);
      return Promise.reject(new TypeError(`refused: ${url}`));
    });
    const text = await drawableText(WORLD);
    const card = createElement('div', { style: { display: 'flex', flexDirection: 'column', fontFamily: 'Noto Serif', fontSize: 30 } }, [
      createElement('div', { key: 'r', style: { display: 'flex' } }, text),
      createElement('div', { key: 'b', style: { display: 'flex', fontWeight: 700 } }, text),
    ]);
    const png = Buffer.from(await new ImageResponse(card, { width: 1200, height: 630, fonts: await previewFonts() }).arrayBuffer());
    expect(png.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect(asked).toEqual([]);
  });
});
