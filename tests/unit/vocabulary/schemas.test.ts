// What a note may hold: invisible characters go, direction controls are refused with the character named.
import { describe, expect, it } from 'vitest';
import { parseNoteInput } from '@/lib/vocabulary/schemas';

describe('invisible characters in notes', () => {
  it('removes zero-width characters from terms, so "Haus\u200b" is "Haus", and refuses direction controls', () => {
    expect(parseNoteInput({ term: 'Ha\u00adus\u200b' })).toEqual({ ok: true, input: { term: 'Haus' } });
    expect(parseNoteInput({ term: '\u202eHaus' })).toEqual({ ok: false, message: expect.stringContaining('U+202E') });
    expect(parseNoteInput({ term: 'Haus', note: 'ok \u2066x' })).toEqual({ ok: false, message: expect.stringContaining('U+2066') });
  });
});
