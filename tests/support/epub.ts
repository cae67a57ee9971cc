// EPUB books written for this project's tests, built in code (fflate's zipSync): a package file, an EPUB 3 nav
// (or an EPUB 2 NCX), German chapters with headings, paragraphs, a figure with its caption and credit, a
// footnote and its reference, a picture and a stylesheet. Nothing here is copied from a real book.
import { strToU8, zipSync, type Zippable } from 'fflate';

export interface TestChapter {
  file: string;
  /** The title in the table of contents. */
  title: string;
  /** The inside of <body>. */
  body: string;
}

/** A 1×1 PNG: the picture the chapters show (never imported). */
const PIXEL = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));

export const BOOK_TITLE = 'Die Reise nach Rügen';
export const BOOK_AUTHOR = 'Erika Beispiel';

export const CHAPTERS: TestChapter[] = [
  {
    file: 'text/kapitel-1.xhtml',
    title: 'Erstes Kapitel: Abfahrt',
    body: `<h1>Erstes Kapitel: Abfahrt</h1>
<p>Am Morgen packte Anna ihren Koffer.<a epub:type="noteref" href="#fn1" id="ref1">1</a> Der Zug nach Stralsund fuhr um acht Uhr.</p>
<p>Ihr Bruder brachte sie zum Bahnhof. Es regnete ein wenig.</p>
<figure><img src="../bilder/zug.png" alt="Ein Zug"/><figcaption>Der Regionalzug am Bahnsteig. <span class="credit">Foto: Max Mustermann</span></figcaption></figure>
<p>Im Abteil saß eine alte Dame mit einem Hund.</p>
<aside epub:type="footnote" id="fn1"><p>Ein alter Koffer aus Leder, den ihr die Großmutter geschenkt hatte.</p></aside>`,
  },
  {
    file: 'text/kapitel-2.xhtml',
    title: 'Zweites Kapitel: Die Fähre',
    body: `<h1>Zweites Kapitel: Die Fähre</h1>
<p>In Stralsund stieg Anna in den Bus zum Hafen.</p>
<h2>Am Hafen</h2>
<p>Die Fähre wartete schon am Anleger. Möwen kreisten über dem Wasser.</p>
<p>Der Kapitän begrüßte jeden Fahrgast mit Handschlag.<sup><a href="#fn2" id="ref2">2</a></sup></p>
<blockquote><p>Heute ist die See ruhig, sagte er.</p></blockquote>
<p>Anna stellte sich an die Reling und sah zurück auf die Stadt.</p>
<p><img src="../bilder/zug.png" alt=""/>Nach einer Stunde legte die Fähre an.</p>
<section epub:type="footnotes"><p id="fn2">So war es auf dieser Linie seit hundert Jahren Brauch.</p></section>`,
  },
  {
    file: 'text/kapitel-3.xhtml',
    title: 'Drittes Kapitel: Ankunft',
    body: `<h1>Drittes Kapitel: Ankunft</h1>
<p>Die Pension lag direkt hinter den Dünen.</p>
<ul><li>Ein Zimmer mit Blick auf das Meer.</li><li>Frühstück ab sieben Uhr.</li></ul>
<p>Am Abend ging Anna barfuß am Strand entlang.</p>`,
  },
];

export const CSS_RULE = '.kapitel-stil { font-family: Garamond; }';

function chapterXhtml(chapter: TestChapter): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="de" xml:lang="de">
<head><title>${chapter.title}</title><link rel="stylesheet" type="text/css" href="../stil/buch.css"/><style>${CSS_RULE}</style></head>
<body>
${chapter.body}
</body>
</html>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface BookOptions {
  title?: string;
  chapters?: TestChapter[];
  /** An EPUB 2 table of contents (toc.ncx) instead of the EPUB 3 nav. */
  ncx?: boolean;
  /** Entries added to the zip (META-INF/encryption.xml, ...). */
  extra?: Record<string, string | Uint8Array>;
  /** Entries left out (mimetype, META-INF/container.xml, ...). */
  omit?: string[];
}

/** The book as the bytes of an .epub file. */
export function buildEpub(options: BookOptions = {}): Uint8Array {
  const chapters = options.chapters ?? CHAPTERS;
  const title = options.title ?? BOOK_TITLE;
  const manifest = chapters.map((c, i) => `<item id="k${i + 1}" href="${c.file}" media-type="application/xhtml+xml"/>`).join('\n    ');
  const spine = chapters.map((_, i) => `<itemref idref="k${i + 1}"/>`).join('');
  const opf = `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:0b5f7a8e-1f2c-4d3e-9a6b-7c8d9e0f1a2b</dc:identifier>
    <dc:title>${escapeXml(title)}</dc:title>
    <dc:creator>${BOOK_AUTHOR}</dc:creator>
    <dc:language>de</dc:language>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="css" href="stil/buch.css" media-type="text/css"/>
    <item id="bild" href="bilder/zug.png" media-type="image/png"/>
    ${manifest}
  </manifest>
  <spine toc="ncx"><itemref idref="nav" linear="no"/>${spine}</spine>
</package>`;
  const nav = `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Inhalt</title></head>
<body><nav epub:type="toc"><h1>Inhalt</h1><ol>${chapters.map((c) => `<li><a href="${c.file}">${escapeXml(c.title)}</a></li>`).join('')}</ol></nav></body></html>`;
  const ncx = `<?xml version="1.0" encoding="utf-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>${chapters
    .map((c, i) => `<navPoint id="n${i + 1}" playOrder="${i + 1}"><navLabel><text>${escapeXml(c.title)}</text></navLabel><content src="${c.file}"/></navPoint>`)
    .join('')}</navMap></ncx>`;
  const files: Record<string, string | Uint8Array> = {
    mimetype: 'application/epub+zip',
    'META-INF/container.xml': `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`,
    'OEBPS/content.opf': options.ncx ? opf.replace(' properties="nav"', '') : opf,
    'OEBPS/toc.ncx': ncx,
    'OEBPS/stil/buch.css': `body { margin: 0 } ${CSS_RULE}`,
    'OEBPS/bilder/zug.png': PIXEL,
    ...Object.fromEntries(chapters.map((c) => [`OEBPS/${c.file}`, chapterXhtml(c)])),
    ...options.extra,
  };
  if (!options.ncx) files['OEBPS/nav.xhtml'] = nav;
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(files)) {
    if (options.omit?.includes(name)) continue;
    const bytes = typeof content === 'string' ? strToU8(content) : content;
    zippable[name] = name === 'mimetype' ? [bytes, { level: 0 }] : bytes;
  }
  return zipSync(zippable);
}

/** The German of a chapter as the reader numbers it: its blocks' texts, the title heading left out. */
export const CHAPTER_2_TEXTS = [
  'In Stralsund stieg Anna in den Bus zum Hafen.',
  'Am Hafen',
  'Die Fähre wartete schon am Anleger. Möwen kreisten über dem Wasser.',
  'Der Kapitän begrüßte jeden Fahrgast mit Handschlag.',
  'Heute ist die See ruhig, sagte er.',
  'Anna stellte sich an die Reling und sah zurück auf die Stadt.',
  'Nach einer Stunde legte die Fähre an.',
];

/** A book of `count` chapters of `paragraphs` paragraphs each (the benchmark's large book). */
export function largeEpub(count: number, paragraphs = 20): Uint8Array {
  const chapters = Array.from({ length: count }, (_, i) => ({
    file: `text/teil-${i + 1}.xhtml`,
    title: `Kapitel ${i + 1}`,
    body: `<h1>Kapitel ${i + 1}</h1>\n${Array.from({ length: paragraphs }, (_, p) => `<p>Im Kapitel ${i + 1} steht der Absatz ${p + 1}. Anna ging weiter, und der Wind wehte vom Meer her über die Dünen.</p>`).join('\n')}`,
  }));
  return buildEpub({ title: 'Ein langes Buch', chapters });
}

/** A zip file that holds one entry of `bytes` zeros, deflated (a zip bomb in miniature, or not so miniature). */
export function zerosZip(name: string, bytes: number): Uint8Array {
  return zipSync({ mimetype: [strToU8('application/epub+zip'), { level: 0 }], [name]: new Uint8Array(bytes) }, { level: 1 });
}
