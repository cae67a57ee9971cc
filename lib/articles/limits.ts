// Limits on an imported article, in one plain module: the server's checks and the import form's
// counter use the same numbers (and the browser bundle gets no zod).

/** Characters of text, counted after CRLF and CR line breaks become LF: a text field holds LF, and
 *  a browser sends the form's line breaks as CRLF, so this is what the import form's counter shows. */
export const MAX_ARTICLE_CHARS = 200_000;
/** Blocks (paragraphs, headings, captions) an article may have. A long feature has 100–300 and the
 *  demo 15; 200,000 characters of ordinary prose make ~500. 1,000 bounds what one import costs: a
 *  reader page of ~3 MB (20,000 one-word paragraphs made 63 MB, rendered in 13 s) and 20 DeepL
 *  requests of 50 texts. */
export const MAX_ARTICLE_BLOCKS = 1_000;
export const MAX_TITLE_CHARS = 200;
/** A .txt/.md upload larger than this cannot hold 200,000 characters of text and is refused unread. */
export const MAX_UPLOAD_BYTES = 1_000_000;
/** A web page fetched for an import, or an uploaded .html file: news pages are 0.2–2 MB of HTML. A larger
 *  one is refused (a fetch stops reading at this size). */
export const MAX_PAGE_BYTES = 5_000_000;
/** An EPUB book, uploaded or fetched: public-domain novels are 0.2–5 MB with their pictures. A larger one is
 *  refused unread (a fetch stops reading at this size). */
export const MAX_BOOK_BYTES = 20_000_000;
/** What a book may hold, checked while it is unzipped (lib/import/epub-worker.cjs): entries in the zip; bytes
 *  one text entry (a chapter's XHTML is parsed in one turn of the main thread: real ones are well under
 *  1 MB) and all of them may inflate to; how much larger than its compressed bytes an entry over 1 MB may
 *  grow (text deflates 3–10×, a bomb of zeros ~1,000×); chapters; and characters and paragraphs in all (a
 *  1,000-page novel has ~2,000,000 characters). Each chapter is an article, with the article limits: a
 *  longer one is stored as several parts. */
export const MAX_BOOK_ENTRIES = 5_000;
export const MAX_BOOK_ENTRY_BYTES = 8_000_000;
export const MAX_BOOK_INFLATED_BYTES = 64_000_000;
export const MAX_BOOK_RATIO = 100;
export const MAX_BOOK_CHAPTERS = 1_000;
export const MAX_BOOK_CHARS = 5_000_000;
export const MAX_BOOK_BLOCKS = 50_000;
