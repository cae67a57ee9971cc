// The reader: one row per block, German and English side by side (or as the chosen mode shows them).
import { Fragment } from 'react';
import type { ReaderArticle, ReaderBlock } from '@/lib/articles/types';
import type { ReaderMode, TextSize } from '@/lib/reader/options';
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
  mode: ReaderMode;
  size: TextSize;
  /** Public origin for the links the page hands out. */
  origin: string;
  /** A shared passage to scroll to and highlight. */
  passage?: Passage;
  /** A teacher's task, shown above the passage (assignment links). */
  task?: string;
  /** Whether this browser is signed in as an editor: may create assignments and remove the article, press
   *  "Translate again", and is told what to fix when DeepL fails. */
  canEdit: boolean;
}

export function ReaderView({ article, mode, size, origin, passage, task, canEdit }: ReaderViewProps) {
  const { done, pending, sources } = summarize(article.blocks);
  const inPassage = (n: number) => passage !== undefined && n >= passage.from && n <= passage.to;
  const withEnglish = mode !== 'german';
  const label = sourceLabel(sources);
  // The options and any notice about the English: above the article, or on a shared passage in the
  // passage's own header, so a student who opens the link sees them with the passage.
  const controls = (
    <>
      <ReaderToolbar mode={mode} size={size} />
      {withEnglish && <TranslationBanner slug={article.slug} blocks={article.blocks} canEdit={canEdit} />}
    </>
  );
  return (
    <article className="reader" data-reader data-mode={mode} data-slug={article.slug} data-focus-row={passage?.from}>
      <header className="reader-head">
        <h1 lang="de">{article.title}</h1>
        {article.source && <p className="meta source">{article.source}</p>}
        {withEnglish && (
          <p className="meta" aria-live="polite">
            {done} of {article.blocks.length} paragraphs translated
            {pending > 0 && ' · translating…'}
          </p>
        )}
      </header>
      {!passage && controls}
      <VocabularyProvider slug={article.slug} practice={mode === 'practice'}>
      {mode === 'side' && (
        <div className="columns-head" aria-hidden="true">
          <span />
          <span lang="de">Deutsch</span>
          <span lang="en">
            English {label && <span className="source-label">{label}</span>}
          </span>
        </div>
      )}
      {mode !== 'side' && withEnglish && label && <p className="meta source-line">English: {label}</p>}
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
          <GermanCell block={block} practice={mode === 'practice'} canEdit={canEdit} />
          {/* Practice mode reveals the English under each German sentence; the cell stays only to say why it is missing. */}
          {withEnglish && (mode !== 'practice' || block.translation.status !== 'done') && (
            <EnglishCell block={block} slug={article.slug} canEdit={canEdit} />
          )}
          {mode === 'practice' && (
            <div className="write-lines" aria-hidden="true" style={{ ['--lines' as string]: Math.max(2, Math.ceil(block.text.length / 70)) }} />
          )}
        </section>
        </Fragment>
      ))}
      </VocabularyProvider>
      <ReaderInteractions />
      <ReadAloud />
      <ShareControls slug={article.slug} title={article.title} origin={origin} canEdit={canEdit} />
      {canEdit && !passage && <RemoveArticleButton slug={article.slug} />}
      {withEnglish && pending > 0 && <TranslationProgress slug={article.slug} done={done} />}
    </article>
  );
}
