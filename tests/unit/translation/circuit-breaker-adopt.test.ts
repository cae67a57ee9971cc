// The circuit breaker taking over what another app process learnt (adopt(), fed by shared-breaker.ts), on a
// clock the test moves: it refuses without sending, probes only a grace after the writer would have, and
// closes when the writer's probe succeeded. What it reports through onChange is what the others adopt.
import { describe, expect, it } from 'vitest';
import { CircuitBreaker, Pass, type BreakerChange, type SharedOpen, type Ticket } from '@/lib/translation/circuit-breaker';
import { TranslationError } from '@/lib/translation/types';
import { manualClock } from '../../support/manual-clock';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const GRACE = 6 * SECOND;
const down = new TranslationError('unavailable', 'DeepL answered with a server error (503); the app tries again after a pause.');

function setup() {
  const clock = manualClock();
  const changes: BreakerChange[] = [];
  const breaker = new CircuitBreaker({ clock, onChange: (change) => changes.push(change) });
  return { clock, breaker, changes };
}

function pass(ticket: Ticket): Pass {
  if (!(ticket instanceof Pass)) throw new Error(`expected a pass, got ${ticket.kind}`);
  return ticket;
}

let versions = 0;
/** A row another process wrote: DeepL down since `now`, one probe at now + 30 s. */
function theirs(now: number, overrides: Partial<SharedOpen> = {}): SharedOpen {
  return {
    reason: 'transport',
    error: down,
    since: now,
    pauseMs: 30 * SECOND,
    retryAt: now + 30 * SECOND,
    checkUsageAt: Infinity,
    usage: null,
    writer: 'process-a',
    writerAlive: true,
    version: `v${++versions}`,
    ...overrides,
  };
}

describe('a closed breaker and another process’s open one', () => {
  it('refuses requests with the writer’s error at once, without sending, and says it learnt it elsewhere', () => {
    const { breaker, clock, changes } = setup();
    expect(breaker.adopt(theirs(clock.now()), GRACE)).toBe(true);
    expect(breaker.acquire()).toEqual({ kind: 'blocked', error: down });
    expect(breaker.wouldSendNow()).toBe(false);
    expect(breaker.status()).toMatchObject({ state: 'open', reason: 'transport', retryAt: clock.now() + 30 * SECOND + GRACE, adopted: true });
    expect(changes).toEqual([]); // adopting is not news for the others
  });

  it('does not take over a row whose writer stopped beating: a restarted app gets one fresh try', () => {
    const { breaker, clock } = setup();
    expect(breaker.adopt(theirs(clock.now(), { writerAlive: false }), GRACE)).toBe(false);
    expect(pass(breaker.acquire()).kind).toBe('send');
    expect(breaker.status().state).toBe('closed');
  });
});

describe('one probe per cooldown across processes', () => {
  it('waits a grace past the writer’s retryAt, then probes itself when the writer did not update the row (it died)', async () => {
    const { breaker, clock, changes } = setup();
    breaker.adopt(theirs(clock.now()), GRACE);
    await clock.advance(30 * SECOND); // the writer's moment to probe
    expect(breaker.acquire().kind).toBe('blocked');
    await clock.advance(GRACE - 1);
    expect(breaker.acquire().kind).toBe('blocked');
    await clock.advance(1);
    const probe = pass(breaker.acquire());
    expect(probe.kind).toBe('probe');
    expect(changes.map((c) => c.kind)).toEqual(['probing']); // the others now hold back for this probe
    probe.failed(down);
    // This process writes the row now; its pause doubled from the writer's.
    expect(changes.at(-1)).toMatchObject({ kind: 'open', state: { pauseMs: 60 * SECOND, retryAt: clock.now() + 60 * SECOND } });
    expect(breaker.status()).toMatchObject({ adopted: false, retryAt: clock.now() + 60 * SECOND });
  });

  it('follows the writer’s row when its probe failed: the new retryAt plus the grace, never the old one', async () => {
    const { breaker, clock } = setup();
    const first = theirs(clock.now());
    breaker.adopt(first, GRACE);
    await clock.advance(30 * SECOND);
    // The writer probed, failed, and wrote the doubled pause.
    const second = theirs(first.since, { pauseMs: 60 * SECOND, retryAt: clock.now() + 60 * SECOND });
    expect(breaker.adopt(second, GRACE)).toBe(true);
    await clock.advance(GRACE);
    expect(breaker.acquire().kind).toBe('blocked');
    expect(breaker.status().retryAt).toBe(clock.now() + 60 * SECOND);
  });

  it('does not take a row it adopted once again after its own probe failed (it knows more now)', async () => {
    const { breaker, clock } = setup();
    const row = theirs(clock.now());
    breaker.adopt(row, GRACE);
    await clock.advance(30 * SECOND + GRACE);
    pass(breaker.acquire()).failed(down);
    const own = breaker.status().retryAt;
    expect(breaker.adopt(row, GRACE)).toBe(false);
    expect(breaker.status().retryAt).toBe(own);
    expect(breaker.acquire().kind).toBe('blocked');
  });

  it('closes when the row is gone (the writer’s probe succeeded), and requests go again', () => {
    const { breaker, clock } = setup();
    breaker.adopt(theirs(clock.now()), GRACE);
    expect(breaker.adopt(null, GRACE)).toBe(true);
    expect(breaker.status()).toMatchObject({ state: 'closed', adopted: false });
    expect(pass(breaker.acquire()).kind).toBe('send');
  });

  it('a process’s own open breaker closes too when another process’s probe succeeded', () => {
    const { breaker } = setup();
    pass(breaker.acquire()).failed(down);
    expect(breaker.adopt(null, GRACE)).toBe(true);
    expect(pass(breaker.acquire()).kind).toBe('send');
  });
});

describe('the quota used up in another process', () => {
  it('shows its figures and asks the usage endpoint only a grace after the writer would have', async () => {
    const { breaker, clock } = setup();
    const usage = { count: 500_000, limit: 500_000 };
    const quota = new TranslationError('quota', 'DeepL quota used up: 500,000 of 500,000 characters this period.');
    breaker.adopt(
      theirs(clock.now(), { reason: 'quota', error: quota, pauseMs: 0, retryAt: Infinity, checkUsageAt: clock.now() + 10 * MINUTE, usage }),
      GRACE,
    );
    expect(breaker.status()).toMatchObject({ reason: 'quota', usage, retryAt: null, checkUsageAt: clock.now() + 10 * MINUTE + GRACE });
    await clock.advance(10 * MINUTE);
    expect(breaker.acquire()).toEqual({ kind: 'blocked', error: quota });
    await clock.advance(GRACE);
    expect(pass(breaker.acquire()).kind).toBe('check_usage');
  });

  it('a rejected key elsewhere stops requests here, however long it waits', async () => {
    const { breaker, clock } = setup();
    const rejected = new TranslationError('key_rejected', 'DeepL rejected the key.');
    breaker.adopt(theirs(clock.now(), { reason: 'key_rejected', error: rejected, pauseMs: 0, retryAt: Infinity }), GRACE);
    await clock.advance(24 * 60 * MINUTE);
    expect(breaker.acquire()).toEqual({ kind: 'blocked', error: rejected });
  });
});

describe('what the breaker reports for the others', () => {
  it('opening, the probe going out and the probe’s success; a success while closed says DeepL answered, nothing more', async () => {
    const { breaker, clock, changes } = setup();
    pass(breaker.acquire()).succeeded();
    expect(changes).toEqual([{ kind: 'closed', wasOpen: false }]);
    pass(breaker.acquire()).failed(down);
    expect(changes.at(-1)).toMatchObject({ kind: 'open', state: { reason: 'transport', error: down, retryAt: clock.now() + 30 * SECOND } });
    await clock.advance(30 * SECOND);
    const probe = pass(breaker.acquire());
    expect(changes.at(-1)).toMatchObject({ kind: 'probing', probe: 'probe' });
    probe.succeeded();
    expect(changes.at(-1)).toEqual({ kind: 'closed', wasOpen: true });
  });
});
