// Which words of a German text the reader marks as saved, and the base-form guess the panel offers.
import { describe, expect, it } from 'vitest';
import { guessBaseForm } from '@/lib/vocabulary/base-form';
import { buildMatcher, findMarks, splitByMarks, wordAt } from '@/lib/vocabulary/marks';

const marked = (text: string, notes: Array<{ id: string; term: string; baseForm?: string }>) => {
  const matcher = buildMatcher(notes.map((n) => ({ baseForm: '', ...n })));
  return findMarks(text, matcher).map((m) => [text.slice(m.start, m.end), m.id]);
};

describe('marking saved terms', () => {
  it('marks whole words in any case, by surface form or base form', () => {
    const text = 'Der WELTRAUMBAHNHOF liegt im Osten; am Weltraumbahnhofs-Tor wartet Kim. Weltraumbahnhöfe gibt es viele.';
    expect(marked(text, [{ id: 'a', term: 'weltraumbahnhof' }])).toEqual([
      ['WELTRAUMBAHNHOF', 'a'],
    ]);
    expect(marked('Sie gingen zur Bank.', [{ id: 'b', term: 'Banken', baseForm: 'Bank' }])).toEqual([['Bank', 'b']]);
  });

  it('marks a phrase across spaces and line breaks, the longest saved phrase winning', () => {
    const notes = [
      { id: 'short', term: 'zu Gesprächen' },
      { id: 'long', term: 'zu Gesprächen zusammen' },
    ];
    expect(marked('Sie kamen zu\nGesprächen  zusammen.', notes)).toEqual([['zu\nGesprächen  zusammen', 'long']]);
    expect(marked('Sie kamen zu Gesprächen.', notes)).toEqual([['zu Gesprächen', 'short']]);
    expect(marked('Sie kamen zu, Gesprächen', notes)).toEqual([]);
  });

  it('keeps hyphenated names apart from the same words with spaces', () => {
    expect(marked('Kim Jong-un und Kim Jong un', [{ id: 'k', term: 'Kim Jong-un' }])).toEqual([['Kim Jong-un', 'k']]);
  });

  it('splits text into plain and marked pieces that put the text back together', () => {
    const text = 'Die Bank am Fluss.';
    const pieces = splitByMarks(text, findMarks(text, buildMatcher([{ id: 'x', term: 'Bank', baseForm: '' }])));
    expect(pieces).toEqual([{ text: 'Die ' }, { text: 'Bank', id: 'x' }, { text: ' am Fluss.' }]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
  });
});

describe('the word under a tap', () => {
  const text = 'Der Zug kommt um acht an. UN-Beschlüsse, 2023!';
  const at = (offset: number) => {
    const span = wordAt(text, offset);
    return span && text.slice(span.start, span.end);
  };

  it('is the whole word around the caret, also with the caret at its first or after its last letter', () => {
    expect(at(0)).toBe('Der');
    expect(at(9)).toBe('kommt');
    expect(at(13)).toBe('kommt');
    expect(at(28)).toBe('UN');
    expect(at(29)).toBe('Beschlüsse');
    expect(at(42)).toBe('2023');
  });

  it('is nothing on punctuation or space between words, or past the end', () => {
    expect(at(24)).toBe('an');
    expect(at(25)).toBeNull();
    expect(at(text.length)).toBeNull();
  });
});

describe('guessing the base form', () => {
  it('keeps a noun’s capital and guesses its gender from the ending', () => {
    expect(guessBaseForm('Zeitung', 'Er liest die Zeitung.')).toEqual({ baseForm: 'Zeitung', isNoun: true, nounArticle: 'die' });
    expect(guessBaseForm('Mädchen', 'Das Mädchen lacht.')).toEqual({ baseForm: 'Mädchen', isNoun: true, nounArticle: 'das' });
    expect(guessBaseForm('Weltraumbahnhof', 'Putin und Kim kamen im Weltraumbahnhof zusammen.')).toEqual({
      baseForm: 'Weltraumbahnhof',
      isNoun: true,
      nounArticle: null,
    });
  });

  it('takes the noun out of "article + noun"', () => {
    expect(guessBaseForm('dem Weltraumbahnhof', 'Vor dem Weltraumbahnhof.')).toMatchObject({ baseForm: 'Weltraumbahnhof', isNoun: true });
    expect(guessBaseForm('zur Rakete', 'Sie gehen zur Rakete.')).toMatchObject({ baseForm: 'Rakete', nounArticle: 'die' });
  });

  it('lower-cases other words, and a capital that only starts the sentence', () => {
    expect(guessBaseForm('kamen', 'Sie kamen zusammen.')).toEqual({ baseForm: 'kamen', isNoun: false, nounArticle: null });
    expect(guessBaseForm('Zudem', 'Zudem bezeichnete Kim das Treffen.')).toEqual({ baseForm: 'zudem', isNoun: false, nounArticle: null });
    expect(guessBaseForm('Gestern,', 'Gestern, sagte er, war es kalt.')).toMatchObject({ baseForm: 'gestern', isNoun: false });
  });

  it('treats a sentence-initial capital as a noun when the text writes it capitalised elsewhere', () => {
    expect(guessBaseForm('Raketen', 'Raketen fliegen hoch.', 'Er baut gern Raketen.')).toMatchObject({ baseForm: 'Raketen', isNoun: true });
  });
});
