// The Anki file imports without mapping by hand: headers, one line per card, German with its article, safe HTML.
import { describe, expect, it } from 'vitest';
import { notesToAnki } from '@/lib/vocabulary/anki';
import { makeNote } from './make-note';

const HEADER = [
  '#separator:tab',
  '#html:true',
  '#notetype:Basic',
  '#deck:Nebeneinander',
  '#columns:Front\tBack\tTags\tGUID',
  '#tags column:3',
  '#guid column:4',
];

const spaceport = makeNote({
  id: 'ck1',
  term: 'weltraumbahnhof',
  baseForm: 'Weltraumbahnhof',
  nounArticle: 'der',
  translation: 'spaceport',
  note: 'Welt + Raum + Bahnhof\n<script>alert("x")</script> & more',
  context: 'Der Weltraumbahnhof Wostotschny liegt im Osten; zwei Weltraumbahnhöfe gibt es.',
  articleSlug: 'putin-kim-treffen',
  articleTitle: 'Putin empfängt Kim',
  paragraph: 3,
});
const phrase = makeNote({
  id: 'ck2',
  term: 'kamen zusammen',
  translation: 'met\tup',
  context: 'Sie KAMEN\nzusammen.',
});

/** The data lines of the file, each split into its fields. */
function cards(file: string): string[][] {
  return file
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}

describe('notesToAnki', () => {
  const file = notesToAnki([spaceport, phrase]);

  it('starts with the header lines Anki reads', () => {
    expect(file.split('\n').slice(0, HEADER.length)).toEqual(HEADER);
  });

  it('writes one line per note with as many fields as #columns names, even for tabs and line breaks', () => {
    expect(file.split('\n')).toHaveLength(HEADER.length + 2 + 1);
    expect(file.endsWith('\n')).toBe(true);
    for (const fields of cards(file)) expect(fields).toHaveLength(4);
    expect(file).not.toContain('\r');
  });

  it('puts the German with its article on the front', () => {
    expect(cards(file).map((c) => c[0])).toEqual(['der Weltraumbahnhof', 'kamen zusammen']);
  });

  it('puts translation, note, the sentence with the term in bold, and the source on the back', () => {
    const back = cards(file)[0][1];
    expect(back.split('<br>')).toEqual([
      'spaceport',
      'Welt + Raum + Bahnhof',
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more',
      'Der <b>Weltraumbahnhof</b> Wostotschny liegt im Osten; zwei Weltraumbahnhöfe gibt es.',
      '— Putin empfängt Kim, ¶3',
    ]);
    expect(file).not.toContain('<script>');
  });

  it('finds a phrase in the sentence across case and line breaks, and turns tabs into spaces', () => {
    expect(cards(file)[1][1]).toBe('met up<br>Sie <b>KAMEN<br>zusammen</b>.');
  });

  it('leaves the sentence without bold when the term is not in it', () => {
    const [[, back]] = cards(notesToAnki([makeNote({ term: 'Bahn', context: 'Der Bahnhof ist groß.' })]));
    expect(back).toBe('Der Bahnhof ist groß.');
  });

  it('tags every card and adds the article slug; GUIDs come from the note ids', () => {
    expect(cards(file).map((c) => [c[2], c[3]])).toEqual([
      ['nebeneinander putin-kim-treffen', 'nebeneinander-ck1'],
      ['nebeneinander', 'nebeneinander-ck2'],
    ]);
  });

  it('keeps a term starting with "#" from being read as a comment line', () => {
    const [[front]] = cards(notesToAnki([makeNote({ term: '#MeToo' })]));
    expect(front).toBe('&#35;MeToo');
  });
});
