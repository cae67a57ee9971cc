// Reading EPUB books (lib/import/epub.ts and its worker): chapters and their blocks kind by kind from a book
// written for these tests (tests/support/epub.ts), and every refusal: what a teacher or an attacker would send.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readEpubOrThrow } from '@/lib/import/epub';
import { MAX_BOOK_BYTES } from '@/lib/articles/limits';
import { AppError } from '@/lib/errors';
import { BOOK_AUTHOR, BOOK_TITLE, CHAPTERS, CSS_RULE, buildEpub, zerosZip } from '../support/epub';

async function refusal(bytes: Uint8Array, name = 'buch.epub'): Promise<AppError> {
  const error = await readEpubOrThrow(bytes, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** One chapter of 200 MB of zeros, deflated to ~200 KB: built once (~1.5 s), used by both bomb tests. */
let bombBytes: Uint8Array | undefined;
const bomb = () => (bombBytes ??= zerosZip('OEBPS/text/kapitel-1.xhtml', 200_000_000));

const kinds = (blocks: Array<{ kind: string; text: string; credit?: string }>) => blocks.map((b) => [b.kind, b.text, ...(b.credit ? [b.credit] : [])]);

describe('readEpubOrThrow: a book written for these tests', () => {
  it('three chapters with their titles; blocks kind by kind; footnotes, note links, pictures and CSS gone', async () => {
    const book = await readEpubOrThrow(buildEpub(), 'reise.epub');
    expect(book.title).toBe(BOOK_TITLE);
    expect(book.source).toBe(BOOK_AUTHOR);
    expect(book.chapters.map((c) => c.title)).toEqual(CHAPTERS.map((c) => c.title));
    expect(kinds(book.chapters[0].blocks)).toEqual([
      ['heading', 'Erstes Kapitel: Abfahrt'],
      ['paragraph', 'Am Morgen packte Anna ihren Koffer. Der Zug nach Stralsund fuhr um acht Uhr.'],
      ['paragraph', 'Ihr Bruder brachte sie zum Bahnhof. Es regnete ein wenig.'],
      ['caption', 'Der Regionalzug am Bahnsteig.', 'Foto: Max Mustermann'],
      ['paragraph', 'Im Abteil saß eine alte Dame mit einem Hund.'],
    ]);
    expect(kinds(book.chapters[1].blocks)).toEqual([
      ['heading', 'Zweites Kapitel: Die Fähre'],
      ['paragraph', 'In Stralsund stieg Anna in den Bus zum Hafen.'],
      ['heading', 'Am Hafen'],
      ['paragraph', 'Die Fähre wartete schon am Anleger. Möwen kreisten über dem Wasser.'],
      ['paragraph', 'Der Kapitän begrüßte jeden Fahrgast mit Handschlag.'],
      ['quote', 'Heute ist die See ruhig, sagte er.'],
      ['paragraph', 'Anna stellte sich an die Reling und sah zurück auf die Stadt.'],
      ['paragraph', 'Nach einer Stunde legte die Fähre an.'],
    ]);
    expect(kinds(book.chapters[2].blocks)).toEqual([
      ['heading', 'Drittes Kapitel: Ankunft'],
      ['paragraph', 'Die Pension lag direkt hinter den Dünen.'],
      ['paragraph', 'Ein Zimmer mit Blick auf das Meer.'],
      ['paragraph', 'Frühstück ab sieben Uhr.'],
      ['paragraph', 'Am Abend ging Anna barfuß am Strand entlang.'],
    ]);
    const all = JSON.stringify(book);
    for (const gone of ['Großmutter', 'hundert Jahren', 'Garamond', 'zug.png', 'Ein Zug', 'Inhalt']) expect(all).not.toContain(gone);
    expect(all).not.toContain(CSS_RULE);
  });

  it('HTML entities XML does not know (&nbsp;, &bdquo;) are read as HTML reads them; an unknown one stays text', async () => {
    const chapters = [{ ...CHAPTERS[2], body: '<p>Anna&nbsp;sagte: &bdquo;Gute Nacht&ldquo; &amp; ging &foo; schlafen.</p>' }];
    const book = await readEpubOrThrow(buildEpub({ chapters }), 'reise.epub');
    expect(book.chapters[0].blocks).toEqual([{ kind: 'paragraph', text: 'Anna sagte: „Gute Nacht“ & ging &foo; schlafen.' }]);
  });

  it('links whose text is a long run of "*" (a note marker\'s characters, 100,000 times over) are text, not notes, and are read at once', async () => {
    // The second is the attack: before the length check, the marker pattern took ~0.5 s per 20,000 "*" to fail.
    const stars = '*'.repeat(100_000);
    const chapters = [{ ...CHAPTERS[2], body: `<p>Anna sah <a href="#oben">${stars}</a> und <a href="#unten">${stars}x</a> am Himmel.</p>` }];
    const book = await readEpubOrThrow(buildEpub({ chapters }), 'reise.epub');
    const text = book.chapters[0].blocks.map((b) => b.text).join(' ');
    expect(text.length).toBeGreaterThan(200_000);
    expect(text).toMatch(/^Anna sah \*+ und \*+x am Himmel\.$/);
  });

  it('a chapter longer than an article may be (1,200 paragraphs) is kept as parts of at most 500, titled "(1)", "(2)", "(3)"', async () => {
    const body = Array.from({ length: 1_200 }, (_, i) => `<p>Absatz ${i + 1} des langen Kapitels.</p>`).join('');
    const book = await readEpubOrThrow(buildEpub({ chapters: [{ file: 'text/lang.xhtml', title: 'Ein langes Kapitel', body }] }), 'lang.epub');
    expect(book.chapters.map((c) => [c.title, c.blocks.length])).toEqual([['Ein langes Kapitel (1)', 500], ['Ein langes Kapitel (2)', 500], ['Ein langes Kapitel (3)', 200]]);
    expect(book.chapters[1].blocks[0].text).toBe('Absatz 501 des langen Kapitels.');
  });

  it('an EPUB 2 book: the titles come from its NCX', async () => {
    const book = await readEpubOrThrow(buildEpub({ ncx: true }), 'reise.epub');
    expect(book.chapters.map((c) => c.title)).toEqual(CHAPTERS.map((c) => c.title));
  });

  it('font obfuscation alone is not DRM: the book is read', async () => {
    const fonts = `<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/><enc:CipherData><enc:CipherReference URI="OEBPS/fonts/schrift.otf"/></enc:CipherData></enc:EncryptedData></encryption>`;
    const book = await readEpubOrThrow(buildEpub({ extra: { 'META-INF/encryption.xml': fonts } }), 'reise.epub');
    expect(book.chapters).toHaveLength(3);
  });
});

describe('readEpubOrThrow: refusals say what to do', () => {
  it('not a zip: 415 "not even a zip file"', async () => {
    const error = await refusal(strToU8('Das ist kein Buch, nur Text.'), 'roman.epub');
    expect([error.status, error.message]).toEqual([415, '"roman.epub" is not an EPUB book (it is not even a zip file): export the book as EPUB, or upload its text as .txt, .md or .html.']);
  });

  it('a zip without an EPUB structure (no mimetype, or no container.xml): 415', async () => {
    const plain = zipSync({ 'brief.txt': strToU8('Liebe Anna, ...') });
    for (const bytes of [plain, buildEpub({ omit: ['META-INF/container.xml'] }), buildEpub({ omit: ['mimetype'] })]) {
      const error = await refusal(bytes);
      expect(error.status).toBe(415);
      expect(error.message).toMatch(/is a zip file but not an EPUB book .*export the book as EPUB/);
    }
  });

  it('DRM (encryption.xml encrypting a chapter, or rights.xml): 415 "protected by DRM"', async () => {
    const drm = `<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><enc:CipherData><enc:CipherReference URI="OEBPS/text/kapitel-1.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>`;
    const extras: Array<Record<string, string>> = [{ 'META-INF/encryption.xml': drm }, { 'META-INF/rights.xml': '<rights/>' }];
    for (const extra of extras) {
      const error = await refusal(buildEpub({ extra }));
      expect(error.status).toBe(415);
      expect(error.message).toMatch(/is protected by DRM .*only DRM-free books can be imported/);
    }
  });

  it('a zip bomb (one chapter of 200 MB of zeros, deflated to ~200 KB): 413 before it is inflated', async () => {
    expect(bomb().length).toBeLessThan(MAX_BOOK_BYTES);
    const error = await refusal(bomb());
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/unpacks to far more than a book \("OEBPS\/text\/kapitel-1\.xhtml" alone passes 8 MB/);
  });

  it('a zip bomb whose headers lie (200 MB declared as 1 KB): inflation stops at the bound, 413', async () => {
    // Both the local header's and the central directory's uncompressed size say 1,000 bytes.
    const view = Buffer.from(bomb());
    for (let at = 0; at + 4 <= view.length; at++) {
      const signature = view.readUInt32LE(at);
      if (signature === 0x04034b50 && view.readUInt16LE(at + 26) === 'OEBPS/text/kapitel-1.xhtml'.length) view.writeUInt32LE(1_000, at + 22);
      if (signature === 0x02014b50 && view.readUInt16LE(at + 28) === 'OEBPS/text/kapitel-1.xhtml'.length) view.writeUInt32LE(1_000, at + 24);
    }
    const error = await refusal(new Uint8Array(view));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/unpacks to far more than a book/);
  });

  it('a truncated download (cut in the middle of chapter 2): 400 "damaged", naming the chapter', async () => {
    const whole = buildEpub();
    const cut = Buffer.from(whole).indexOf('OEBPS/text/kapitel-2.xhtml') + 60;
    const error = await refusal(whole.subarray(0, cut));
    expect([error.status, error.message]).toEqual([400, '"buch.epub" is damaged: "OEBPS/text/kapitel-2.xhtml" inside it cannot be read. Download or export the book again.']);
  });

  it('over the size limit: 413, refused unread', async () => {
    const error = await refusal(new Uint8Array(MAX_BOOK_BYTES + 1));
    expect([error.status, error.message]).toEqual([413, '"buch.epub" is 20.0 MB: books can be at most 20 MB. Remove its pictures (Calibre can) or split it.']);
  });

  it('broken XHTML in a chapter: 400 naming the chapter and what is wrong', async () => {
    const chapters = CHAPTERS.map((c, i) => (i === 1 ? { ...c, body: `${c.body}\n<p>Ein Absatz ohne Ende\n<div>und ein Block</p>` } : c));
    const error = await refusal(buildEpub({ chapters }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^Chapter "Zweites Kapitel: Die Fähre" \(OEBPS\/text\/kapitel-2\.xhtml\) of "buch\.epub" is not well-formed XHTML: <div> is not closed where it should be \(near line \d+\)\. Repair the book/);
  });
});
