// The sign-in throttle: wrong tries per client, one client's /64 for IPv6, a memory bound, and tries
// that are checked while another of the same client's is under way.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_THROTTLED_CLIENTS, clientKey, resetPasswordThrottleForTests, throttledCheckAsyncOrThrow, throttledCheckOrThrow, throttledClientCount } from '@/lib/auth/throttle';

afterEach(() => {
  resetPasswordThrottleForTests();
  vi.restoreAllMocks();
});

const wrong = () => false;

describe('300 wrong guesses from one client', () => {
  it('within 3 s, checks two (at 0 s and once the 2 s wait is over) and refuses the rest with 429 without checking them', () => {
    const check = vi.fn(wrong);
    const t0 = 1_000_000;
    const answers = Array.from({ length: 300 }, (_, i) => {
      try {
        throttledCheckOrThrow('203.0.113.9', check, t0 + i * 10); // 300 tries in 3 s
        return 'right';
      } catch (error) {
        return (error as { status: number }).status;
      }
    });
    expect(check).toHaveBeenCalledTimes(2);
    expect(answers.filter((a) => a === 429)).toHaveLength(298);
  });

  it('each wrong try doubles the wait, up to 5 minutes; a day later the client starts over', () => {
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      throttledCheckOrThrow('203.0.113.10', wrong, now);
      try {
        throttledCheckOrThrow('203.0.113.10', wrong, now);
      } catch (error) {
        waits.push((error as { options: { retryAfterSeconds: number } }).options.retryAfterSeconds);
      }
      now += waits.at(-1)! * 1000;
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
    now += 24 * 60 * 60_000;
    throttledCheckOrThrow('203.0.113.10', wrong, now);
    expect(() => throttledCheckOrThrow('203.0.113.10', wrong, now)).toThrow(/Try again in 2 s/);
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

  it('rotating through a /64 gives an attacker no fresh tries', () => {
    const check = vi.fn(wrong);
    for (let i = 1; i <= 100; i++) {
      try {
        throttledCheckOrThrow(`2001:db8:99:1::${i.toString(16)}`, check, 5_000);
      } catch {
        // refused while the /64 waits
      }
    }
    expect(check).toHaveBeenCalledTimes(1);
  });

  it(`remembers at most ${MAX_THROTTLED_CLIENTS.toLocaleString('en')} clients, forgetting the one whose last wrong try is oldest`, () => {
    for (let i = 0; i < MAX_THROTTLED_CLIENTS + 5_000; i++) throttledCheckOrThrow(`client-${i}`, wrong, 10_000);
    expect(throttledClientCount()).toBe(MAX_THROTTLED_CLIENTS);
    expect(() => throttledCheckOrThrow(`client-${MAX_THROTTLED_CLIENTS + 4_999}`, wrong, 10_001)).toThrow(/Too many wrong passwords/);
    expect(throttledCheckOrThrow('client-0', () => true, 10_001)).toBe(true);
  });

  it('warns the operator once when many wrong tries come in, and refuses no one for it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (let i = 0; i < 250; i++) throttledCheckOrThrow(`guesser-${i}`, wrong, 20_000 + i);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/^Editor sign-in: 100 wrong passwords or links in 10 minutes\./);
    expect(throttledCheckOrThrow('teacher', () => true, 20_300)).toBe(true);
  });
});

describe('a check that waits (a sign-in link)', () => {
  it('refuses the same client’s other tries meanwhile, and counts a wrong one like a wrong password', async () => {
    let finish!: (right: boolean) => void;
    const first = throttledCheckAsyncOrThrow('198.51.100.20', () => new Promise<boolean>((resolve) => (finish = resolve)), 30_000);
    await expect(throttledCheckAsyncOrThrow('198.51.100.20', async () => true, 30_000)).rejects.toMatchObject({ status: 429 });
    expect(() => throttledCheckOrThrow('198.51.100.20', () => true, 30_000)).toThrow(/Try again in 1 s/);
    finish(false);
    expect(await first).toBe(false);
    expect(() => throttledCheckOrThrow('198.51.100.20', () => true, 30_500)).toThrow(/Try again in 2 s/);
  });

  it('a check that fails (the database) does not count against the client', async () => {
    await expect(throttledCheckAsyncOrThrow('198.51.100.21', () => Promise.reject(new Error('database is locked')), 40_000)).rejects.toThrow('database is locked');
    expect(throttledCheckOrThrow('198.51.100.21', () => true, 40_000)).toBe(true);
  });
});
