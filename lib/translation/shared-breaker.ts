// The DeepL circuit breaker shared by the app processes on one database (several instances behind a load
// balancer): what one process's breaker learns from DeepL it writes to its configuration's DeepLBreaker
// row, and every process reads that row every 250 ms and takes it over (circuit-breaker.ts adopt()). So
// when DeepL is down, one failed request holds back every instance, and one probe per cooldown goes:
// the writer's, at retryAt; the others wait a grace longer and probe only if the writer did not update
// the row by then (it died, or has no traffic). Writes never make a translation wait or fail.
import { createHash } from 'node:crypto';
import { PAGE_CHANGE_POLL_MS } from '../cache/page-changes';
import { db } from '../db';
import { getEnvOrThrow } from '../env';
import type { DeepLBreaker } from '../generated/prisma/client';
import { getCircuitBreaker, onProcessBreakerChange, type BreakerChange, type CircuitBreaker, type OpenReason, type SharedOpen } from './circuit-breaker';
import { claimLeaseMs, processAlive, processId } from './claims';
import { TRANSLATION_ERROR_MESSAGES, TranslationError, type TranslationErrorCode } from './types';

/**
 * How much later than the writer another process probes: more than the poll and the heartbeat's
 * "alive" window (5 s), so a writer that probed in time has updated the row before anyone else tries.
 */
export const ADOPT_GRACE_MS = 6_000;

const REASONS: ReadonlySet<string> = new Set<OpenReason>(['transport', 'rate_limited', 'key_rejected', 'quota']);

/** The row's name for the DeepL configuration (server URL and key): a hash, so the key is never stored. */
export function breakerFingerprint(): string {
  const env = getEnvOrThrow();
  return createHash('sha256').update(`deepl-breaker\n${env.DEEPL_SERVER_URL ?? ''}\n${env.DEEPL_AUTH_KEY ?? ''}`).digest('hex');
}

type Row = Omit<DeepLBreaker, 'fingerprint'>;
const orNull = (ms: number) => (Number.isFinite(ms) ? BigInt(Math.round(ms)) : null);
const orInfinity = (ms: bigint | null) => (ms === null ? Infinity : Number(ms));

interface ShareOptions {
  /** The breaker this share speaks for (the process's, or in tests one of several). */
  breaker: () => CircuitBreaker;
  processId: () => string;
  graceMs?: number;
  /** How long a probe may take before the others try their own: a request with deepl-node's retries. */
  probeLeaseMs?: () => number;
}

export class BreakerShare {
  private writes: Promise<void> = Promise.resolve();
  private pending = 0;
  /** Bumped by every write: a read begun before one may not show it. */
  private writeCount = 0;
  /** False after a write failed: the row may lack what this process knows, so its absence says nothing. */
  private confirmed = true;
  /** The last read found a row (another process's, maybe dead): a success here deletes it. */
  private sawRow = false;

  constructor(private readonly options: ShareOptions) {}

  private get graceMs(): number {
    return this.options.graceMs ?? ADOPT_GRACE_MS;
  }

  /** Writes what the breaker learnt, in order, without anyone waiting for it; a failure is logged. */
  publish(change: BreakerChange): void {
    if (change.kind === 'closed' && !change.wasOpen && !this.sawRow) return; // the usual success: nothing to write
    let fingerprint: string;
    let row: Row | null;
    try {
      fingerprint = breakerFingerprint();
      row = change.kind === 'closed' ? null : this.row(change);
    } catch (error) {
      // Called from inside the breaker, on a translation's path: nothing here may fail it.
      console.error('Sharing the DeepL circuit breaker with the other app processes failed:', error);
      return;
    }
    if (!row) this.sawRow = false;
    this.writeCount++;
    this.pending++;
    this.writes = this.writes.then(async () => {
      try {
        if (row) await db.deepLBreaker.upsert({ where: { fingerprint }, create: { fingerprint, ...row }, update: row });
        else await db.deepLBreaker.deleteMany({ where: { fingerprint } });
        this.confirmed = true;
      } catch (error) {
        this.confirmed = false;
        console.error('Sharing the DeepL circuit breaker with the other app processes failed:', error);
      } finally {
        this.pending--;
      }
    });
  }

  /** Resolves when the writes published so far have landed (or failed). */
  written(): Promise<void> {
    return this.writes;
  }

  /** Reads this configuration's row and lets the breaker take it over; true when the breaker changed. */
  async poll(now = Date.now()): Promise<boolean> {
    const before = this.writeCount;
    // A write of this process's own under way, or landed during the read, may be what the row lacks.
    const stale = () => this.pending > 0 || before !== this.writeCount;
    const row = await db.deepLBreaker.findUnique({ where: { fingerprint: breakerFingerprint() } });
    if (stale()) return false;
    this.sawRow = row !== null;
    const breaker = this.options.breaker();
    if (!row) return this.confirmed && breaker.adopt(null, this.graceMs);
    if (row.writer === this.options.processId()) return false;
    const shared = toShared(row, await processAlive(row.writer, now));
    if (!shared || stale()) return false;
    return breaker.adopt(shared, this.graceMs);
  }

  private row(change: Exclude<BreakerChange, { kind: 'closed' }>): Row {
    const { reason, error, since, pauseMs, usage } = change.state;
    let { retryAt, checkUsageAt } = change.state;
    if (change.kind === 'probing') {
      // The others hold back while the probe is out: until it answers and this row says what came of it.
      const until = this.options.breaker().clock.now() + (this.options.probeLeaseMs ?? claimLeaseMs)();
      if (change.probe === 'probe') retryAt = until;
      else checkUsageAt = until;
    }
    return {
      reason,
      code: error.code,
      message: error.message,
      since: BigInt(since),
      pauseMs,
      retryAt: orNull(retryAt),
      checkUsageAt: orNull(checkUsageAt),
      usageCount: usage ? BigInt(usage.count) : null,
      usageLimit: usage ? BigInt(usage.limit) : null,
      writer: this.options.processId(),
      writtenAt: BigInt(Date.now()),
    };
  }
}

/** The row as the breaker adopts it; null for a row this version cannot read (a reason or code it does not know). */
function toShared(row: DeepLBreaker, writerAlive: boolean): SharedOpen | null {
  if (!REASONS.has(row.reason) || !Object.hasOwn(TRANSLATION_ERROR_MESSAGES, row.code)) return null;
  return {
    reason: row.reason as OpenReason,
    error: new TranslationError(row.code as TranslationErrorCode, row.message),
    since: Number(row.since),
    pauseMs: row.pauseMs,
    retryAt: orInfinity(row.retryAt),
    checkUsageAt: orInfinity(row.checkUsageAt),
    usage: row.usageCount !== null && row.usageLimit !== null ? { count: Number(row.usageCount), limit: Number(row.usageLimit) } : null,
    writer: row.writer,
    writerAlive,
    version: JSON.stringify(row, (_, value: unknown) => (typeof value === 'bigint' ? String(value) : value)),
  };
}

interface Follower {
  share: BreakerShare;
  timer: ReturnType<typeof setTimeout> | null;
}

const STATE = Symbol.for('nebeneinander.shared-breaker');

/** The process's share of its breaker: from now on, what the breaker learns is written for the others. */
export function processBreakerShare(): BreakerShare {
  const global = globalThis as unknown as Record<symbol, Follower | undefined>;
  const state = (global[STATE] ??= { share: new BreakerShare({ breaker: getCircuitBreaker, processId }), timer: null });
  onProcessBreakerChange((change) => state.share.publish(change));
  return state.share;
}

/** Starts sharing the breaker with the other processes, once per process (instrumentation.ts, at server start). */
export function followSharedBreaker(): void {
  const share = processBreakerShare();
  const state = (globalThis as unknown as Record<symbol, Follower>)[STATE];
  if (state.timer) return;
  const poll = () => {
    share
      .poll()
      .catch((error: unknown) => console.error('Reading the shared DeepL circuit breaker failed:', error))
      .finally(() => {
        state.timer = setTimeout(poll, PAGE_CHANGE_POLL_MS);
        state.timer.unref();
      });
  };
  state.timer = setTimeout(poll, PAGE_CHANGE_POLL_MS);
  state.timer.unref();
}
