// The reader: one row per block, German and English side by side (or as the chosen mode shows them).
import { Fragment } from 'react';
import type { ReaderArticle, ReaderBlock } from '@/lib/articles/types';
import type { ReaderMode, TextSize } from '@/lib/reader/options';
import { TRANSLATION_ERROR_LABELS } from '@/lib/translation/types';
import { ReaderInteractions } from './reader-interactions';
import { ReaderToolbar } from './reader-toolbar';
import { ReadAloud } from './read-aloud';
import { ShareControls } from './share-controls';
import { RemoveArticleButton } from '../editor-forms';
import { passageLabel, type Passage } from '@/lib/sharing/passage';
import { TranslationProgress } from './translation-progress';
import { TranslateAgainButton } from './translate-again-button';
import { TranslationBanner } from './translation-banner';
import { MarkedText, VocabularyProvider } from './vocabulary';

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

function Sentences({ sentences, lang, revealable = false }: { sentences: string[]; lang: 'de' | 'en'; revealable?: boolean }) {
  // In practice mode a German sentence is a toggle for its English: a button, collapsed at first.
  const toggle = revealable ? ({ role: 'button', 'aria-expanded': false } as const) : {};
  return sentences.map((s, i) => (
    <span key={i}>
      {i > 0 && ' '}
      <span className="s" data-s={i} tabIndex={0} lang={lang} {...toggle}>
        {lang === 'de' ? <MarkedText text={s} /> : s}
      </span>
    </span>
  ));
}

function GermanCell({ block, practice }: { block: ReaderBlock; practice: boolean }) {
  const Tag = block.kind === 'heading' ? 'h2' : 'p';
  return (
    <div className={`cell de kind-${block.kind}`} lang="de">
      <Tag>
        <Sentences sentences={block.sentences} lang="de" revealable={practice} />
      </Tag>
      {block.credit && <p className="credit">{block.credit}</p>}
      <p className="row-tools" lang="en">
        <button type="button" className="link-button" data-speak={block.n} aria-label={`Read aloud paragraph ${block.n}`}>
          Read aloud
        </button>
        <button type="button" className="link-button" data-speak={block.n} data-from="" aria-label={`From here: read aloud from paragraph ${block.n} on`}>
          From here
        </button>
        <button type="button" className="link-button" data-link={block.n} aria-label={`Link to paragraph ${block.n}: copy it`}>
          Link
        </button>
        <button type="button" className="link-button extend" data-extend={block.n} aria-label={`Extend link to here: paragraph ${block.n}`}>
          Extend link to here
        </button>
        <button type="button" className="link-button" data-pick={block.n} aria-label={`Save a word from paragraph ${block.n}`}>
          Save a word
        </button>
      </p>
    </div>
  );
}

function EnglishCell({ block, slug, canEdit }: { block: ReaderBlock; slug: string; canEdit: boolean }) {
  const t = block.translation;
  const Tag = block.kind === 'heading' ? 'h2' : 'p';
  if (t.status === 'pending') {
    return (
      <div className="cell en state-pending" lang="en">
        <p className="pending">Translating…</p>
      </div>
    );
  }
  if (t.status === 'failed') {
    return (
      <div className="cell en state-failed" lang="en">
        <p className="failed" title={t.error}>
          Not translated: {TRANSLATION_ERROR_LABELS[t.code] ?? t.error}.
        </p>
        {canEdit && <TranslateAgainButton slug={slug} quiet />}
      </div>
    );
  }
  return (
    <div className={`cell en kind-${block.kind}${t.sentences ? '' : ' whole-block'}`} lang="en" data-source={t.source}>
      <Tag>{t.sentences ? <Sentences sentences={t.sentences.map((s) => s.en)} lang="en" /> : t.text}</Tag>
      {block.credit && (
        <p className="credit" lang="de" aria-label={`Photo credit, untranslated: ${block.credit}`}>
          {block.credit}
        </p>
      )}
    </div>
  );
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
  /** Whether this browser is signed in as an editor (assignments, removing, "Translate again"). */
  canEdit: boolean;
}

export function ReaderView({ article, mode, size, origin, passage, task, canEdit }: ReaderViewProps) {
  const { done, pending, sources } = summarize(article.blocks);
  const inPassage = (n: number) => passage !== undefined && n >= passage.from && n <= passage.to;
  const withEnglish = mode !== 'german';
  const label = sourceLabel(sources);
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
      <ReaderToolbar mode={mode} size={size} />
      {withEnglish && <TranslationBanner slug={article.slug} blocks={article.blocks} canEdit={canEdit} />}
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
              {task && (
                <section className="task" aria-labelledby="task-title">
                  <h2 id="task-title">Your task · {passageLabel(passage)}</h2>
                  <p className="task-text">{task}</p>
                </section>
              )}
              <p className="passage-bar" role="note">
                Shared passage: {passageLabel(passage)} · <a href={`/a/${article.slug}`}>show the whole article</a>
              </p>
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
          <GermanCell block={block} practice={mode === 'practice'} />
          {withEnglish && <EnglishCell block={block} slug={article.slug} canEdit={canEdit} />}
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
