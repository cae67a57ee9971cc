// /status: translation at a glance for whoever runs this copy: DeepL usage, today's billed
// characters, the circuit breaker, the cache. Never shows the key; answers within ~2 s when DeepL hangs.
import type { Metadata } from 'next';
import { getTranslationStatus, utcTime } from '@/lib/translation/status';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Status', robots: { index: false } };

const n = (x: number) => x.toLocaleString('en-US');
const percent = (part: number, whole: number) => `${(Math.round((part / whole) * 1000) / 10).toLocaleString('en-US')} %`;

export default async function StatusPage() {
  const { asOf, usage, today, breaker, cache, lookups } = await getTranslationStatus();
  return (
    <div className="status-page">
      <h1>Status</h1>
      <p className="lede">{`Translation at a glance, as of ${utcTime(asOf.getTime())}.`}</p>

      <section aria-labelledby="status-deepl">
        <h2 id="status-deepl">DeepL</h2>
        <dl className="status-list">
          <dt>Usage this billing period</dt>
          <dd>
            {usage.ok
              ? `${n(usage.usage.count)} of ${n(usage.usage.limit)} characters (${percent(usage.usage.count, Math.max(usage.usage.limit, 1))})`
              : usage.reason}
          </dd>
          <dt>Requests (circuit breaker)</dt>
          <dd data-breaker={breaker.state}>{breaker.words}</dd>
        </dl>
      </section>

      <section aria-labelledby="status-today">
        <h2 id="status-today">Today (UTC)</h2>
        <dl className="status-list">
          <dt>Characters billed by DeepL</dt>
          <dd>
            {today.limit === null
              ? `${n(today.billed)}. No daily limit: TRANSLATION_DAILY_CHAR_LIMIT is not set.`
              : `${n(today.billed)} of ${n(today.limit)} (TRANSLATION_DAILY_CHAR_LIMIT); the count starts again at ${utcTime(today.resumesAt.getTime())}.`}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="status-cache">
        <h2 id="status-cache">Translation cache</h2>
        <dl className="status-list">
          <dt>Size</dt>
          <dd>{`${n(cache.rows)} translation${cache.rows === 1 ? '' : 's'}, ${n(cache.chars)} characters of English`}</dd>
          <dt>Hit rate</dt>
          <dd>
            {lookups.requested === 0
              ? 'No paragraphs or selections asked for yet.'
              : `${n(lookups.hits)} of ${n(lookups.requested)} paragraphs and selections asked for came from the cache (${percent(lookups.hits, lookups.requested)}).`}{' '}
            <span className="hint">{`Counted in memory since the server started (${utcTime(lookups.since.getTime())}); a restart starts again.`}</span>
          </dd>
        </dl>
      </section>
    </div>
  );
}
