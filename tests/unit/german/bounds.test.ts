// What an attacker or a careless caller can send to the German look-up: it answers null or a
// bounded answer, never a property of Object.prototype, and reads only so much of a sentence.
import { beforeAll, describe, expect, it } from 'vitest';
import { germanDictionary, guessGermanBaseForm, lookupGermanWord, MAX_FORM_CHARS } from '@/lib/german';

describe('lookupGermanWord bounds', () => {
  // Reading the data takes a second or more on a busy machine: once, before the cases.
  beforeAll(() => void germanDictionary(), 60_000);

  it('refuses forms longer than MAX_FORM_CHARS, however they are made', () => {
    expect(lookupGermanWord('Weltraumbahnhof'.padStart(MAX_FORM_CHARS + 1, 'x'))).toBeNull();
    expect(lookupGermanWord('a'.repeat(5_000_000))).toBeNull();
    expect(lookupGermanWord(`${'-'.repeat(200)}Haus`)).toBeNull();
    expect(lookupGermanWord(`${'-'.repeat(20)}Haus`)?.baseForm).toBe('Haus');
  });

  it('answers a compound of exactly MAX_FORM_CHARS letters by its last part', () => {
    const word = `${'Welt'.repeat(16)}raumbahnhof`.slice(-MAX_FORM_CHARS);
    expect(word).toHaveLength(MAX_FORM_CHARS);
    expect(lookupGermanWord(`W${word.slice(1)}`)).toMatchObject({ gender: 'der', source: 'compound' });
  });

  it('never answers from Object.prototype', () => {
    for (const form of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']) {
      expect(lookupGermanWord(form)).toBeNull();
    }
  });

  it('answers null for phrases, empty input and non-words', () => {
    for (const form of ['Auf der Suche', '', '   ', '„…“', '650', 'a1b2', 'Haus--Tür']) expect(lookupGermanWord(form)).toBeNull();
  });

  it('strips the punctuation around a selected word', () => {
    expect(lookupGermanWord('„Sprungbrett“')).toMatchObject({ baseForm: 'Sprungbrett', gender: 'das' });
  });

  it('reads only the start of a huge sentence for a detached prefix', () => {
    const near = 'Der Zug kommt heute an.';
    const far = `Der Zug kommt ${'sehr '.repeat(200_000)}spät an.`;
    expect(lookupGermanWord('kommt', near)?.baseForm).toBe('ankommen');
    expect(lookupGermanWord('kommt', far)?.baseForm).toBe('kommen');
  });

  it('does not take a preposition that is not at the end of the clause for a prefix', () => {
    expect(lookupGermanWord('denkt', 'Er denkt an seine Familie.')?.baseForm).toBe('denken');
    expect(lookupGermanWord('kam', 'Er kam an, als es dunkel wurde.')?.baseForm).toBe('ankommen');
  });

  it('leaves unknown words to the guess', () => {
    expect(lookupGermanWord('Wostotschny', 'im Weltraumbahnhof Wostotschny im Osten')).toBeNull();
    expect(guessGermanBaseForm('Wostotschny', 'im Weltraumbahnhof Wostotschny im Osten')).toBe('Wostotschny');
    expect(lookupGermanWord('xqzvv')).toBeNull();
    expect(guessGermanBaseForm('Kamen', 'Kamen sie?')).toBe('kommen');
  });
});
