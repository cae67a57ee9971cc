'use client';

import { useActionState, useState } from 'react';
import { MAX_ARTICLE_CHARS, MAX_TITLE_CHARS, MAX_UPLOAD_BYTES } from '@/lib/articles/limits';
import { importArticleAction, type ImportFormState } from './actions';

export function ImportForm() {
  const [state, formAction, pending] = useActionState<ImportFormState, FormData>(importArticleAction, {});
  // Controlled fields keep what the learner typed when the server answers with an error.
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const error = fileError ?? state.error;
  // The text field holds LF line breaks, so this is the count the server makes after turning the
  // CRLF a browser sends back into LF.
  const tooLong = text.length > MAX_ARTICLE_CHARS;

  return (
    <form action={formAction} className="import-form" aria-describedby={error ? 'import-error' : undefined}>
      <label htmlFor="title">
        Title <span className="hint">(optional: when empty, a heading at the top or else the first sentence)</span>
      </label>
      <input id="title" name="title" lang="de" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={MAX_TITLE_CHARS} />

      <label htmlFor="text">German text</label>
      <textarea
        id="text"
        name="text"
        lang="de"
        rows={14}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-describedby="text-count"
        placeholder="Paste a German article here. Leave a blank line between paragraphs."
      />
      <p id="text-count" className={`hint count${tooLong ? ' over' : ''}`} aria-live="polite">
        {text.length.toLocaleString('en')} / {MAX_ARTICLE_CHARS.toLocaleString('en')} characters
      </p>

      <label htmlFor="file">
        …or a text file <span className="hint">(.txt or .md, UTF-8)</span>
      </label>
      <input
        id="file"
        name="file"
        type="file"
        accept=".txt,.md,.markdown,text/plain,text/markdown"
        onChange={(e) => {
          const file = e.target.files?.[0];
          setFileError(
            file && file.size > MAX_UPLOAD_BYTES
              ? `"${file.name}" is too large (${(file.size / 1_000_000).toFixed(1)} MB): articles can be at most ${MAX_ARTICLE_CHARS.toLocaleString('en')} characters. Split it into parts.`
              : null,
          );
        }}
      />

      {error && (
        <p id="import-error" className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="submit-row">
        <button type="submit" className="button" disabled={pending || fileError !== null || tooLong} aria-describedby="submit-reason">
          {pending ? 'Importing…' : 'Import and read'}
        </button>
        {/* Always in the page, so a screen reader announces the reason when it appears. */}
        <p id="submit-reason" className="submit-reason" role="status">
          {tooLong &&
            `The text has ${text.length.toLocaleString('en')} characters, more than ${MAX_ARTICLE_CHARS.toLocaleString('en')}: shorten it, or split it into several articles.`}
        </p>
      </div>
    </form>
  );
}
