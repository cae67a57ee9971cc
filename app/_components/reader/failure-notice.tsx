'use client';
// What the reader says about a block DeepL did not translate: the learner's wording in the HTML (what it
// means for them), and for an editor, once editor-session.tsx knows, what to fix and "Translate again".
import { TRANSLATION_ERROR_LABELS, type TranslationErrorCode } from '@/lib/translation/types';
import { useEditorSession } from './editor-session';
import { TranslateAgainButton } from './translate-again-button';

/** The English cell of a failed block: why, in a few words for an editor (the tooltip says how to fix it). */
export function FailedCellNotice({ n, code, slug, learner }: { n: number; code: TranslationErrorCode; slug: string; learner: string }) {
  const { editor, failures } = useEditorSession();
  if (!editor) return <p className="failed">{learner}</p>;
  return (
    <>
      <p className="failed" title={failures.get(n)}>
        Not translated: {TRANSLATION_ERROR_LABELS[code] ?? failures.get(n)}.
      </p>
      <TranslateAgainButton slug={slug} quiet />
    </>
  );
}

/** Why these blocks have no English: one operator message per reason for an editor, else the learner's wording. */
export function FailureReasons({ blocks, learner }: { blocks: ReadonlyArray<{ n: number; code: TranslationErrorCode }>; learner: string }) {
  const { editor, failures } = useEditorSession();
  const byCode = new Map(editor ? blocks.flatMap(({ n, code }) => (failures.has(n) ? [[code, failures.get(n)]] : [])) : []);
  return byCode.size > 0 ? [...byCode.values()].join(' ') : learner;
}
