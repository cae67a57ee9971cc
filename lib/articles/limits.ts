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
