'use client';

import { useActionState, useState } from 'react';
import { importArticleAction, type ImportFormState } from './actions';

const MAX_CHARS = 200_000;
const MAX_FILE_BYTES = 1_000_000;

export function ImportForm() {
  const [state, formAction, pending] = useActionState<ImportFormState, FormData>(importArticleAction, {});
  // Controlled fields keep what the learner typed when the server answers with an error.
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const error = fileError ?? state.error;

  return (
    <form action={formAction} className="import-form" aria-describedby={error ? 'import-error' : undefined}>
      <label htmlFor="title">
        Title <span className="hint">(optional: the first sentence is used when empty)</span>
      </label>
      <input id="title" name="title" lang="de" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />

      <label htmlFor="text">German text</label>
      <textarea
        id="text"
        name="text"
        lang="de"
        rows={14}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Paste a German article here. Leave a blank line between paragraphs."
      />
      <p className={`hint count${text.length > MAX_CHARS ? ' over' : ''}`} aria-live="polite">
        {text.length.toLocaleString('en')} / {MAX_CHARS.toLocaleString('en')} characters
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
            file && file.size > MAX_FILE_BYTES
              ? `"${file.name}" is too large (${(file.size / 1_000_000).toFixed(1)} MB): articles can be at most 200,000 characters. Split it into parts.`
              : null,
          );
        }}
      />

      {error && (
        <p id="import-error" className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button" disabled={pending || fileError !== null}>
        {pending ? 'Importing…' : 'Import and read'}
      </button>
    </form>
  );
}
