// Limits on what a learner can save and look up (shared by the API, the forms and the importer).

/** Longest selection that can be looked up or saved. */
export const MAX_TERM_CHARS = 200;
export const MAX_BASE_FORM_CHARS = 200;
export const MAX_TRANSLATION_CHARS = 500;
export const MAX_NOTE_CHARS = 2_000;
export const MAX_CONTEXT_CHARS = 1_000;
/** Notes per learner: far beyond a learner's needs, small enough that no script fills the disk. */
export const MAX_NOTES_PER_LEARNER = 20_000;
/** Selection look-ups per learner (and per client address) a minute. */
export const LOOKUPS_PER_MINUTE = 60;
/** A CSV import of more rows (or bytes) is refused whole: one file can bring back a whole vocabulary. */
export const MAX_IMPORT_ROWS = MAX_NOTES_PER_LEARNER;
/**
 * An export of 20,000 notes with their sentences is 5 to 7 MB. Keep it under Next's 10 MiB for bodies
 * that pass proxy.ts (proxyClientMaxBodySize): past that the route would get the body cut short, silently.
 */
export const MAX_IMPORT_BYTES = 10_000_000;
/** Imports one server reads at once: each holds its file and its rows in memory until it is saved. */
export const MAX_CONCURRENT_IMPORTS = 4;
/** Words one learner can mark known: a well-read learner knows a few tens of thousands of lemmas. */
export const MAX_KNOWN_WORDS = 100_000;
/** Lemmas one request may mark known or new ("mark the rest of this paragraph known" sends a few dozen). */
export const MAX_STATUS_LEMMAS = 2_000;
/** A lemma key is a word's dictionary form, lower-cased; phrases have no status. */
export const MAX_LEMMA_CHARS = 64;
