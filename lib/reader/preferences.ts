// A reader's display preferences, parsed with zod where the server meets them (an assignment's mode). The
// browser applies them itself before the first paint (lib/reader/prepaint.cjs).
import { z } from 'zod';
import { READER_MODES } from './options';

export { PREFERENCE_COOKIES, type ReaderMode, type TextSize, type Theme } from './options';

export const readerModeSchema = z.enum(READER_MODES);
