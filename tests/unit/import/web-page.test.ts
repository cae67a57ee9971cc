// Reader-mode extraction of a web page into our blocks, and the page's charset: pages written for this project.
import { describe, expect, it } from 'vitest';
import { MAX_PAGE_ELEMENTS, extractArticleOrThrow } from '@/lib/import/web-page';
import { decodeHtml } from '@/lib/import/html-charset';
import { prepareArticleOrThrow } from '@/lib/articles/import-article';
import { ARTICLE_CREDIT, ARTICLE_PAGE, ARTICLE_SITE, ARTICLE_TITLE, LATIN1_PAGE, LATIN1_TITLE, NO_ARTICLE_PAGE, latin1Bytes } from '@/tests/support/german-pages';

const page = (body: string, head = '<meta charset="utf-8">') => `<!doctype html><html lang="de"><head>${head}<title>Seite</title></head><body><article>${body}</article></body></html>`;
const LONG = 'Dieser Absatz ist lang genug, damit die Seite als Artikel gilt und nicht als Startseite. Er erzählt vom Wetter an der Küste.';

describe('a web page as blocks', () => {
  it('the article page: h1 the title, h2 headings, the figure a caption with its credit verbatim, the blockquote a quote, list items paragraphs; nav, footer and script gone', async () => {
    const article = await extractArticleOrThrow(ARTICLE_PAGE, new URL('https://ostseebote.example/insel/faehre?seite=1#kommentare'));
    expect(article.title).toBe(ARTICLE_TITLE);
    expect(article.source).toBe(`Lena Musterfrau · ${ARTICLE_SITE} · https://ostseebote.example/insel/faehre?seite=1`);
    const prepared = await prepareArticleOrThrow({ title: article.title, blocks: article.blocks });
    expect(prepared.title).toBe(ARTICLE_TITLE);
    expect(prepared.blocks.map((b) => b.kind)).toEqual([
      'paragraph', 'paragraph', 'caption', 'heading', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'heading', 'quote', 'paragraph',
    ]);
    expect(prepared.blocks.map((b) => b.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(prepared.blocks[2]).toMatchObject({ kind: 'caption', text: 'Die neue Fähre am Anleger in Schaprode.', credit: ARTICLE_CREDIT });
    expect(prepared.blocks[3].text).toBe('Was sich für Fahrgäste ändert');
    expect(prepared.blocks.slice(5, 8).map((b) => b.text)).toEqual(['Die erste Fähre fährt um 7.10 Uhr.', 'Fahrräder kosten fünf Euro extra.', 'Hunde fahren kostenlos mit.']);
    expect(prepared.blocks[9].text).toBe('Endlich können wir wieder ohne Umweg zur Arbeit fahren.');
    const all = prepared.blocks.map((b) => `${b.text} ${b.credit ?? ''}`).join('\n');
    for (const gone of ['Startseite', 'Impressum', 'tracking', 'Von Lena Musterfrau', 'Politik']) expect(all).not.toContain(gone);
  });

  it.each([
    ['a trailing "Foto:" label', 'Der Leuchtturm bei Nacht. Foto: Tom Beispiel/dpa', 'Der Leuchtturm bei Nacht.', 'Foto: Tom Beispiel/dpa'],
    ['a trailing ©', 'Der Leuchtturm bei Nacht © Tom Beispiel', 'Der Leuchtturm bei Nacht', '© Tom Beispiel'],
    ['a trailing (c)', 'Der Leuchtturm bei Nacht (c) Agentur Nord', 'Der Leuchtturm bei Nacht', '(c) Agentur Nord'],
    ['an element with class "copyright"', 'Der Leuchtturm bei Nacht.<small class="image-copyright">Bild: T. Beispiel</small>', 'Der Leuchtturm bei Nacht.', 'Bild: T. Beispiel'],
    ['itemprop "copyrightHolder"', 'Der Leuchtturm. <span itemprop="copyrightHolder">Nordbild GmbH</span>', 'Der Leuchtturm.', 'Nordbild GmbH'],
    ['no credit at all', 'Der Leuchtturm bei Nacht.', 'Der Leuchtturm bei Nacht.', undefined],
  ])('a figcaption with %s', async (_, caption, text, credit) => {
    const { blocks } = await extractArticleOrThrow(page(`<p>${LONG}</p><figure><img src="x.jpg"><figcaption>${caption}</figcaption></figure><p>${LONG}</p>`), null);
    expect(blocks[1]).toEqual(credit ? { kind: 'caption', text, credit } : { kind: 'caption', text });
  });

  it('a credit whose picture has no caption is dropped with the picture', async () => {
    const { blocks } = await extractArticleOrThrow(page(`<p>${LONG}</p><figure><img src="x.jpg"><figcaption><span class="credit">Foto: dpa</span></figcaption></figure>`), null);
    expect(blocks).toEqual([{ kind: 'paragraph', text: LONG }]);
  });

  it('a numbered list keeps its numbers; line breaks and nested inline markup become single spaces', async () => {
    const { blocks } = await extractArticleOrThrow(page(`<p>${LONG}</p><ol><li>Erstens <b>das</b></li><li>Zweitens<br>das&nbsp;andere</li></ol><p>Eine Zeile<br>und die nächste.</p>`), null);
    expect(blocks.slice(1)).toEqual([
      { kind: 'paragraph', text: '1. Erstens das' },
      { kind: 'paragraph', text: '2. Zweitens das andere' },
      { kind: 'paragraph', text: 'Eine Zeile und die nächste.' },
    ]);
  });

  it('control characters, text-direction controls and invisible characters are removed; a lone surrogate becomes U+FFFD', async () => {
    const { blocks } = await extractArticleOrThrow(page(`<p>${LONG}</p><p>Gef\u00e4hr\u202elich\u200b \u0007Text &#xD800; hier.</p>`), null);
    expect(blocks[1].text).toBe('Gefährlich Text \ufffd hier.');
  });

  it('a page without an article (a start page): 400 "No article text was found"', async () => {
    await expect(extractArticleOrThrow(NO_ARTICLE_PAGE, new URL('https://ostseebote.example/'))).rejects.toThrow(
      'No article text was found on ostseebote.example: open the article itself (not a start or overview page), or paste its text.',
    );
  });

  it(`a page of more than ${MAX_PAGE_ELEMENTS.toLocaleString('en')} elements: 413, before Readability reads it`, async () => {
    const huge = page(`<p>${LONG}</p>${'<span>x</span>'.repeat(MAX_PAGE_ELEMENTS + 1)}`);
    await expect(extractArticleOrThrow(huge, null)).rejects.toThrow(/more than 30,000 HTML elements/);
  });

  it('a page nested 10,000 levels deep (Readability is quadratic in nesting): 413, before Readability reads it', async () => {
    await expect(extractArticleOrThrow(page(`${'<div>'.repeat(10_000)}<p>${LONG}</p>${'</div>'.repeat(10_000)}`), null)).rejects.toThrow(/nested more than 150 levels deep/);
  });

  it('a page whose article passes 200,000 characters or 1,000 paragraphs: 413, the walk stops there', async () => {
    await expect(extractArticleOrThrow(page(`<p>${LONG.repeat(6)}</p>`.repeat(300)), null)).rejects.toThrow(/more than 200,000 characters/);
    await expect(extractArticleOrThrow(page(`<p>${LONG}</p>${'<p>Kurz.</p>'.repeat(1_001)}`), null)).rejects.toThrow(/more than 1,000 paragraphs/);
  });
});

describe('the charset', () => {
  const umlauts = latin1Bytes(LATIN1_PAGE);

  it('a Latin-1 page declared in a <meta http-equiv> keeps its umlauts', async () => {
    const article = await extractArticleOrThrow(decodeHtml(umlauts, null), null);
    expect(article.title).toBe(LATIN1_TITLE);
    expect(article.blocks[0].text).toContain('Straßenbahn wieder über die Brücke');
  });

  it('the Content-Type header wins over the <meta>; <meta charset> alone counts; UTF-8 otherwise', async () => {
    expect(decodeHtml(Buffer.from('<p>Grüße</p>', 'utf8'), 'UTF-8')).toBe('<p>Grüße</p>');
    expect(decodeHtml(latin1Bytes('<meta charset="utf-8"><p>Grüße</p>'), 'iso-8859-1')).toContain('Grüße');
    // „…“ and € are bytes 0x84, 0x93 and 0x80 in windows-1252, what "latin1" and "iso-8859-1" mean on the web.
    expect(decodeHtml(latin1Bytes('<meta charset=windows-1252><p>\u0084Grüße\u0093 \u0080</p>'), null)).toContain('„Grüße“ €');
    expect(decodeHtml(latin1Bytes('<p>\u0084Grüße\u0093</p>'), 'ISO-8859-1')).toBe('<p>„Grüße“</p>');
    expect(decodeHtml(Buffer.from('<p>Grüße</p>', 'utf8'), null)).toBe('<p>Grüße</p>');
    expect(decodeHtml(Buffer.from('<p>Grüße</p>', 'utf8'), 'no-such-charset')).toBe('<p>Grüße</p>');
  });

  it('a byte-order mark wins over everything', async () => {
    expect(decodeHtml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>Grüße</p>', 'utf8')]), 'iso-8859-1')).toBe('<p>Grüße</p>');
  });
});
