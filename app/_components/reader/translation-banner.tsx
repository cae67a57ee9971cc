// The notice above an article whose English is missing: why, and "Translate again" for editors, who are
// told what to fix; a learner reads what it means for them and that translation resumes by itself, and when
// (the operator's fix is on /status and in the log). The HTML is the learner's; an editor's wording and button
// replace it once the page knows it is an editor's (editor-session.tsx).
import type { ReaderBlock } from '@/lib/articles/types';
import { getCircuitBreaker } from '@/lib/translation/circuit-breaker';
import { nextTryWords } from '@/lib/translation/status';
import { TRANSLATION_ERROR_LEARNER_MESSAGES } from '@/lib/translation/types';
import { ForEditor } from './editor-session';
import { FailureReasons } from './failure-notice';
import { TranslateAgainButton } from './translate-again-button';

const paragraphs = (n: number) => `${n} paragraph${n === 1 ? '' : 's'}`;

/** What a reader who cannot press "Translate again" may expect (nothing more to say when the key is missing or
 *  refused: the reason already says the teacher has been told). */
function learnerHint(codes: readonly string[], nextTry: string | null): string | null {
  if (codes.every((c) => c === 'no_key' || c === 'key_rejected')) return null;
  return `The app tries again by itself${nextTry ? `: ${nextTry.charAt(0).toLowerCase()}${nextTry.slice(1)}` : '.'} Reload the page to see the English.`;
}

export function TranslationBanner({ slug, blocks }: { slug: string; blocks: readonly ReaderBlock[] }) {
  // Block numbers and codes only: the operator's messages never go into the page (an editor's browser fetches them).
  const failed = blocks.flatMap((b) => (b.translation.status === 'failed' ? [{ n: b.n, code: b.translation.code }] : []));
  const pending = blocks.filter((b) => b.translation.status === 'pending').length;
  const breaker = getCircuitBreaker();
  if (failed.length > 0) {
    // One message per reason: they say what to fix (the key, the quota, the daily limit, ...).
    const learner = [...new Set(failed.map((f) => TRANSLATION_ERROR_LEARNER_MESSAGES[f.code]))].join(' ');
    const hint = learnerHint(failed.map((f) => f.code), nextTryWords(breaker.status(), breaker.clock.now()));
    return (
      <div className="banner" role="alert">
        <p>
          <strong>{paragraphs(failed.length)} not translated.</strong> <FailureReasons blocks={failed} learner={learner} />
        </p>
        <ForEditor editor={<TranslateAgainButton slug={slug} />} learner={hint && <p className="meta">{hint}</p>} />
      </div>
    );
  }
  const { reason, retryAt } = breaker.status();
  if (pending > 0 && reason === 'rate_limited' && retryAt !== null) {
    const seconds = Math.max(1, Math.ceil((retryAt - breaker.clock.now()) / 1000));
    return (
      <div className="banner" role="status">
        <p>
          <strong>DeepL is busy (too many requests).</strong> {paragraphs(pending)} wait and are sent again automatically in about{' '}
          {seconds} s.
        </p>
      </div>
    );
  }
  return null;
}
