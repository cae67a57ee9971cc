// The circuit breaker's state machine, on a clock the test moves: when requests go, wait or are refused.
import { describe, expect, it } from 'vitest';
import { CircuitBreaker, Pass, type Ticket } from '@/lib/translation/circuit-breaker';
import { TranslationError, type TranslationErrorCode } from '@/lib/translation/types';
import { manualClock } from '../../support/manual-clock';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const err = (code: TranslationErrorCode, message = `${code} happened`) => new TranslationError(code, message);

function setup(options: ConstructorParameters<typeof CircuitBreaker>[0] = {}) {
  const clock = manualClock();
  const breaker = new CircuitBreaker({ clock, ...options });
  return { clock, breaker };
}

function pass(ticket: Ticket): Pass {
  if (!(ticket instanceof Pass)) throw new Error(`expected a pass, got ${ticket.kind}`);
  return ticket;
}

/** Opens the breaker with one failed request of this code. */
function failOnce(breaker: CircuitBreaker, code: TranslationErrorCode) {
  pass(breaker.acquire()).failed(err(code));
}

describe('closed', () => {
  it('lets every request go, and a success keeps it closed', () => {
    const { breaker } = setup();
    const a = pass(breaker.acquire());
    const b = pass(breaker.acquire());
    expect([a.kind, b.kind]).toEqual(['send', 'send']);
    a.succeeded();
    b.succeeded();
    expect(breaker.status()).toMatchObject({ state: 'closed', failures: 0 });
  });

  it('is not opened by a missing key, a daily limit or an answer DeepL could not translate', () => {
    const { breaker } = setup();
    for (const code of ['no_key', 'daily_limit', 'failed'] as const) failOnce(breaker, code);
    expect(breaker.status().state).toBe('closed');
    expect(pass(breaker.acquire()).kind).toBe('send');
  });

  it('opens after the configured number of transport failures in a row; a success in between starts the count again', () => {
    const { breaker } = setup({ failureThreshold: 3 });
    failOnce(breaker, 'unreachable');
    failOnce(breaker, 'unavailable');
    expect(breaker.status()).toMatchObject({ state: 'closed', failures: 2 });
    pass(breaker.acquire()).succeeded();
    failOnce(breaker, 'unreachable');
    failOnce(breaker, 'unreachable');
    expect(breaker.status().state).toBe('closed');
    failOnce(breaker, 'unreachable');
    expect(breaker.status()).toMatchObject({ state: 'open', reason: 'transport' });
  });
});

describe('transport failures (unreachable, timeouts, 5xx)', () => {
  it('open it at the first failed request: later requests are refused with that error, nothing is sent', () => {
    const { breaker, clock } = setup();
    const error = err('unavailable', 'DeepL answered with a server error (503)');
    pass(breaker.acquire()).failed(error);
    const ticket = breaker.acquire();
    expect(ticket).toEqual({ kind: 'blocked', error });
    expect(breaker.blockingError()).toBe(error);
    expect(breaker.wouldSendNow()).toBe(false);
    expect(breaker.status()).toMatchObject({ state: 'open', reason: 'transport', retryAt: clock.now() + 30 * SECOND });
  });

  it('let one probe through after the cooldown while the others wait for its answer', async () => {
    const { breaker, clock } = setup();
    failOnce(breaker, 'unreachable');
    await clock.advance(29 * SECOND);
    expect(breaker.acquire().kind).toBe('blocked');
    await clock.advance(SECOND);
    expect(breaker.wouldSendNow()).toBe(true);
    const probe = pass(breaker.acquire());
    expect(probe.kind).toBe('probe');
    expect(breaker.status().state).toBe('half_open');
    const waiting = breaker.acquire();
    expect(waiting.kind).toBe('wait');
    let woke = false;
    if (waiting.kind === 'wait') void waiting.settled.then(() => (woke = true));
    probe.succeeded();
    await Promise.resolve();
    expect(woke).toBe(true);
    expect(breaker.status().state).toBe('closed');
    expect(pass(breaker.acquire()).kind).toBe('send');
  });

  it('double the cooldown with each failed probe, up to 10 minutes, and start again at 30 s after a recovery', async () => {
    const { breaker, clock } = setup();
    failOnce(breaker, 'unreachable');
    const pauses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const { retryAt } = breaker.status();
      pauses.push((retryAt as number) - clock.now());
      await clock.advance((retryAt as number) - clock.now());
      pass(breaker.acquire()).failed(err('unreachable'));
    }
    expect(pauses.map((ms) => ms / SECOND)).toEqual([30, 60, 120, 240, 480, 600, 600]);
    await clock.advance(10 * MINUTE);
    pass(breaker.acquire()).succeeded();
    failOnce(breaker, 'unreachable');
    expect((breaker.status().retryAt as number) - clock.now()).toBe(30 * SECOND);
  });

  it('ignore what requests sent before it opened report afterwards: only the probe decides', async () => {
    const { breaker, clock } = setup();
    const early = pass(breaker.acquire());
    const late = pass(breaker.acquire());
    early.failed(err('unreachable'));
    const retryAt = breaker.status().retryAt;
    late.failed(err('unreachable'));
    late.succeeded();
    expect(breaker.status()).toMatchObject({ state: 'open', retryAt });
    await clock.advance(30 * SECOND);
    expect(pass(breaker.acquire()).kind).toBe('probe');
  });

  it('give the probe to the next caller when the probing request was not sent after all', async () => {
    const { breaker, clock } = setup();
    failOnce(breaker, 'unreachable');
    await clock.advance(30 * SECOND);
    pass(breaker.acquire()).cancelled();
    expect(pass(breaker.acquire()).kind).toBe('probe');
  });
});

describe('a rejected key (403)', () => {
  it('stops every request, however long it waits (until the configuration changes)', async () => {
    const { breaker, clock } = setup();
    const error = err('key_rejected', 'DeepL rejected the key.');
    pass(breaker.acquire()).failed(error);
    await clock.advance(24 * 60 * MINUTE);
    expect(breaker.acquire()).toEqual({ kind: 'blocked', error });
    expect(breaker.status()).toMatchObject({ state: 'open', reason: 'key_rejected', retryAt: null });
  });

  it('is forgotten when the configuration changes, and a request sent with the old key then counts for nothing', () => {
    const { breaker } = setup();
    const old = pass(breaker.acquire());
    failOnce(breaker, 'key_rejected');
    breaker.configurationChanged();
    expect(breaker.status().state).toBe('closed');
    old.failed(err('key_rejected'));
    expect(breaker.status().state).toBe('closed');
  });
});

describe('the quota used up (456)', () => {
  const full = { count: 500_000, limit: 500_000 };

  it('pauses with the usage figures, asks the usage endpoint again only every 10 minutes, and resumes when it shows room', async () => {
    const { breaker, clock } = setup();
    pass(breaker.acquire()).failed(err('quota', 'DeepL quota used up: 500,000 of 500,000'), full);
    expect(breaker.status()).toMatchObject({ state: 'open', reason: 'quota', usage: full, checkUsageAt: clock.now() + 10 * MINUTE });
    await clock.advance(9 * MINUTE);
    expect(breaker.acquire().kind).toBe('blocked');
    await clock.advance(MINUTE);

    const check = pass(breaker.acquire());
    expect(check.kind).toBe('check_usage');
    expect(breaker.acquire().kind).toBe('wait');
    expect(check.usageChecked(full, err('quota', 'still used up'))).toBe(false);
    expect(breaker.acquire()).toEqual({ kind: 'blocked', error: err('quota', 'still used up') });
    expect(breaker.status().checkUsageAt).toBe(clock.now() + 10 * MINUTE);

    await clock.advance(10 * MINUTE);
    const again = pass(breaker.acquire());
    expect(again.usageChecked({ count: 0, limit: 500_000 }, null)).toBe(true);
    expect(again.kind).toBe('probe');
    again.succeeded();
    expect(breaker.status().state).toBe('closed');
  });
});

describe('too many requests (429 after deepl-node retried)', () => {
  it('backs off 10 s, doubling while DeepL keeps saying it, and closes on the first success', async () => {
    const { breaker, clock } = setup();
    failOnce(breaker, 'rate_limited');
    expect(breaker.status()).toMatchObject({ state: 'open', reason: 'rate_limited', retryAt: clock.now() + 10 * SECOND });
    await clock.advance(10 * SECOND);
    pass(breaker.acquire()).failed(err('rate_limited'));
    expect((breaker.status().retryAt as number) - clock.now()).toBe(20 * SECOND);
    await clock.advance(20 * SECOND);
    pass(breaker.acquire()).succeeded();
    expect(breaker.status().state).toBe('closed');
  });
});
