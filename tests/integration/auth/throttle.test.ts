// The sign-in throttle: wrong tries per client, one client's /64 for IPv6, a bound on the clients
// remembered, tries checked while another of the same client's is under way, and one record for every
// app process on the database (a row another process wrote makes this one wait too).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_THROTTLED_CLIENTS, clientKey, resetPasswordThrottleForTests, throttledCheckAsyncOrThrow, throttledCheckOrThrow, throttledClientCount } from '@/lib/auth/throttle';
import { db } from '@/lib/db';

afterEach(async () => {
  await resetPasswordThrottleForTests();
  vi.restoreAllMocks();
});

const wrong = () => false;

/** The try's answer: 'right', 'wrong' or the refusal's status. */
async function attempt(client: string, isRight: () => boolean, now: number): Promise<'right' | 'wrong' | number> {
  try {
    return (await throttledCheckOrThrow(client, isRight, now)) ? 'right' : 'wrong';
  } catch (error) {
    return (error as { status: number }).status;
  }
}

describe('300 wrong guesses from one client', () => {
  it('within 3 s, checks two (at 0 s and once the 2 s wait is over) and refuses the rest with 429 without checking them', async () => {
    const check = vi.fn(wrong);
    const t0 = 1_000_000;
    const answers: Array<'right' | 'wrong' | number> = [];
    for (let i = 0; i < 300; i++) answers.push(await attempt('203.0.113.9', check, t0 + i * 10)); // 300 tries in 3 s
    expect(check).toHaveBeenCalledTimes(2);
    expect(answers.filter((a) => a === 429)).toHaveLength(298);
  });

  it('sent all at once, one is checked and the other 299 are refused: a guesser learns nothing from a burst', async () => {
    const check = vi.fn(wrong);
    const answers = await Promise.all(Array.from({ length: 300 }, () => attempt('203.0.113.8', check, 2_000_000)));
    expect(answers.filter((a) => a === 'wrong')).toHaveLength(1);
    expect(answers.filter((a) => a === 429)).toHaveLength(299);
  });

  it('each wrong try doubles the wait, up to 5 minutes; a day later the client starts over', async () => {
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      await throttledCheckOrThrow('203.0.113.10', wrong, now);
      await throttledCheckOrThrow('203.0.113.10', wrong, now).catch((error: { options: { retryAfterSeconds: number } }) => waits.push(error.options.retryAfterSeconds));
      now += waits.at(-1)! * 1000;
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
    now += 24 * 60 * 60_000;
    await throttledCheckOrThrow('203.0.113.10', wrong, now);
    await expect(throttledCheckOrThrow('203.0.113.10', wrong, now)).rejects.toThrow(/Try again in 2 s/);
  });
});

describe('several app processes on one database', () => {
  it('a client another process made wait is refused here too, the right password included', async () => {
    const t0 = 3_000_000;
    // What another instance behind the load balancer wrote after this client's third wrong try.
    await db.signInThrottle.create({ data: { key: '198.51.100.30', wrong: 3, waitMs: 8_000, retryAt: BigInt(t0 + 8_000), lastWrongAt: BigInt(t0) } });
    expect(await attempt('198.51.100.30', () => true, t0 + 1_000)).toBe(429);
    await expect(throttledCheckOrThrow('198.51.100.30', wrong, t0 + 1_000)).rejects.toThrow(/Try again in 7 s/);
    // Its next wrong try, here, doubles the other process's wait.
    expect(await attempt('198.51.100.30', wrong, t0 + 8_000)).toBe('wrong');
    await expect(throttledCheckOrThrow('198.51.100.30', wrong, t0 + 8_000)).rejects.toThrow(/Try again in 16 s/);
  });
});

describe('clients', () => {
  it('an IPv6 client is its /64, an IPv4-mapped address its IPv4 address', () => {
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe(clientKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee'));
    expect(clientKey('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:3::5')).not.toBe(clientKey('2001:db8:1:2::5'));
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(clientKey('198.51.100.7')).toBe('198.51.100.7');
  });

  it('rotating through a /64 gives an attacker no fresh tries', async () => {
    const check = vi.fn(wrong);
    for (let i = 1; i <= 100; i++) await attempt(`2001:db8:99:1::${i.toString(16)}`, check, 5_000);
    expect(check).toHaveBeenCalledTimes(1);
  });

  it(`remembers at most ${MAX_THROTTLED_CLIENTS.toLocaleString('en')} clients, forgetting those whose last wrong try is oldest`, async () => {
    const t0 = 10_000_000;
    const many = MAX_THROTTLED_CLIENTS + 5_000;
    await db.signInThrottle.createMany({
      data: Array.from({ length: many }, (_, i) => ({ key: `client-${i}`, wrong: 1, waitMs: 2_000, retryAt: BigInt(t0 + i + 2_000), lastWrongAt: BigInt(t0 + i) })),
    });
    // The next wrong try (a minute later) prunes.
    expect(await attempt('client-new', wrong, t0 + many + 60_000)).toBe('wrong');
    expect(await throttledClientCount()).toBe(MAX_THROTTLED_CLIENTS);
    expect(await attempt('client-0', () => true, t0 + many + 60_000)).toBe('right');
    await db.signInThrottle.update({ where: { key: `client-${many - 1}` }, data: { retryAt: BigInt(t0 + many + 70_000) } });
    expect(await attempt(`client-${many - 1}`, () => true, t0 + many + 60_001)).toBe(429);
  });

  it('warns the operator once when many wrong tries come in, and refuses no one for it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (let i = 0; i < 250; i++) await throttledCheckOrThrow(`guesser-${i}`, wrong, 20_000 + i);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/^Editor sign-in: 100 wrong passwords or links in 10 minutes\./);
    expect(await throttledCheckOrThrow('teacher', () => true, 20_300)).toBe(true);
  });
});

describe('a check that waits (a sign-in link)', () => {
  it('refuses the same client’s other tries meanwhile, and counts a wrong one like a wrong password', async () => {
    let finish!: (right: boolean) => void;
    let started!: () => void;
    const checking = new Promise<void>((resolve) => (started = resolve));
    const first = throttledCheckAsyncOrThrow('198.51.100.20', () => {
      started();
      return new Promise<boolean>((resolve) => (finish = resolve));
    }, 30_000);
    await checking;
    await expect(throttledCheckAsyncOrThrow('198.51.100.20', async () => true, 30_000)).rejects.toMatchObject({ status: 429 });
    await expect(throttledCheckOrThrow('198.51.100.20', () => true, 30_000)).rejects.toThrow(/Try again in 1 s/);
    finish(false);
    expect(await first).toBe(false);
    await expect(throttledCheckOrThrow('198.51.100.20', () => true, 30_500)).rejects.toThrow(/Try again in 2 s/);
  });

  it('a check that fails (the database) does not count against the client', async () => {
    await expect(throttledCheckAsyncOrThrow('198.51.100.21', () => Promise.reject(new Error('database is locked')), 40_000)).rejects.toThrow('database is locked');
    expect(await throttledCheckOrThrow('198.51.100.21', () => true, 40_000)).toBe(true);
  });
});
