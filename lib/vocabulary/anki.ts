// The Anki export of vocabulary notes: a text file Anki 2.1.55+ imports as Basic cards with no mapping by hand.
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

/** The notes as an Anki text file: German with its article on the front, translation, note, sentence and source on the back. */
export function notesToAnki(notes: readonly VocabularyNote[]): string {
  const records = notes.map((note) => [front(note), back(note), tags(note), `nebeneinander-${note.id}`].join('\t'));
  return [...HEADER, ...records].join('\n') + '\n';
}

function front(note: VocabularyNote): string {
  const german = note.baseForm || note.term;
  // Anki's reader takes a line starting with "#" for a comment; the entity shows the same character.
  return html(note.nounArticle ? `${note.nounArticle} ${german}` : german).replace(/^#/, '&#35;');
}

function back(note: VocabularyNote): string {
  const source = note.articleTitle
    ? html(`— ${note.articleTitle}${note.paragraph === null ? '' : `, ¶${note.paragraph}`}`)
    : '';
  return [html(note.translation), html(note.note), withTermInBold(note.context, note.term), source]
    .filter((part) => part !== '')
    .join('<br>');
}

/** Anki tags are separated by spaces, so a slug with spaces is joined with underscores. */
function tags(note: VocabularyNote): string {
  const slug = note.articleSlug?.trim().replace(/\s+/g, '_');
  return slug ? `nebeneinander ${slug}` : 'nebeneinander';
}

/** The sentence, escaped, with each whole-word occurrence of the term (any case) in <b>. */
function withTermInBold(sentence: string, term: string): string {
  const words = term.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // \b knows only ASCII letters; these lookarounds keep "Bahn" from matching inside "Bahnhöfe" or "Überbahn".
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(${words.join('\\s+')})(?![\\p{L}\\p{N}_])`, 'giu');
  // split with a capturing group puts the matches at the odd indexes.
  return sentence
    .split(pattern)
    .map((part, i) => (i % 2 === 1 ? `<b>${html(part)}</b>` : html(part)))
    .join('');
}

/** Text as one field of an HTML file: escaped first, then line breaks as <br> and tabs as spaces. */
function html(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])
    .replace(/\r\n?|\n/g, '<br>')
    .replace(/\t/g, ' ');
}
