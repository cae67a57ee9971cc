// The sentence-tag round trip with DeepL's answers, and its paragraph fallback.
import { describe, expect, it } from 'vitest';
import { parseTaggedTranslation, tagSentences, unescapeXml } from '@/lib/translation/xml';

describe('tagSentences', () => {
  it('wraps each sentence in a numbered tag and escapes XML', () => {
    expect(tagSentences(['A & B <C>.', 'Zwei.'])).toBe('<s i="0">A &amp; B &lt;C&gt;.</s> <s i="1">Zwei.</s>');
  });
});

describe('parseTaggedTranslation', () => {
  it('reads the sentences back, aligned one to one, unescaped', () => {
    const answer = '<s i="0">A &amp; B &lt;C&gt;.</s> <s i="1">Two.</s>';
    expect(parseTaggedTranslation(answer, 2)).toEqual({ aligned: true, sentences: ['A & B <C>.', 'Two.'], text: 'A & B <C>. Two.' });
  });

  it('round-trips German text with quotes and ampersands', () => {
    const german = ['„Wir kommen“, sagte er & sie.', 'Dann <ging> er.'];
    const parsed = parseTaggedTranslation(tagSentences(german), 2);
    expect(parsed).toMatchObject({ aligned: true, sentences: german });
  });

  it.each([
    ['a tag missing', '<s i="0">One.</s> Two.', 2],
    ['tags out of order', '<s i="1">Two.</s> <s i="0">One.</s>', 2],
    ['a tag duplicated', '<s i="0">One.</s> <s i="0">Two.</s>', 2],
    ['one tag more', '<s i="0">One.</s> <s i="1">Two.</s> <s i="2">Three.</s>', 2],
    ['text outside the tags', 'Well, <s i="0">one.</s> <s i="1">Two.</s>', 2],
    ['nested tags', '<s i="0">One <s i="1">two.</s></s>', 2],
  ])('falls back to one paragraph when %s', (_, answer, count) => {
    const parsed = parseTaggedTranslation(answer, count);
    expect(parsed.aligned).toBe(false);
    expect(parsed.text).not.toMatch(/<|>/);
    expect(parsed.text).toMatch(/One/i);
  });

  it('decodes numeric entities', () => {
    expect(unescapeXml('&#228;&#x00FC;&quot;&apos;')).toBe('äü"\'');
  });

  it('answers a code point past U+10FFFF with U+FFFD instead of throwing (the whole batch would fail)', () => {
    expect(unescapeXml('a&#x110000;b&#99999999999;c')).toBe('a\ufffdb\ufffdc');
  });
});
