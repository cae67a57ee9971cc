// Paragraph links as teachers write them: /p/3 and /p/3-5, and every way they can be wrong.
import { describe, expect, it } from 'vitest';
import { describeProblem, parsePassage, passageLabel, passagePath } from '@/lib/sharing/passage';

describe('parsePassage', () => {
  it.each([
    ['3', { from: 3, to: 3 }],
    ['1', { from: 1, to: 1 }],
    ['15', { from: 15, to: 15 }],
    ['3-5', { from: 3, to: 5 }],
    ['4-4', { from: 4, to: 4 }],
    ['1-15', { from: 1, to: 15 }],
  ])('reads %s', (raw, passage) => {
    expect(parsePassage(raw, 15)).toEqual({ ok: true, passage });
  });

  it.each([
    ['0', 'zero', /no paragraph 0/],
    ['0-3', 'zero', /no paragraph 0/],
    ['16', 'past-end', /has 15 paragraphs, so there is no ¶16/],
    ['3-16', 'past-end', /no ¶16/],
    ['5-3', 'reversed', /runs backwards/],
    ['abc', 'malformed', /does not name a paragraph/],
    ['3-', 'malformed', /does not name a paragraph/],
    ['-3', 'malformed', /does not name a paragraph/],
    ['1-2-3', 'malformed', /does not name a paragraph/],
    ['3.5', 'malformed', /does not name a paragraph/],
    ['%00', 'malformed', /does not name a paragraph/],
    ['3%2C5', 'malformed', /does not name a paragraph/],
    ['', 'malformed', /does not name a paragraph/],
    ['99999999999', 'malformed', /does not name a paragraph/],
    ['../../etc', 'malformed', /does not name a paragraph/],
    ['%E0%A4%A', 'malformed', /does not name a paragraph/],
  ])('refuses %s (%s) with a helpful message', (raw, kind, message) => {
    const parsed = parsePassage(raw, 15);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem.kind).toBe(kind);
    expect(describeProblem(parsed.problem)).toMatch(message);
  });

  it('counts one paragraph as one', () => {
    const parsed = parsePassage('2', 1);
    expect(parsed.ok ? null : describeProblem(parsed.problem)).toBe('This article has 1 paragraph, so there is no ¶2.');
  });
});

describe('labels and paths', () => {
  it('names a paragraph or a range as a teacher says it', () => {
    expect(passageLabel({ from: 3, to: 3 })).toBe('¶3');
    expect(passageLabel({ from: 3, to: 5 })).toBe('¶3–5');
    expect(passagePath('kim', { from: 3, to: 3 })).toBe('/a/kim/p/3');
    expect(passagePath('kim', { from: 3, to: 5 })).toBe('/a/kim/p/3-5');
  });
});
