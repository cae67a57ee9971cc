'use client';

import { useActionState, useRef, useState, type MouseEvent } from 'react';
import { MAX_ARTICLE_CHARS, MAX_BOOK_BYTES, MAX_PAGE_BYTES, MAX_TITLE_CHARS, MAX_UPLOAD_BYTES } from '@/lib/articles/limits';
import { importArticleAction, previewArticleAction, type ImportFormState, type ImportPreviewState } from './actions';
import { ImportPreview } from './import-preview';
import { importBook, previewBook, type UploadPhase } from './book-upload';

/** A file the server would refuse for its size, said before anything is sent. */
function fileTooLarge(file: File | undefined): string | null {
  if (!file) return null;
  if (/\.epub$/i.test(file.name)) {
    return file.size <= MAX_BOOK_BYTES
      ? null
      : `"${file.name}" is too large (${(file.size / 1_000_000).toFixed(1)} MB): books can be at most ${MAX_BOOK_BYTES / 1_000_000} MB. Remove its pictures (Calibre can) or split it.`;
  }
  const html = /\.(html?|xhtml)$/i.test(file.name);
  if (file.size <= (html ? MAX_PAGE_BYTES : MAX_UPLOAD_BYTES)) return null;
  const size = (file.size / 1_000_000).toFixed(1);
  return html
    ? `"${file.name}" is too large (${size} MB): web pages can be at most ${MAX_PAGE_BYTES / 1_000_000} MB. Save only the article, or paste its text.`
    : `"${file.name}" is too large (${size} MB): articles can be at most ${MAX_ARTICLE_CHARS.toLocaleString('en')} characters. Split it into parts.`;
}

export function ImportForm() {
  const [state, formAction, importing] = useActionState<ImportFormState, FormData>(importArticleAction, {});
  const [previewState, previewAction, previewing] = useActionState<ImportPreviewState, FormData>(previewArticleAction, {});
  // Controlled fields keep what the learner typed when the server answers with an error.
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [isBook, setIsBook] = useState(false);
  // A preview is shown only for the fields as they were when it was asked for.
  const [version, setVersion] = useState(0);
  const [previewedVersion, setPreviewedVersion] = useState(-1);
  const edited = () => setVersion((v) => v + 1);
  // A book goes to the HTTP API by XMLHttpRequest, for its upload's progress (app/import/book-upload.ts).
  const formRef = useRef<HTMLFormElement>(null);
  const [upload, setUpload] = useState<UploadPhase | null>(null);
  const [bookState, setBookState] = useState<ImportPreviewState>({});
  const shown = isBook ? bookState : previewState;
  const preview = previewedVersion === version && !previewing && !upload ? shown.preview : undefined;
  const previewError = previewedVersion === version && !previewing && !upload ? shown.error : undefined;
  const error = fileError ?? (isBook ? null : state.error) ?? previewError;
  /** The book's file and title, sent to the API; null (and the form submits as usual) for anything else. */
  const bookForm = (): FormData | null => {
    if (!isBook || url.trim() || text.trim() || !formRef.current) return null;
    const file = (formRef.current.elements.namedItem('file') as HTMLInputElement | null)?.files?.[0];
    if (!file) return null;
    const data = new FormData();
    data.set('file', file);
    if (title.trim()) data.set('title', title);
    return data;
  };
  const previewTheBook = async (data: FormData) => {
    setPreviewedVersion(version);
    setBookState(await previewBook(data, setUpload));
    setUpload(null);
  };
  const importTheBook = async (data: FormData) => {
    setPreviewedVersion(version);
    const answer = await importBook(data, setUpload);
    if ('path' in answer) return window.location.assign(answer.path);
    setBookState({ error: answer.error });
    setUpload(null);
  };
  /** A click on an import button: a book goes by XMLHttpRequest, anything else as the form's Server Action. */
  const importClick = (e: MouseEvent) => {
    const data = bookForm();
    if (data) {
      e.preventDefault();
      void importTheBook(data);
    }
  };
  // The text field holds LF line breaks, so this is the count the server makes after turning the
  // CRLF a browser sends back into LF.
  const tooLong = text.length > MAX_ARTICLE_CHARS;
  const busy = importing || previewing || upload !== null;

  return (
    <form ref={formRef} action={formAction} className="import-form" aria-describedby={error ? 'import-error' : undefined} aria-busy={busy}>
      <label htmlFor="url">
        Web address <span className="hint">(a German article online: its text, headings and photo captions are read, no pictures)</span>
      </label>
      <input
        id="url"
        name="url"
        type="url"
        inputMode="url"
        autoComplete="off"
        placeholder="https://…"
        value={url}
        onChange={(e) => {
          setUrl(e.target.value);
          edited();
        }}
      />

      <label htmlFor="title">
        Title <span className="hint">(optional: when empty, the page’s headline, a heading at the top or else the first sentence)</span>
      </label>
      <input
        id="title"
        name="title"
        lang="de"
        value={title}
        onChange={(e) => {
          setTitle(e.target.value);
          edited();
        }}
        maxLength={MAX_TITLE_CHARS}
      />

      <label htmlFor="text">…or the German text</label>
      <textarea
        id="text"
        name="text"
        lang="de"
        rows={10}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          edited();
        }}
        aria-describedby="text-count"
        placeholder="Paste a German article here. Leave a blank line between paragraphs."
      />
      <p id="text-count" className={`hint count${tooLong ? ' over' : ''}`} aria-live="polite">
        {text.length.toLocaleString('en')} / {MAX_ARTICLE_CHARS.toLocaleString('en')} characters
      </p>

      <label htmlFor="file">
        …or a file <span className="hint">(.txt or .md in UTF-8, a saved web page, .html, or a book, .epub)</span>
      </label>
      <input
        id="file"
        name="file"
        type="file"
        accept=".txt,.md,.markdown,.html,.htm,.xhtml,.epub,text/plain,text/markdown,text/html,application/epub+zip"
        onChange={(e) => {
          setFileError(fileTooLarge(e.target.files?.[0]));
          setIsBook(/\.epub$/i.test(e.target.files?.[0]?.name ?? ''));
          edited();
        }}
      />

      {error && (
        <p id="import-error" className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="submit-row">
        <button
          type="submit"
          className="button secondary"
          formAction={previewAction}
          onClick={(e) => {
            const data = bookForm();
            if (data) {
              e.preventDefault();
              void previewTheBook(data);
            } else setPreviewedVersion(version);
          }}
          disabled={busy || fileError !== null || tooLong}
        >
          {previewing ? 'Reading…' : 'Preview'}
        </button>
        <button type="submit" className="button" disabled={busy || fileError !== null || tooLong} aria-describedby="submit-reason" onClick={importClick}>
          {importing ? 'Importing…' : 'Import and read'}
        </button>
        {/* Always in the page, so a screen reader announces the reason when it appears. */}
        <p id="submit-reason" className="submit-reason" role="status">
          {tooLong &&
            `The text has ${text.length.toLocaleString('en')} characters, more than ${MAX_ARTICLE_CHARS.toLocaleString('en')}: shorten it, or split it into several articles.`}
        </p>
      </div>
      <p className="import-progress" role="status" aria-live="polite">
        {upload?.kind === 'sending' && (
          <>
            <progress max={100} value={upload.percent} aria-label="Uploading the book" /> Uploading the book… {upload.percent} %
          </>
        )}
        {upload?.kind === 'reading' && (
          <>
            <progress aria-label="Reading the book" /> Reading the book, chapter by chapter…
          </>
        )}
        {busy && !upload && (
          <>
            <progress aria-label={url.trim() ? 'Fetching the page' : isBook ? 'Reading the book' : 'Reading the article'} />{' '}
            {url.trim()
              ? 'Fetching the page and finding its article…'
              : isBook
                ? 'Reading the book, chapter by chapter…'
                : 'Reading the article and splitting it into paragraphs…'}
          </>
        )}
      </p>
      {preview && (
        <ImportPreview preview={preview}>
          <button type="submit" className="button" disabled={busy} onClick={importClick}>
            {preview.chapters ? 'Import this book' : 'Import this article'}
          </button>
        </ImportPreview>
      )}
    </form>
  );
}
