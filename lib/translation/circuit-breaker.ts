// Owns the circuit breaker in front of DeepL: whether the next request may go now, and if not, why.
// One state machine per process (on globalThis), so a dead DeepL costs one request per cooldown instead
// of one per page view. It is synchronous; lib/translation/gate.ts drives it around each request. Several
// processes on one database agree through lib/translation/shared-breaker.ts: what this breaker learns it
// reports through onChange, and what another process learnt it takes over with adopt().
import { TranslationError, type DeepLUsage } from './types';

export interface BreakerClock {
  now(): number;
  /** Runs `task` after `ms`. The system clock's timers do not keep the process alive. */
  setTimeout(task: () => unknown, ms: number): void;
}

export const systemClock: BreakerClock = {
  now: () => Date.now(),
  setTimeout: (task, ms) => {
    setTimeout(task, ms).unref();
  },
};

export interface BreakerOptions {
  clock?: BreakerClock;
  /** Failed requests in a row that open the breaker (each already retried once by deepl-node). */
  failureThreshold?: number;
  /** The first pause after DeepL stops answering; it doubles with each failed probe, up to maxCooldownMs. */
  cooldownMs?: number;
  maxCooldownMs?: number;
  /** The first pause after a 429 that outlasted deepl-node's retries; doubles up to maxRateLimitMs. */
  rateLimitMs?: number;
  maxRateLimitMs?: number;
  /** While the quota is used up, DeepL's usage endpoint is asked again at most this often. */
  usageCheckMs?: number;
  /** Told of what this breaker learnt from DeepL (not of what it adopted): for the other processes. */
  onChange?: (change: BreakerChange) => void;
}

const DEFAULTS: Required<Omit<BreakerOptions, 'clock' | 'onChange'>> = {
  failureThreshold: 1,
  cooldownMs: 30_000,
  maxCooldownMs: 10 * 60_000,
  rateLimitMs: 10_000,
  maxRateLimitMs: 5 * 60_000,
  usageCheckMs: 10 * 60_000,
};

/** Why requests are held back: DeepL does not answer, says slow down, rejects the key, or the quota is used up. */
export type OpenReason = 'transport' | 'rate_limited' | 'key_rejected' | 'quota';

/** What an open breaker is, as one process tells the others. */
export interface OpenSnapshot {
  reason: OpenReason;
  error: TranslationError;
  since: number;
  /** The pause that led to retryAt (doubles on a failed probe). */
  pauseMs: number;
  /** When one probe may go; Infinity for a rejected key (until the configuration changes) and the quota (until the usage shows room). */
  retryAt: number;
  /** Quota only: when the usage endpoint may be asked again. */
  checkUsageAt: number;
  usage: DeepLUsage | null;
}

/**
 * What this breaker learnt from DeepL: it opened (or a failed probe doubled the pause, or the usage
 * check brought new figures), a probe or usage check started (the others hold back until it answers),
 * or DeepL answered.
 */
export type BreakerChange =
  | { kind: 'open'; state: OpenSnapshot }
  | { kind: 'probing'; state: OpenSnapshot; probe: 'probe' | 'check_usage' }
  /** DeepL answered: a probe closed the breaker (wasOpen), or a request went through while closed. */
  | { kind: 'closed'; wasOpen: boolean };

/** An open breaker another process wrote, as shared-breaker.ts reads it. */
export interface SharedOpen extends OpenSnapshot {
  /** The process that wrote it, and whether it still beats (AppProcess). */
  writer: string;
  writerAlive: boolean;
  /** Tells one write from the next (the row's writtenAt and content). */
  version: string;
}

interface OpenState extends OpenSnapshot {
  kind: 'open';
  /** Adopted from another process (its writer); null when this process learnt it. */
  adopted: { writer: string } | null;
}

type State = { kind: 'closed'; failures: number } | OpenState;

export interface BreakerStatus {
  state: 'closed' | 'open' | 'half_open';
  reason: OpenReason | null;
  /** The error requests are refused with while open. */
  error: TranslationError | null;
  since: number | null;
  /** When the next probe may go (null: closed, or not before the configuration changes or the usage shows room). */
  retryAt: number | null;
  checkUsageAt: number | null;
  usage: DeepLUsage | null;
  /** Failed requests in a row while closed. */
  failures: number;
  /** True when the open state was learnt by another app process on the database and taken over here. */
  adopted: boolean;
}

/** What acquire() says about the next request. */
export type Ticket =
  | { kind: 'blocked'; error: TranslationError }
  | { kind: 'wait'; settled: Promise<void> }
  | Pass;

const TRANSPORT_CODES = new Set(['unreachable', 'unavailable']);

/** Permission to send one request (or, while the quota is used up, to ask for the usage first). */
export class Pass {
  constructor(
    private readonly breaker: CircuitBreaker,
    public kind: 'send' | 'probe' | 'check_usage',
    readonly generation: number,
  ) {}

  succeeded(): void {
    this.breaker.settle(this, null);
  }

  /** `usage`: for a quota error, what the usage endpoint said (null when it did not answer). */
  failed(error: TranslationError, usage: DeepLUsage | null = null): void {
    this.breaker.settle(this, error, usage);
  }

  /** Nothing came of it that says anything about DeepL (an unexpected error): a probe goes to the next caller. */
  cancelled(): void {
    this.breaker.settle(this, undefined);
  }

  /** For check_usage: true when DeepL shows room again and this pass may now send, as the probe. */
  usageChecked(usage: DeepLUsage | null, error: TranslationError | null): boolean {
    return this.breaker.usageChecked(this, usage, error);
  }
}

export class CircuitBreaker {
  readonly clock: BreakerClock;
  private readonly options: Required<Omit<BreakerOptions, 'clock' | 'onChange'>>;
  private readonly onChange: (change: BreakerChange) => void;
  private state: State = { kind: 'closed', failures: 0 };
  /** Set while one probe decides the state; the others wait for it. */
  private probe: { pass: Pass; settled: Promise<void>; wake: () => void } | null = null;
  /** Bumped when the configuration changes: passes handed out before no longer count. */
  private generation = 0;
  /** The last shared row adopted. */
  private adoptedVersion: string | null = null;

  constructor({ clock = systemClock, onChange = () => {}, ...options }: BreakerOptions = {}) {
    this.clock = clock;
    this.onChange = onChange;
    this.options = { ...DEFAULTS, ...options };
  }

  acquire(): Ticket {
    if (this.probe) return { kind: 'wait', settled: this.probe.settled };
    const s = this.state;
    if (s.kind === 'closed') return new Pass(this, 'send', this.generation);
    const now = this.clock.now();
    if (now >= s.retryAt) return this.startProbe('probe');
    if (s.reason === 'quota' && now >= s.checkUsageAt) return this.startProbe('check_usage');
    return { kind: 'blocked', error: s.error };
  }

  /** The error a request would be refused with right now (null: it would go, or wait for a probe). */
  blockingError(): TranslationError | null {
    return this.probe ? null : this.refusal();
  }

  /** True when a request made now would be sent (or be the probe), not refused or made to wait. */
  wouldSendNow(): boolean {
    return !this.probe && this.refusal() === null;
  }

  /** A new key or server: what was learnt about the old one no longer applies. */
  configurationChanged(): void {
    this.generation++;
    this.state = { kind: 'closed', failures: 0 };
    this.endProbe(this.probe?.pass);
  }

  status(): BreakerStatus {
    const s = this.state;
    if (s.kind === 'closed') {
      return { state: 'closed', reason: null, error: null, since: null, retryAt: null, checkUsageAt: null, usage: null, failures: s.failures, adopted: false };
    }
    return {
      state: this.probe ? 'half_open' : 'open',
      reason: s.reason,
      error: s.error,
      since: s.since,
      retryAt: Number.isFinite(s.retryAt) ? s.retryAt : null,
      checkUsageAt: s.reason === 'quota' ? s.checkUsageAt : null,
      usage: s.usage,
      failures: 0,
      adopted: s.adopted !== null,
    };
  }

  /**
   * Takes over what another process wrote (null: no process holds DeepL back, e.g. another's probe
   * succeeded). A closed breaker adopts only a row whose writer still beats, so a restarted app gets one
   * fresh try. Adopted times are put off by `graceMs`: the writer probes (or asks for the usage) at
   * retryAt and updates the row, and this process probes only if the writer did not (it died, or has no
   * traffic). Returns true when the state changed.
   */
  adopt(shared: SharedOpen | null, graceMs: number): boolean {
    const s = this.state;
    if (shared === null) {
      if (s.kind === 'closed') return false;
      this.state = { kind: 'closed', failures: 0 };
      return true;
    }
    if (s.kind === 'closed' && !shared.writerAlive) return false;
    // A row taken over once is not taken again: since then this breaker may have learnt more (its own probe failed).
    if (shared.version === this.adoptedVersion) return false;
    this.adoptedVersion = shared.version;
    const { reason, error, since, pauseMs, retryAt, checkUsageAt, usage, writer } = shared;
    this.state = {
      kind: 'open',
      reason,
      error,
      since,
      pauseMs,
      retryAt: retryAt + graceMs,
      checkUsageAt: checkUsageAt + graceMs,
      usage,
      adopted: { writer },
    };
    return true;
  }

  /** @internal Pass.succeeded/failed/cancelled: `error` null for success, undefined for nothing sent. */
  settle(pass: Pass, error: TranslationError | null | undefined, usage: DeepLUsage | null = null): void {
    const isProbe = pass.kind !== 'send';
    if (pass.generation === this.generation) this.apply(isProbe, error, usage);
    this.endProbe(pass);
  }

  /** @internal */
  usageChecked(pass: Pass, usage: DeepLUsage | null, error: TranslationError | null): boolean {
    const s = this.state;
    if (pass.generation !== this.generation || s.kind !== 'open' || s.reason !== 'quota') {
      this.endProbe(pass);
      return false;
    }
    const now = this.clock.now();
    if (usage && usage.count < usage.limit) {
      pass.kind = 'probe';
      this.state = { ...s, usage, retryAt: now };
      return true;
    }
    const next: OpenState = { ...s, usage: usage ?? s.usage, error: error ?? s.error, checkUsageAt: now + this.options.usageCheckMs, adopted: null };
    this.state = next;
    this.onChange({ kind: 'open', state: snapshot(next) });
    this.endProbe(pass);
    return false;
  }

  private apply(isProbe: boolean, error: TranslationError | null | undefined, usage: DeepLUsage | null): void {
    if (error === undefined || error?.code === 'no_key' || error?.code === 'daily_limit') return; // nothing was sent
    const s = this.state;
    // While open, only the probe's answer counts: requests sent before it opened say nothing new.
    if (s.kind === 'open' && !isProbe) return;
    // Any answer from DeepL (even one we could not use) shows that it is there.
    if (error === null || error.code === 'failed') {
      this.state = { kind: 'closed', failures: 0 };
      this.onChange({ kind: 'closed', wasOpen: s.kind === 'open' });
      return;
    }
    const now = this.clock.now();
    const previous = s.kind === 'open' ? s : null;
    const open = (reason: OpenReason, pauseMs: number, retryAt: number, checkUsageAt = Infinity): void => {
      const state: OpenSnapshot = { reason, error, since: previous?.since ?? now, pauseMs, retryAt, checkUsageAt, usage };
      this.state = { kind: 'open', ...state, adopted: null };
      this.onChange({ kind: 'open', state });
    };
    const doubled = (reason: OpenReason, first: number, max: number) =>
      previous?.reason === reason ? Math.min(previous.pauseMs * 2, max) : first;
    if (error.code === 'key_rejected') return open('key_rejected', 0, Infinity);
    if (error.code === 'quota') return open('quota', 0, Infinity, now + this.options.usageCheckMs);
    if (error.code === 'rate_limited') {
      const pause = doubled('rate_limited', this.options.rateLimitMs, this.options.maxRateLimitMs);
      return open('rate_limited', pause, now + pause);
    }
    if (TRANSPORT_CODES.has(error.code)) {
      const failures = s.kind === 'closed' ? s.failures + 1 : this.options.failureThreshold;
      if (failures < this.options.failureThreshold) {
        this.state = { kind: 'closed', failures };
        return;
      }
      const pause = doubled('transport', this.options.cooldownMs, this.options.maxCooldownMs);
      open('transport', pause, now + pause);
    }
  }

  private refusal(): TranslationError | null {
    const s = this.state;
    if (s.kind === 'closed') return null;
    const now = this.clock.now();
    if (now >= s.retryAt || (s.reason === 'quota' && now >= s.checkUsageAt)) return null;
    return s.error;
  }

  private startProbe(kind: 'probe' | 'check_usage'): Pass {
    let wake!: () => void;
    const settled = new Promise<void>((resolve) => (wake = resolve));
    const pass = new Pass(this, kind, this.generation);
    this.probe = { pass, settled, wake };
    if (this.state.kind === 'open') this.onChange({ kind: 'probing', state: snapshot(this.state), probe: kind });
    return pass;
  }

  /** Ends the probe `pass` holds (if it still holds it) and lets the waiting requests ask again. */
  private endProbe(pass: Pass | undefined): void {
    if (!this.probe || this.probe.pass !== pass) return;
    const { wake } = this.probe;
    this.probe = null;
    wake();
  }
}

function snapshot({ reason, error, since, pauseMs, retryAt, checkUsageAt, usage }: OpenState): OpenSnapshot {
  return { reason, error, since, pauseMs, retryAt, checkUsageAt, usage };
}

const globalForBreaker = globalThis as unknown as { deeplBreaker?: CircuitBreaker; deeplBreakerListener?: (change: BreakerChange) => void };
const tellListener = (change: BreakerChange) => globalForBreaker.deeplBreakerListener?.(change);

/** The process's breaker. */
export function getCircuitBreaker(): CircuitBreaker {
  return (globalForBreaker.deeplBreaker ??= new CircuitBreaker({ onChange: tellListener }));
}

/** Where the process's breaker (this one and any that replaces it) reports what it learns (shared-breaker.ts). */
export function onProcessBreakerChange(listener: (change: BreakerChange) => void): void {
  globalForBreaker.deeplBreakerListener = listener;
}

/** Tests: starts over with a fresh breaker (a clock they drive, short pauses). */
export function replaceCircuitBreaker(options: BreakerOptions = {}): CircuitBreaker {
  globalForBreaker.deeplBreaker = new CircuitBreaker({ onChange: tellListener, ...options });
  return globalForBreaker.deeplBreaker;
}
