// Slugs: readable, URL-safe and unique.
import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN, slugify, uniqueSlug } from '@/lib/articles/slug';

describe('slugify', () => {
  it('makes readable German slugs', () => {
    expect(slugify('Putin und Kim treffen sich am Weltraumbahnhof')).toBe('putin-und-kim-treffen-sich-am-weltraumbahnhof');
    expect(slugify('Größere Übungen für Schüler: Straße & Café!')).toBe('groessere-uebungen-fuer-schueler-strasse-cafe');
  });

  it('is always safe in a URL, whatever the title', () => {
    for (const title of ['../../etc/passwd', '%00<script>alert(1)</script>', '🙂🙂', '   ', 'ملخص', 'a'.repeat(500)]) {
      const slug = slugify(title);
      expect(slug).toMatch(SLUG_PATTERN);
      expect(slug.length).toBeLessThanOrEqual(60);
    }
  });

  it('cuts long titles at a word boundary', () => {
    const slug = slugify('Die Spannungen auf der koreanischen Halbinsel haben sich seit vergangenem Jahr wieder deutlich verschärft');
    expect(slug).toBe('die-spannungen-auf-der-koreanischen-halbinsel-haben-sich');
  });
});

describe('uniqueSlug', () => {
  const inUse = (slugs: string[]) => {
    const asked: string[] = [];
    return { asked, startingWith: async (base: string) => (asked.push(base), slugs.filter((s) => s.startsWith(base))) };
  };

  it('adds -2, -3 when a slug is taken', async () => {
    const taken = inUse(['kim', 'kim-2', 'kim-und-putin']);
    expect(await uniqueSlug('Kim', taken.startingWith)).toBe('kim-3');
    expect(await uniqueSlug('Putin', taken.startingWith)).toBe('putin');
  });

  it('asks once, however many articles share the title (the 1,001st "Angriff" is one look-up)', async () => {
    const taken = inUse(['angriff', ...Array.from({ length: 999 }, (_, i) => `angriff-${i + 2}`)]);
    expect(await uniqueSlug('Angriff', taken.startingWith)).toBe('angriff-1001');
    expect(taken.asked).toEqual(['angriff']);
  });
});
