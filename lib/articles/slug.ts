// Readable, URL-safe slugs from German titles: "Putin und Kim ..." -> "putin-und-kim-...".
const MAX_SLUG_CHARS = 60;
const TRANSLITERATE: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

export function slugify(title: string): string {
  const base = title
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => TRANSLITERATE[c])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (base.length <= MAX_SLUG_CHARS) return base || 'artikel';
  const cut = base.slice(0, MAX_SLUG_CHARS + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 20 ? cut.slice(0, lastDash) : cut.slice(0, MAX_SLUG_CHARS)).replace(/-+$/, '');
}

/** Slugs that name a route of their own under /api/articles/ (POST /api/articles/preview): an article
 *  titled "Preview" becomes preview-2. */
const RESERVED_SLUGS = ['preview'];

/**
 * The slug itself, or with -2, -3, ... when it is in use. `takenStartingWith(base)` answers every
 * slug in use that starts with the base, in one query: a hundred articles of the same title cost one
 * look-up, not a hundred (one per number tried, which an import of the same title again and again made
 * linear in the number of its namesakes).
 */
export async function uniqueSlug(title: string, takenStartingWith: (base: string) => Promise<readonly string[]>): Promise<string> {
  const base = slugify(title);
  const taken = new Set([...(await takenStartingWith(base)), ...RESERVED_SLUGS]);
  let slug = base;
  for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
  return slug;
}

/** Shape of any slug we generate, a book's chapter's too ("{book}/{n}", lib/articles/import-book.ts); route
 *  params that do not match it are not looked up. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[1-9]\d{0,3})?$/;

/** The slug of chapter `chapter` (a route segment, unchecked) of the book `book`, or null when it names none. */
export function chapterSlug(book: string, chapter: string): string | null {
  return /^[1-9]\d{0,3}$/.test(chapter) ? `${book}/${chapter}` : null;
}
