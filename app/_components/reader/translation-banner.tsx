// The notice above an article whose English is missing: why, what to fix, and "Translate again".
import type { ReaderBlock } from '@/lib/articles/types';
import { getCircuitBreaker } from '@/lib/translation/circuit-breaker';
import { TranslateAgainButton } from './translate-again-button';

const paragraphs = (n: number) => `${n} paragraph${n === 1 ? '' : 's'}`;

export function TranslationBanner({ slug, blocks }: { slug: string; blocks: readonly ReaderBlock[] }) {
  const failed = blocks.flatMap((b) => (b.translation.status === 'failed' ? [b.translation] : []));
  const pending = blocks.filter((b) => b.translation.status === 'pending').length;
  if (failed.length > 0) {
    // One message per reason: they say what to fix (the key, the quota, the daily limit, ...).
    const reasons = [...new Map(failed.map((f) => [f.code, f.error])).values()];
    return (
      <div className="banner" role="alert">
        <p>
          <strong>{paragraphs(failed.length)} not translated.</strong> {reasons.join(' ')}
        </p>
        <TranslateAgainButton slug={slug} />
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
