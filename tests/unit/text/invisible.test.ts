// The shared rules for characters that are not what they seem: here, halves of characters.
import { describe, expect, it } from 'vitest';
import { loneSurrogateIn } from '@/lib/text/invisible';

describe('loneSurrogateIn', () => {
  it('passes whole characters beyond U+FFFF (emoji, a ZWJ family) and plain text', () => {
    for (const text of ['', 'Grüße', '🦊', '👩‍👩‍👧 und 😀', '𝔊𝔯𝔲𝔰𝔰']) expect(loneSurrogateIn(text), text).toBeNull();
  });

  it.each([
    ['a lone high surrogate', 'Ein \ud800 Satz', 'U+D800'],
    ['a lone low surrogate', 'Ein \udc00 Satz', 'U+DC00'],
    ['a high surrogate at the end (an emoji cut in two)', `Fuchs ${'🦊'.slice(0, 1)}`, 'U+D83E'],
    ['the two halves the wrong way round', 'x\udc00\ud800x', 'U+DC00'],
    ['two high surrogates in a row', '\udbff\udbff\udc00', 'U+DBFF'],
  ])('names %s', (_, text, expected) => {
    expect(loneSurrogateIn(text)).toBe(expected);
  });
});
