// The editable fields of a vocabulary note, shared by the reader's panel and the /vocabulary page,
// and what both do with the server's answers.
import { MAX_BASE_FORM_CHARS, MAX_NOTE_CHARS, MAX_TRANSLATION_CHARS } from '@/lib/vocabulary/limits';
import { NOUN_ARTICLES, type NounArticle } from '@/lib/vocabulary/types';

export interface NoteFieldValues {
  translation: string;
  baseForm: string;
  nounArticle: NounArticle | null;
  note: string;
}

export function NoteFields({ initial, showArticle = true }: { initial: NoteFieldValues; showArticle?: boolean }) {
  return (
    <>
      <label className="field">
        <span>English</span>
        <input name="translation" defaultValue={initial.translation} lang="en" maxLength={MAX_TRANSLATION_CHARS} />
      </label>
      <div className="vocab-base">
        {showArticle && (
          <label className="field">
            <span>Article</span>
            <select name="nounArticle" defaultValue={initial.nounArticle ?? ''}>
              <option value="">–</option>
              {NOUN_ARTICLES.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </label>
        )}
        <label className="field grow">
          <span>Base form</span>
          <input name="baseForm" defaultValue={initial.baseForm} lang="de" maxLength={MAX_BASE_FORM_CHARS} />
        </label>
      </div>
      <label className="field">
        <span>Note</span>
        <textarea name="note" defaultValue={initial.note} rows={2} maxLength={MAX_NOTE_CHARS} />
      </label>
    </>
  );
}

/** The values of a form holding NoteFields. */
export function noteFieldValues(form: HTMLFormElement): NoteFieldValues {
  const data = new FormData(form);
  const field = (name: string) => String(data.get(name) ?? '');
  const article = field('nounArticle');
  return {
    translation: field('translation'),
    baseForm: field('baseForm'),
    nounArticle: (NOUN_ARTICLES as readonly string[]).includes(article) ? (article as NounArticle) : null,
    note: field('note'),
  };
}

/** The `error` of a failed API answer, or a sentence about its status. */
export async function readError(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  return body?.error ?? `The server answered ${response.status}. Try again.`;
}
