// The notice above an article whose English is missing: why, and "Translate again". An editor is told
// what to fix; a learner what it means for them (the operator's fix is on /status and in the log).
import type { ReaderBlock } from '@/lib/articles/types';
import { getCircuitBreaker } from '@/lib/translation/circuit-breaker';
import { translationErrorMessage } from '@/lib/translation/types';
import { TranslateAgainButton } from './translate-again-button';

const paragraphs = (n: number) => `${n} paragraph${n === 1 ? '' : 's'}`;

export function TranslationBanner({ slug, blocks, editor }: { slug: string; blocks: readonly ReaderBlock[]; editor: boolean }) {
  const failed = blocks.flatMap((b) => (b.translation.status === 'failed' ? [b.translation] : []));
  const pending = blocks.filter((b) => b.translation.status === 'pending').length;
  if (failed.length > 0) {
    // One message per reason: they say what to fix (the key, the quota, the daily limit, ...).
    const reasons = [...new Map(failed.map((f) => [f.code, translationErrorMessage(f.code, f.error, editor)])).values()];
    // "Translate again" cannot help a learner when no key is set at all.
    const retry = editor || failed.some((f) => f.code !== 'no_key');
    return (
      <div className="banner" role="alert">
        <p>
          <strong>{paragraphs(failed.length)} not translated.</strong> {reasons.join(' ')}
        </p>
        {retry && <TranslateAgainButton slug={slug} />}
      </div>
    );
  }
  const breaker = getCircuitBreaker();
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
