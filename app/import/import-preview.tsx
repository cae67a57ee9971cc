import type { ReactNode } from 'react';
import type { ImportPreviewState } from './actions';

const KIND_LABEL: Record<string, string> = { heading: 'Heading', paragraph: 'Paragraph', caption: 'Caption', quote: 'Quote' };

/** What an import would store: title, source line, counts, and the first blocks with their kinds. */
export function ImportPreview({ preview, children }: { preview: NonNullable<ImportPreviewState['preview']>; children: ReactNode }) {
  return (
    <section className="import-preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview: nothing is saved yet</h2>
      <p className="preview-title" lang="de">
        {preview.title}
      </p>
      {preview.source && <p className="meta preview-source">{preview.source}</p>}
      <p className="preview-summary">Found {preview.summary}.</p>
      {preview.chapters && <p className="hint">The first chapter, “<span lang="de">{preview.chapters[0]?.title}</span>”, begins:</p>}
      <ol className="preview-blocks">
        {preview.blocks.map((b) => (
          <li key={b.n} className={`kind-${b.kind}`}>
            <span className="preview-kind">
              ¶{b.n} {KIND_LABEL[b.kind] ?? b.kind}
            </span>{' '}
            <span lang="de">{b.text}</span>
            {b.credit && (
              <>
                {' '}
                <span className="credit" translate="no">
                  {b.credit}
                </span>
              </>
            )}
          </li>
        ))}
      </ol>
      {preview.more > 0 && <p className="hint">…and {preview.more.toLocaleString('en')} more{preview.chapters ? ' in this chapter' : ''}.</p>}
      {preview.chapters && (
        <>
          <h3 className="preview-chapters-heading">Chapters</h3>
          <ol className="preview-chapters">
            {preview.chapters.map((c) => (
              <li key={c.n}>
                <span lang="de">{c.title}</span> <span className="meta">{c.blocks.toLocaleString('en')} ¶</span>
              </li>
            ))}
          </ol>
          {(preview.moreChapters ?? 0) > 0 && <p className="hint">…and {preview.moreChapters!.toLocaleString('en')} more chapters.</p>}
        </>
      )}
      {children}
    </section>
  );
}
