// One row's cells: the German (sentences, practice glosses, the row's tools) and the English (or why it is missing).
import type { ReactNode } from 'react';
import type { ReaderBlock } from '@/lib/articles/types';
import { translationErrorMessage } from '@/lib/translation/types';
import { FailedCellNotice, FailureReasons } from './failure-notice';
import { MarkedText } from './vocabulary';

/** Practice mode: what a German sentence reveals, right under it (its English, or why there is none). Rendered in
 *  every mode (the HTML is the same for all); CSS shows a revealed gloss only in practice mode. */
function glosses(block: ReaderBlock): { sentences: ReactNode[]; block: string | null; missing: boolean } {
  const t = block.translation;
  if (t.status === 'done') {
    // Without sentence tags DeepL's English is one piece: it follows the whole paragraph.
    return t.sentences ? { sentences: t.sentences.map((s) => s.en), block: null, missing: false } : { sentences: [], block: t.text, missing: false };
  }
  const why =
    t.status === 'pending' ? (
      'The English is still being translated; it appears here in a moment.'
    ) : (
      <FailureReasons blocks={[{ n: block.n, code: t.code }]} learner={translationErrorMessage(t.code, t.error, false)} />
    );
  return { sentences: block.sentences.map(() => why), block: null, missing: true };
}

function GermanSentences({ block, gloss }: { block: ReaderBlock; gloss: ReturnType<typeof glosses> }) {
  // In practice mode a German sentence is a toggle for its gloss (reader-interactions makes it a button then).
  // One sentence per paragraph is a Tab stop (the one focused last); arrow keys reach the others.
  return block.sentences.map((s, i) => {
    const text = gloss.sentences[i];
    return (
      <span key={i}>
        {i > 0 && ' '}
        <span className="s" data-s={i} tabIndex={i === 0 ? 0 : -1} lang="de">
          <MarkedText text={s} n={block.n} s={i} />
        </span>
        {text != null && (
          <span id={`g-${block.n}-${i}`} className={`gloss${gloss.missing ? ' missing' : ''}`} data-s={i} lang="en">
            {text}
          </span>
        )}
      </span>
    );
  });
}

export function GermanCell({ block }: { block: ReaderBlock }) {
  const Tag = block.kind === 'heading' ? 'h2' : 'p';
  const gloss = glosses(block);
  return (
    <div className={`cell de kind-${block.kind}`} lang="de">
      <Tag>
        <GermanSentences block={block} gloss={gloss} />
      </Tag>
      {gloss.block != null && (
        <p id={`g-${block.n}`} className="gloss gloss-block" lang="en">
          {gloss.block}
        </p>
      )}
      {block.credit && <p className="credit">{block.credit}</p>}
      <p className="row-tools" lang="en">
        <button type="button" tabIndex={-1} className="link-button" data-speak={block.n} aria-label={`Read aloud paragraph ${block.n}`}>
          Read aloud
        </button>
        <button
          type="button"
          tabIndex={-1}
          className="link-button"
          data-speak={block.n}
          data-from=""
          aria-label={`From here: read aloud from paragraph ${block.n} on`}
        >
          From here
        </button>
        <button type="button" tabIndex={-1} className="link-button" data-link={block.n} aria-label={`Link to paragraph ${block.n}: copy it`}>
          Link
        </button>
        <button type="button" tabIndex={-1} className="link-button extend" data-extend={block.n} aria-label={`Extend link to here: paragraph ${block.n}`}>
          Extend link to here
        </button>
        <button type="button" tabIndex={-1} className="link-button" data-pick={block.n} aria-label={`Save a word from paragraph ${block.n}`}>
          Save a word
        </button>
        <button type="button" tabIndex={-1} className="link-button" data-known-rest={block.n} aria-label={`Mark the rest known: the new words of paragraph ${block.n}`}>
          Mark the rest known
        </button>
      </p>
    </div>
  );
}

function EnglishSentences({ sentences }: { sentences: string[] }) {
  return sentences.map((s, i) => (
    <span key={i}>
      {i > 0 && ' '}
      <span className="s" data-s={i} lang="en">
        {s}
      </span>
    </span>
  ));
}

export function EnglishCell({ block, slug }: { block: ReaderBlock; slug: string }) {
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
    // A learner reads what it means for them (and gets no button that cannot help); an editor, after load, what to fix.
    return (
      <div className="cell en state-failed" lang="en">
        <FailedCellNotice n={block.n} code={t.code} slug={slug} learner={translationErrorMessage(t.code, t.error, false)} />
      </div>
    );
  }
  return (
    <div className={`cell en kind-${block.kind}${t.sentences ? '' : ' whole-block'}`} lang="en" data-source={t.source}>
      <Tag>{t.sentences ? <EnglishSentences sentences={t.sentences.map((s) => s.en)} /> : t.text}</Tag>
      {block.credit && (
        <p className="credit" lang="de" aria-label={`Photo credit, untranslated: ${block.credit}`}>
          {block.credit}
        </p>
      )}
    </div>
  );
}
