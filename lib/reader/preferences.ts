// A reader's display preferences: from the URL (?mode=) and per-browser cookies, parsed with zod.
import { z } from 'zod';
import { READER_MODES, TEXT_SIZES, THEMES, type ReaderMode, type TextSize, type Theme } from './options';

export { PREFERENCE_COOKIES, type ReaderMode, type TextSize, type Theme } from './options';

export const readerModeSchema = z.enum(READER_MODES);
export const textSizeSchema = z.enum(TEXT_SIZES);
export const themeSchema = z.enum(THEMES);

/** A teacher's link (?mode=practice) wins over the remembered mode; anything unknown is ignored. */
export function resolveMode(fromUrl: unknown, fromCookie: unknown): ReaderMode {
  const url = readerModeSchema.safeParse(Array.isArray(fromUrl) ? fromUrl[0] : fromUrl);
  if (url.success) return url.data;
  const cookie = readerModeSchema.safeParse(fromCookie);
  return cookie.success ? cookie.data : 'side';
}

export function resolveTextSize(fromCookie: unknown): TextSize {
  const size = textSizeSchema.safeParse(fromCookie);
  return size.success ? size.data : 'medium';
}

/** Undefined until the reader chooses: the page then follows the system's light or dark setting. */
export function resolveTheme(fromCookie: unknown): Theme | undefined {
  const theme = themeSchema.safeParse(fromCookie);
  return theme.success ? theme.data : undefined;
}
