// A device's name in the learner's list, summarised from its User-Agent ("Firefox on Android"). Only the
// summary is stored. Plain substring tests over at most MAX_UA characters: no regular expression to stall.
const MAX_UA = 512;

/** First match wins: Edge, Opera and Samsung Internet also say "Chrome", Chrome also says "Safari". */
const BROWSERS: Array<[string, string]> = [
  ['Edg', 'Edge'],
  ['OPR/', 'Opera'],
  ['SamsungBrowser/', 'Samsung Internet'],
  ['Firefox/', 'Firefox'],
  ['FxiOS/', 'Firefox'],
  ['CriOS/', 'Chrome'],
  ['Chromium/', 'Chromium'],
  ['Chrome/', 'Chrome'],
  ['Safari/', 'Safari'],
];
const SYSTEMS: Array<[string, string]> = [
  ['iPhone', 'iPhone'],
  ['iPad', 'iPad'],
  ['Android', 'Android'],
  ['CrOS', 'ChromeOS'],
  ['Windows', 'Windows'],
  ['Macintosh', 'Mac'],
  ['Linux', 'Linux'],
];

export function deviceLabel(userAgent: string | null): string {
  const ua = (userAgent ?? '').slice(0, MAX_UA);
  const browser = BROWSERS.find(([mark]) => ua.includes(mark))?.[1];
  const system = SYSTEMS.find(([mark]) => ua.includes(mark))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `A browser on ${system}` : 'A browser');
}
