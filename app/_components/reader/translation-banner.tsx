// The notice above an article whose English is missing: why, what to fix, and "Translate again" for
// editors; a learner is told that translation resumes by itself, and when.
import type { ReaderBlock } from '@/lib/articles/types';
import { getCircuitBreaker } from '@/lib/translation/circuit-breaker';
import { nextTryWords } from '@/lib/translation/status';
import { TranslateAgainButton } from './translate-again-button';

const paragraphs = (n: number) => `${n} paragraph${n === 1 ? '' : 's'}`;

/** What a reader who cannot press "Translate again" may expect. */
function learnerHint(codes: readonly string[], nextTry: string | null): string {
  if (codes.every((c) => c === 'no_key' || c === 'key_rejected')) return 'Whoever runs this app has to fix this first.';
  return `The app tries again by itself${nextTry ? `: ${nextTry.charAt(0).toLowerCase()}${nextTry.slice(1)}` : '.'} Reload the page to see the English.`;
}

export function TranslationBanner({ slug, blocks, canEdit }: { slug: string; blocks: readonly ReaderBlock[]; canEdit: boolean }) {
  const failed = blocks.flatMap((b) => (b.translation.status === 'failed' ? [b.translation] : []));
  const pending = blocks.filter((b) => b.translation.status === 'pending').length;
  const breaker = getCircuitBreaker();
  if (failed.length > 0) {
    // One message per reason: they say what to fix (the key, the quota, the daily limit, ...).
    const reasons = [...new Map(failed.map((f) => [f.code, f.error])).values()];
    return (
      <div className="banner" role="alert">
        <p>
          <strong>{paragraphs(failed.length)} not translated.</strong> {reasons.join(' ')}
        </p>
        {canEdit ? <TranslateAgainButton slug={slug} /> : <p className="meta">{learnerHint(failed.map((f) => f.code), nextTryWords(breaker.status(), breaker.clock.now()))}</p>}
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
