// The Anki export of vocabulary notes: a text file Anki 2.1.55+ imports as Basic cards with no mapping by hand.
import { buildMatcher, findMarks, splitByMarks } from './marks';
import type { VocabularyNote } from './types';

// The file headers of Anki's text importer (manual: Importing > Text Files > File Headers). #separator comes
// first because #columns is split with it; the column names equal the Basic note type's field names, so
// fields are mapped by name. The GUID makes a re-import of a later export update the cards it made before.
const HEADER = [
  '#separator:tab',
  '#html:true',
  '#notetype:Basic',
  '#deck:Nebeneinander',
  '#columns:Front\tBack\tTags\tGUID',
  '#tags column:3',
  '#guid column:4',
];

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The start of the file: the header lines. */
export const ANKI_HEAD = `${HEADER.join('\n')}\n`;

/** One line per note, to follow ANKI_HEAD; an export streams these a page at a time. `reviews`: a line
 *  per note about its review state in Nebeneinander, by note id (lib/review/transfer.ts). */
export function notesToAnkiRecords(notes: readonly VocabularyNote[], reviews: ReadonlyMap<string, string> = new Map()): string {
  return notes.map((note) => `${[front(note), back(note, reviews.get(note.id) ?? ''), tags(note), `nebeneinander-${note.id}`].join('\t')}\n`).join('');
}

/** The notes as an Anki text file: German with its article on the front, translation, note, sentence and source on the back. */
export function notesToAnki(notes: readonly VocabularyNote[]): string {
  return ANKI_HEAD + notesToAnkiRecords(notes);
}

function front(note: VocabularyNote): string {
  const german = note.baseForm || note.term;
  // Anki's reader takes a line starting with "#" for a comment; the entity shows the same character.
  return html(note.nounArticle ? `${note.nounArticle} ${german}` : german).replace(/^#/, '&#35;');
}

function back(note: VocabularyNote, review: string): string {
  const source = note.articleTitle
    ? html(`— ${note.articleTitle}${note.paragraph === null ? '' : `, ¶${note.paragraph}`}`)
    : '';
  return [html(note.translation), html(note.note), withTermInBold(note.context, note.term), source, html(review)]
    .filter((part) => part !== '')
    .join('<br>');
}

/** Anki tags are separated by spaces, so a slug with spaces is joined with underscores. */
function tags(note: VocabularyNote): string {
  const slug = note.articleSlug?.trim().replace(/\s+/g, '_');
  return slug ? `nebeneinander ${slug}` : 'nebeneinander';
}

/**
 * The sentence, escaped, with each occurrence of the term in <b>: whole words, any case, as the reader
 * marks it ("Bahn" not inside "Bahnhöfe"). No regular expression is built per note: compiling one with
 * Unicode classes took about a millisecond, 20 s for an export of 20,000 notes.
 */
function withTermInBold(sentence: string, term: string): string {
  const marks = findMarks(sentence, buildMatcher([{ id: 'term', term, baseForm: '' }]));
  return splitByMarks(sentence, marks)
    .map((piece) => (piece.id ? `<b>${html(piece.text)}</b>` : html(piece.text)))
    .join('');
}

/** Text as one field of an HTML file: escaped first, then line breaks as <br> and tabs as spaces. */
function html(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])
    .replace(/\r\n?|\n/g, '<br>')
    .replace(/\t/g, ' ');
}
