// The reader: one row per block, German and English side by side (or as the chosen mode shows them). The HTML is
// the same for every learner and mode: it holds what every mode needs, and CSS keyed on html[data-mode] (set
// before the first paint by lib/reader/prepaint.cjs) shows and hides it; editor controls come after load.
import { Fragment } from 'react';
import type { ReaderArticle, ReaderBlock } from '@/lib/articles/types';
import type { ReaderMode } from '@/lib/reader/options';
import { ReaderInteractions } from './reader-interactions';
import { ReaderToolbar } from './reader-toolbar';
import { ReadAloud } from './read-aloud';
import { ShareControls } from './share-controls';
import { RemoveArticleButton } from '../editor-forms';
import { passageLabel, type Passage } from '@/lib/sharing/passage';
import { TranslationProgress } from './translation-progress';
import { EnglishCell, GermanCell } from './reader-cells';
import { TranslationBanner } from './translation-banner';
import { VocabularyProvider } from './vocabulary';
import { EditorSessionProvider, ForEditor } from './editor-session';
import { PageDisplay } from './page-display';
import { PREPAINT_SCRIPT } from '@/lib/reader/prepaint.cjs';

function summarize(blocks: ReaderBlock[]) {
  const done = blocks.filter((b) => b.translation.status === 'done');
  const failed = blocks.flatMap((b) => (b.translation.status === 'failed' ? [b.translation] : []));
  const sources = new Set(done.map((b) => (b.translation.status === 'done' ? b.translation.source : null)));
  return { done: done.length, pending: blocks.length - done.length - failed.length, failed, sources };
}

function sourceLabel(sources: Set<string | null>): string | null {
  if (sources.size === 0) return null;
  if (sources.size > 1) return 'bundled demo translation and DeepL';
  return sources.has('bundled') ? 'bundled demo translation (written for Nebeneinander)' : 'translated by DeepL';
}

export interface ReaderViewProps {
  article: ReaderArticle;
  /** An assignment's mode: shown unless the URL names one (?mode=), whatever the learner chose before. */
  pageMode?: ReaderMode | null;
  /** PUBLIC_BASE_URL when the instance sets it; else share links take the browser's own origin. */
  origin: string | null;
  /** A shared passage to scroll to and highlight. */
  passage?: Passage;
  /** A teacher's task, shown above the passage (assignment links). */
  task?: string;
}

/** A chapter's way on: the previous and next chapter, and the book's contents. */
function ChapterNav({ book }: { book: NonNullable<ReaderArticle['book']> }) {
  return (
    <nav className="chapter-nav" aria-label="Chapters">
      {book.previous ? (
        <a href={`/a/${book.previous.slug}`} rel="prev">
          ← <span lang="de">{book.previous.title}</span>
        </a>
      ) : (
        <span />
      )}
      <a href={`/a/${book.slug}`}>Contents</a>
      {book.next ? (
        <a href={`/a/${book.next.slug}`} rel="next">
          <span lang="de">{book.next.title}</span> →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

export function ReaderView({ article, pageMode = null, origin, passage, task }: ReaderViewProps) {
  const { done, pending, failed, sources } = summarize(article.blocks);
  const inPassage = (n: number) => passage !== undefined && n >= passage.from && n <= passage.to;
  const label = sourceLabel(sources);
  // The options and any notice about the English: above the article, or on a shared passage in the
  // passage's own header, so a student who opens the link sees them with the passage.
  const controls = (
    <>
      <ReaderToolbar />
      <div className="needs-english">
        <TranslationBanner slug={article.slug} blocks={article.blocks} />
      </div>
    </>
  );
  return (
    <article className="reader" data-reader data-slug={article.slug} data-focus-row={passage?.from}>
      <PageDisplay pageMode={pageMode} script={pageMode ? PREPAINT_SCRIPT : undefined} />
      <EditorSessionProvider slug={article.slug} failed={failed.length}>
      <header className="reader-head">
        {article.book && (
          <p className="meta book-line">
            <a href={`/a/${article.book.slug}`} lang="de">
              {article.book.title}
            </a>
            <span>Chapter {article.book.n} of {article.book.chapterCount}</span>
          </p>
        )}
        <h1 lang="de">{article.title}</h1>
        {article.source && <p className="meta source">{article.source}</p>}
        <p className="meta needs-english" aria-live="polite">
          {done} of {article.blocks.length} paragraphs translated
          {pending > 0 && ' · translating…'}
        </p>
      </header>
      {!passage && controls}
      <VocabularyProvider slug={article.slug} passage={passage ? { from: passage.from, to: passage.to } : undefined}>
      <div className="columns-head" aria-hidden="true">
        <span />
        <span lang="de">Deutsch</span>
        <span lang="en">
          English {label && <span className="source-label">{label}</span>}
        </span>
      </div>
      {label && <p className="meta source-line">English: {label}</p>}
      {article.blocks.map((block) => (
        <Fragment key={block.n}>
          {passage?.from === block.n && (
            <div id="passage-intro" className="passage-intro" tabIndex={-1}>
              <p className="passage-title" lang="de">
                {article.title}
              </p>
              {task && (
                <section className="task" aria-labelledby="task-title">
                  <h2 id="task-title">Your task · {passageLabel(passage)}</h2>
                  <p className="task-text">{task}</p>
                </section>
              )}
              <p className="passage-bar" role="note">
                Shared passage: {passageLabel(passage)} · <a href={`/a/${article.slug}`}>show the whole article</a>
              </p>
              {controls}
            </div>
          )}
        <section
          id={`p-${block.n}`}
          className={`row kind-${block.kind}${inPassage(block.n) ? ' in-passage' : ''}`}
          data-row={block.n}
          tabIndex={-1}
          aria-label={`Paragraph ${block.n}`}
        >
          <span className="num" aria-hidden="true">
            {block.n}
          </span>
          <GermanCell block={block} />
          {/* Practice mode reveals the English under each German sentence instead; German only hides it. */}
          <EnglishCell block={block} slug={article.slug} />
          {/* Practice mode's printed handout: lines to write the English on. */}
          <div className="write-lines" aria-hidden="true" style={{ ['--lines' as string]: Math.max(2, Math.ceil(block.text.length / 70)) }} />
        </section>
        </Fragment>
      ))}
      </VocabularyProvider>
      <ReaderInteractions translated={done} />
      <ReadAloud />
      {article.book && <ChapterNav book={article.book} />}
      <ShareControls slug={article.slug} title={article.title} origin={origin} />
      {!passage && !article.book && <ForEditor editor={<RemoveArticleButton slug={article.slug} />} />}
      {pending > 0 && <TranslationProgress slug={article.slug} done={done} />}
      </EditorSessionProvider>
    </article>
  );
}
