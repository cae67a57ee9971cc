// The side-by-side reader: one row per block, German left, English right, numbered.
import type { ReaderArticle, ReaderBlock } from '@/lib/articles/types';
import { TRANSLATION_ERROR_LABELS } from '@/lib/translation/types';
import { SentenceLinker } from './sentence-linker';
import { TranslationProgress } from './translation-progress';
import { TranslateAgainButton } from './translate-again-button';

function summarize(blocks: ReaderBlock[]) {
  const done = blocks.filter((b) => b.translation.status === 'done');
  const failed = blocks.flatMap((b) => (b.translation.status === 'failed' ? [b.translation] : []));
  const sources = new Set(done.map((b) => (b.translation.status === 'done' ? b.translation.source : null)));
  return { done: done.length, pending: blocks.length - done.length - failed.length, failed, sources };
}

function SourceLabel({ sources }: { sources: Set<string | null> }) {
  if (sources.size === 0) return null;
  const label =
    sources.size > 1
      ? 'bundled demo translation and DeepL'
      : sources.has('bundled')
        ? 'bundled demo translation (written for Nebeneinander)'
        : 'translated by DeepL';
  return <span className="source-label">{label}</span>;
}

function Sentences({ sentences, lang }: { sentences: string[]; lang: 'de' | 'en' }) {
  return sentences.map((s, i) => (
    <span key={i}>
      {i > 0 && ' '}
      <span className="s" data-s={i} tabIndex={0} lang={lang}>
        {s}
      </span>
    </span>
  ));
}

function GermanCell({ block }: { block: ReaderBlock }) {
  const Tag = block.kind === 'heading' ? 'h2' : 'p';
  return (
    <div className={`cell de kind-${block.kind}`} lang="de">
      <Tag>
        <Sentences sentences={block.sentences} lang="de" />
      </Tag>
      {block.credit && <p className="credit">{block.credit}</p>}
    </div>
  );
}

function EnglishCell({ block, slug }: { block: ReaderBlock; slug: string }) {
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
        <TranslateAgainButton slug={slug} quiet />
      </div>
    );
  }
  return (
    <div className={`cell en kind-${block.kind}`} lang="en" data-source={t.source}>
      <Tag>{t.sentences ? <Sentences sentences={t.sentences.map((s) => s.en)} lang="en" /> : t.text}</Tag>
      {block.credit && (
        <p className="credit" lang="de" aria-label={`Photo credit, untranslated: ${block.credit}`}>
          {block.credit}
        </p>
      )}
    </div>
  );
}

export function ReaderView({ article }: { article: ReaderArticle }) {
  const { done, pending, failed, sources } = summarize(article.blocks);
  return (
    <article className="reader" data-reader>
      <header className="reader-head">
        <h1 lang="de">{article.title}</h1>
        {article.source && <p className="meta">{article.source}</p>}
        <p className="meta" aria-live="polite">
          {done} of {article.blocks.length} paragraphs translated
          {pending > 0 && ' · translating…'}
        </p>
      </header>
      {failed.length > 0 && (
        <div className="banner" role="alert">
          <p>
            <strong>
              {failed.length} paragraph{failed.length === 1 ? '' : 's'} not translated.
            </strong>{' '}
            {failed[0].error}
          </p>
          <TranslateAgainButton slug={article.slug} />
        </div>
      )}
      <div className="columns-head" aria-hidden="true">
        <span />
        <span lang="de">Deutsch</span>
        <span lang="en">
          English <SourceLabel sources={sources} />
        </span>
      </div>
      {article.blocks.map((block) => (
        <section key={block.n} id={`p-${block.n}`} className={`row kind-${block.kind}`} data-row={block.n} aria-label={`Paragraph ${block.n}`}>
          <span className="num" aria-hidden="true">
            {block.n}
          </span>
          <GermanCell block={block} />
          <EnglishCell block={block} slug={article.slug} />
        </section>
      ))}
      <SentenceLinker />
      {pending > 0 && <TranslationProgress slug={article.slug} done={done} />}
    </article>
  );
}
