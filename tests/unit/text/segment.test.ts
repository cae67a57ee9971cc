// Segmentation of the demo article and of tricky German sentences.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_BLOCK_CHARS, segmentArticle } from '@/lib/text/segment';
import { splitSentences } from '@/lib/text/sentences';

const demo = fs.readFileSync(path.join(process.cwd(), 'prisma', 'demo', 'demo-article.de.txt'), 'utf8');

describe('segmentArticle on the demo article', () => {
  const blocks = segmentArticle(demo);

  it('finds 15 blocks numbered 1 to 15', () => {
    expect(blocks.map((b) => b.n)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  });

  it('tells headings, captions and paragraphs apart', () => {
    const kinds = Object.fromEntries(blocks.map((b) => [b.n, b.kind]));
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => b.n)).toEqual([3, 6, 10, 13]);
    expect(blocks.filter((b) => b.kind === 'caption').map((b) => b.n)).toEqual([8, 12]);
    expect(kinds[1]).toBe('paragraph');
    expect(blocks.filter((b) => b.kind === 'paragraph')).toHaveLength(9);
    expect(blocks[9].text).toBe('USA sehen "Zeichen der Schwäche Putins"');
  });

  it('keeps a caption credit apart, verbatim', () => {
    expect(blocks[7].text).toBe('Bei dem Treffen gab es einen Rundgang über den Weltraumbahnhof Wostotschny');
    expect(blocks[7].credit).toBe('Bild: Mikhail Metzel, Sputnik, Kremlin Pool Photo via AP/picture alliance');
    expect(blocks[11].credit).toBe('Bild: Korean Central News Agency/Korea News Service/AP/picture alliance');
    expect(blocks[11].sentences).toEqual(['Kim Jong Un bei der Abfahrt in Pjöngjang nach Russland']);
  });

  it('splits paragraphs into sentences, keeping quotes with their speaker', () => {
    expect(blocks.map((b) => b.sentences.length)).toEqual([2, 4, 1, 2, 3, 1, 4, 1, 5, 1, 5, 1, 1, 4, 6]);
    expect(blocks[1].sentences[2]).toBe(
      '"Einen Toast auf die künftige Stärkung der Zusammenarbeit und der Freundschaft zwischen unseren Ländern", sagte Putin, als er bei einem gemeinsamen Dinner sein Glas hob, wie das russische Staatsfernsehen berichtete.',
    );
    expect(blocks[14].sentences[2]).toBe('Nordkorea hatte zuletzt Ende August zwei Kurzstreckenraketen abgeschossen.');
  });

  it('joins each block’s sentences back into its text', () => {
    for (const b of blocks) expect(b.sentences.join(' ')).toBe(b.text);
  });
});

describe('segmentArticle on other input', () => {
  it('reads Markdown headings and quotes, Windows line breaks and wrapped lines', () => {
    const blocks = segmentArticle('# Ein Titel\r\n\r\n> Ein Zitat,\r\n> über zwei Zeilen.\r\n\r\nEin Absatz,\numbrochen. Noch ein Satz.');
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Ein Titel'],
      ['quote', 'Ein Zitat, über zwei Zeilen.'],
      ['paragraph', 'Ein Absatz, umbrochen. Noch ein Satz.'],
    ]);
  });

  it('cuts a very long paragraph at sentence ends into blocks of at most 5,000 characters', () => {
    const sentence = 'Das ist ein ganz normaler Satz.';
    const blocks = segmentArticle(Array(6000).fill(sentence).join(' '));
    expect(blocks.length).toBe(Math.ceil((6000 * (sentence.length + 1)) / MAX_BLOCK_CHARS));
    expect(blocks.every((b) => b.text.length <= MAX_BLOCK_CHARS && b.kind === 'paragraph')).toBe(true);
    expect(blocks.flatMap((b) => b.sentences)).toEqual(Array(6000).fill(sentence));
    const word = segmentArticle('Ein ' + 'x'.repeat(12_000) + ' Ende.');
    expect(word.every((b) => b.text.length <= MAX_BLOCK_CHARS)).toBe(true);
    const rejoined = word.map((b) => b.text).join('').replace(/\s/g, '');
    expect(rejoined === 'Ein' + 'x'.repeat(12_000) + 'Ende.').toBe(true);
  });

  // Its time, as a ratio to a quarter of the run (no wall-clock bound), is in segment-linear.test.ts.
  it('keeps every character of a long run without spaces that ICU takes for one sentence ("a.a.a.")', () => {
    const run = 'a.'.repeat(50_000);
    const blocks = segmentArticle(run);
    expect(blocks.every((b) => b.text.length <= MAX_BLOCK_CHARS)).toBe(true);
    expect(blocks.map((b) => b.text).join('')).toBe(run);
  });

  it.each([
    ['after an odd number of other characters', `x${'🦊'.repeat(3_000)}`],
    ['from the first character', '😀'.repeat(3_000)],
    ['in family emoji joined with ZWJ', `Ä${'👩‍👩‍👧'.repeat(800)}`],
  ])('never cuts an emoji in half when it cuts long text (%s)', (_, text) => {
    const blocks = segmentArticle(text);
    const pieces = [...blocks.map((b) => b.text), ...blocks.flatMap((b) => b.sentences)];
    expect(pieces.filter((p) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(p))).toEqual([]);
    expect(blocks.map((b) => b.text).join('').replace(/\s/g, '')).toBe(text);
  });

  it('ends a Markdown heading at its line, drops blocks of only marks, and reads a "heading" longer than a block as paragraphs', () => {
    expect(segmentArticle('# Überschrift\nErster Absatz. Zweiter Satz.\n\n#\n\n> \n\n## Ende ##').map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Überschrift'],
      ['paragraph', 'Erster Absatz. Zweiter Satz.'],
      ['heading', 'Ende'],
    ]);
    const long = segmentArticle(`# ${'Ein langer Satz ohne Ende '.repeat(400)}`);
    expect(long.length).toBeGreaterThan(1);
    expect(long.every((b) => b.kind === 'paragraph' && b.text.length <= MAX_BLOCK_CHARS)).toBe(true);
  });

  it('finds a credit after a run of spaces, and none after a sentence end or in a long line', () => {
    expect(segmentArticle(`Kim in Pjöngjang Bild:${' '.repeat(50)}AP/picture alliance`)[0]).toMatchObject({
      kind: 'caption',
      text: 'Kim in Pjöngjang',
      credit: `Bild:${' '.repeat(50)}AP/picture alliance`,
    });
    expect(segmentArticle('Kim in Pjöngjang Fotos: AP. Mehr dazu.')[0].kind).toBe('paragraph');
    expect(segmentArticle(`${'Wort '.repeat(80)}Bild: AP/picture alliance`)[0].kind).toBe('paragraph');
  });

  it('ignores blank blocks and surrounding white space', () => {
    expect(segmentArticle('\n\n   \n\nEin Satz.\n\n\n\n')).toHaveLength(1);
    expect(segmentArticle('   \n\n  ')).toEqual([]);
  });
});

describe('splitSentences', () => {
  it.each([
    ['Er kam am 1. September nach Berlin. Dann ging er.', ['Er kam am 1. September nach Berlin.', 'Dann ging er.']],
    ['Der 2. Weltkrieg endete 1945. Danach kam der Frieden.', ['Der 2. Weltkrieg endete 1945.', 'Danach kam der Frieden.']],
    ['Das war Ende August. Zwei Raketen flogen.', ['Das war Ende August.', 'Zwei Raketen flogen.']],
    ['Das war im Jahr 2023. Danach nicht mehr.', ['Das war im Jahr 2023.', 'Danach nicht mehr.']],
    ['Das war z. B. gut. Dr. Müller kam. Er wohnt in der Hauptstr. 5.', ['Das war z. B. gut.', 'Dr. Müller kam.', 'Er wohnt in der Hauptstr. 5.']],
    ['Es gab Äpfel, Birnen usw. Danach kam Brot.', ['Es gab Äpfel, Birnen usw.', 'Danach kam Brot.']],
    ['Er sagte: „Wir kommen.“ Dann ging er.', ['Er sagte: „Wir kommen.“', 'Dann ging er.']],
    ['„Wir kommen“, sagte er. Sie fragte: „Wann?“ Er schwieg.', ['„Wir kommen“, sagte er.', 'Sie fragte: „Wann?“', 'Er schwieg.']],
    ['Die Kosten betragen ca. 3 Mio. Euro. Das ist viel.', ['Die Kosten betragen ca. 3 Mio. Euro.', 'Das ist viel.']],
  ])('%s', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });
});
