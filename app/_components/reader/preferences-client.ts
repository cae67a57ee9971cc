// Browser side of the reader's preferences: cookies the prepaint script (lib/reader/prepaint.cjs) reads on
// the next page load, and the reading position per article.
import { PREFERENCE_COOKIES } from '@/lib/reader/options';

const ONE_YEAR = 60 * 60 * 24 * 365;

export function rememberPreference(name: keyof typeof PREFERENCE_COOKIES, value: string): void {
  document.cookie = `${PREFERENCE_COOKIES[name]}=${encodeURIComponent(value)}; path=/; max-age=${ONE_YEAR}; samesite=lax`;
}

/** Shows a mode, text size or theme at once (the root's data attribute the CSS reads) and remembers it. */
export function applyPreference(name: keyof typeof PREFERENCE_COOKIES, value: string): void {
  rememberPreference(name, value);
  document.documentElement.dataset[name] = value;
  // A teacher's ?mode= link stays in the address bar: a reload shows what the learner chose now.
  if (name === 'mode' && new URLSearchParams(location.search).has('mode')) {
    const url = new URL(location.href);
    url.searchParams.set('mode', value);
    history.replaceState(history.state, '', url);
  }
}

const NEW_WORDS_COOKIE = 'nb-new-words';

/**
 * "Show new words", remembered like the other preferences. Nothing shows before the learner's words
 * arrive (after load), so the reader sets the attribute then, not the prepaint script.
 */
export function showNewWords(on: boolean): void {
  document.cookie = `${NEW_WORDS_COOKIE}=${on ? 'on' : 'off'}; path=/; max-age=${ONE_YEAR}; samesite=lax`;
  document.documentElement.dataset.newWords = on ? 'on' : 'off';
}

export function restoreNewWords(): void {
  const on = document.cookie.split(';').some((part) => part.trim() === `${NEW_WORDS_COOKIE}=on`);
  document.documentElement.dataset.newWords = on ? 'on' : 'off';
}

const POSITIONS_KEY = 'nebeneinander:positions';

/** The paragraph a learner last read, per article slug, in this browser. */
export function readPositions(): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(POSITIONS_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
  } catch {
    return {};
  }
}

export function savePosition(slug: string, n: number): void {
  try {
    localStorage.setItem(POSITIONS_KEY, JSON.stringify({ ...readPositions(), [slug]: n }));
  } catch {
    // Private mode or storage full: resuming is a convenience, reading goes on.
  }
}
