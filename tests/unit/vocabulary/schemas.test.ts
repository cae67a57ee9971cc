// What a note may hold: invisible characters go, direction controls are refused with the character named.
import { describe, expect, it } from 'vitest';
import { parseNoteInput } from '@/lib/vocabulary/schemas';

describe('invisible characters in notes', () => {
  it('removes zero-width characters from terms, so "Haus\u200b" is "Haus", and refuses direction controls', () => {
    expect(parseNoteInput({ term: 'Ha\u00adus\u200b' })).toEqual({ ok: true, input: { term: 'Haus' } });
    expect(parseNoteInput({ term: '\u202eHaus' })).toEqual({ ok: false, message: expect.stringContaining('U+202E') });
    expect(parseNoteInput({ term: 'Haus', note: 'ok \u2066x' })).toEqual({ ok: false, message: expect.stringContaining('U+2066') });
  });

  it('refuses half of a character (an unpaired surrogate) in any text field, naming it', () => {
    expect(parseNoteInput({ term: 'Haus\ud800' })).toEqual({ ok: false, message: '"term" contains half of a character (U+D800, an unpaired surrogate): send it as valid Unicode text.' });
    expect(parseNoteInput({ term: 'Haus', note: '\udc00' })).toEqual({ ok: false, message: expect.stringMatching(/^"note" contains half of a character \(U\+DC00/) });
    expect(parseNoteInput({ term: 'Haus', articleSlug: 'a\ud800' })).toEqual({ ok: false, message: expect.stringMatching(/^"articleSlug" contains half/) });
    expect(parseNoteInput({ term: 'Fuchs 🦊', translation: 'fox 🦊' })).toMatchObject({ ok: true });
  });
});
