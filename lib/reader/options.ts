// The reader's display options as plain constants, safe to import in the browser (no zod).
export const READER_MODES = ['side', 'interleaved', 'practice', 'german'] as const;
export const TEXT_SIZES = ['small', 'medium', 'large'] as const;
export const THEMES = ['light', 'dark'] as const;

export type ReaderMode = (typeof READER_MODES)[number];
export type TextSize = (typeof TEXT_SIZES)[number];
export type Theme = (typeof THEMES)[number];

/** Cookie names; the values are set by the reader's toolbar in the browser. */
export const PREFERENCE_COOKIES = { mode: 'nb-mode', size: 'nb-size', theme: 'nb-theme' } as const;
