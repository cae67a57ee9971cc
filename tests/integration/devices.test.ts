// "Use on another device" against a real database: one-time codes (single use, 10 minutes on a clock the
// test moves, stored only hashed, one winner of two racing redeems, wrong tries throttled per client) and
// device cookies (a revoked device is a new learner; a copy of the plain cookie dies when the learner links).
import { describe, expect, it } from 'vitest';
import { throttledCheckOrThrow } from '@/lib/auth/throttle';
import { db } from '@/lib/db';
import { DEVICE_CODE_MINUTES, INVALID_CODE, createDeviceCode, redeemDeviceCodeOrThrow } from '@/lib/devices/codes';
import { addDeviceOrThrow, linkFirstDevice, listDevices, revokeDeviceOrThrow } from '@/lib/devices/devices';
import { deviceLabel } from '@/lib/devices/label';
import { DEVICE_SEEN_EVERY_MS, deviceCookieValue, ensureLearnerRow, learnerIdFromCookie, newLearner } from '@/lib/vocabulary/learner';
import { manualClock } from '../support/manual-clock';

const MINUTE = 60_000;
const CHROME_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
let clients = 0;
/** A client address no other test uses: the throttle counts per client. */
const newClient = () => `198.51.100.${++clients}`;

/** A learner who saved something (has a row), with the plain cookie every browser had before devices. */
async function savedLearner() {
  const learner = await newLearner();
  await ensureLearnerRow(learner.id);
  return learner;
}

/** A learner's first browser, upgraded as POST /api/devices/code does; its device cookie. */
async function firstDevice(learnerId: string, now?: number) {
  const deviceId = await linkFirstDevice(learnerId, CHROME_LINUX, now);
  return { deviceId, cookie: await deviceCookieValue(learnerId, deviceId) };
}

describe('one-time device codes', () => {
  it('are two groups of five unambiguous characters, and the database keeps only a hash of them', async () => {
    const { id } = await savedLearner();
    const { code, expiresAt } = await createDeviceCode(id);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan((DEVICE_CODE_MINUTES - 1) * MINUTE);
    const rows = await db.deviceCode.findMany({ where: { learnerId: id } });
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows).toUpperCase();
    expect(stored).not.toContain(code.replace('-', ''));
    expect(stored).not.toContain(code);
    expect(rows[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sign in as the learner who made them, once: the second use gets the answer an unknown code gets', async () => {
    const { id } = await savedLearner();
    const { code } = await createDeviceCode(id);
    expect(await redeemDeviceCodeOrThrow(code, newClient())).toBe(id);
    await expect(redeemDeviceCodeOrThrow(code, newClient())).rejects.toMatchObject({ status: 400, message: INVALID_CODE });
    await expect(redeemDeviceCodeOrThrow('ZZZZZ-ZZZZZ', newClient())).rejects.toMatchObject({ status: 400, message: INVALID_CODE });
  });

  it(`expire after ${DEVICE_CODE_MINUTES} minutes, with the same answer as a used code`, async () => {
    const clock = manualClock();
    const { id } = await savedLearner();
    const late = (await createDeviceCode(id, clock.now())).code;
    const other = await savedLearner();
    const inTime = (await createDeviceCode(other.id, clock.now())).code;
    await clock.advance(DEVICE_CODE_MINUTES * MINUTE - 1);
    expect(await redeemDeviceCodeOrThrow(inTime, newClient(), clock.now())).toBe(other.id);
    await clock.advance(1);
    await expect(redeemDeviceCodeOrThrow(late, newClient(), clock.now())).rejects.toMatchObject({ status: 400, message: INVALID_CODE });
  });

  it('forgive case, spaces, dashes and O for 0 or I and L for 1; refuse what cannot be a code without a look-up', async () => {
    const { id } = await savedLearner();
    const { code } = await createDeviceCode(id);
    const typed = ` ${code.toLowerCase().replace('-', ' ').replace(/0/g, 'o').replace(/1/g, 'l')} `;
    expect(await redeemDeviceCodeOrThrow(typed, newClient())).toBe(id);
    const client = newClient();
    for (const junk of ['', '12345', 'UUUUU-UUUUU', 'x'.repeat(10_000), `${code}0`]) {
      await expect(redeemDeviceCodeOrThrow(junk, client)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/^A code is 10 letters and digits/) });
    }
  });

  it('redeemed by two browsers at the same moment sign in exactly one of them', async () => {
    for (let round = 0; round < 5; round++) {
      const { id } = await savedLearner();
      const { code } = await createDeviceCode(id);
      const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => redeemDeviceCodeOrThrow(code, newClient())));
      expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value)).toEqual([id]);
      expect(outcomes.filter((o) => o.status === 'rejected').map((o) => o.reason.message)).toEqual([INVALID_CODE, INVALID_CODE, INVALID_CODE]);
    }
  });

  it('a new code replaces the learner’s last one', async () => {
    const { id } = await savedLearner();
    const first = (await createDeviceCode(id)).code;
    const second = (await createDeviceCode(id)).code;
    await expect(redeemDeviceCodeOrThrow(first, newClient())).rejects.toMatchObject({ message: INVALID_CODE });
    expect(await redeemDeviceCodeOrThrow(second, newClient())).toBe(id);
  });

  it('make a client that tried a wrong code wait before its next try, even with the right code; other clients and editors do not wait', async () => {
    const clock = manualClock();
    const { id } = await savedLearner();
    const { code } = await createDeviceCode(id, clock.now());
    const guesser = newClient();
    await expect(redeemDeviceCodeOrThrow('ABCDE-FGHJK', guesser, clock.now())).rejects.toMatchObject({ status: 400, message: INVALID_CODE });
    await expect(redeemDeviceCodeOrThrow(code, guesser, clock.now() + 1_000)).rejects.toMatchObject({
      status: 429,
      message: 'Too many wrong codes. Try again in 1 s.',
      options: { retryAfterSeconds: 1 },
    });
    // Each wrong try doubles the wait: 2 s, then 4 s.
    await clock.advance(2_000);
    await expect(redeemDeviceCodeOrThrow('ABCDE-FGHJM', guesser, clock.now())).rejects.toMatchObject({ status: 400 });
    await expect(redeemDeviceCodeOrThrow(code, guesser, clock.now() + 3_999)).rejects.toMatchObject({ status: 429 });
    expect(await throttledCheckOrThrow(guesser, () => true, clock.now())).toBe(true); // the editor password's count is its own
    expect(await redeemDeviceCodeOrThrow(code, guesser, clock.now() + 4_000)).toBe(id);
  });

  it('while a client waits, its guesses are not even looked at: a right guess then is refused too', async () => {
    const { id } = await savedLearner();
    const t0 = Date.now();
    const { code } = await createDeviceCode(id, t0);
    const guesser = newClient();
    await expect(redeemDeviceCodeOrThrow('ABCDE-FGHJK', guesser, t0)).rejects.toMatchObject({ status: 400 });
    const burst = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => redeemDeviceCodeOrThrow(i === 49 ? code : `ABCDE-${String(10_000 + i)}`, guesser, t0 + 500)));
    expect(burst.every((o) => o.status === 'rejected' && o.reason.status === 429)).toBe(true);
    expect(await db.deviceCode.count({ where: { learnerId: id } })).toBe(1); // still unused
  });
});

describe('device cookies', () => {
  it('a learner who never linked a device keeps their plain cookie, with or without a saved row', async () => {
    const fresh = await newLearner();
    expect(await learnerIdFromCookie(fresh.cookie)).toBe(fresh.id);
    const saved = await savedLearner();
    expect(await learnerIdFromCookie(saved.cookie)).toBe(saved.id);
  });

  it('linking makes the first browser a device: its new cookie works, any copy of the plain one no longer does', async () => {
    const { id, cookie: plain } = await savedLearner();
    const first = await firstDevice(id);
    expect(await learnerIdFromCookie(first.cookie)).toBe(id);
    expect(await learnerIdFromCookie(plain)).toBeNull();
  });

  it('a revoked device’s cookie is a new learner’s from its next request; the other devices go on', async () => {
    const { id } = await savedLearner();
    const first = await firstDevice(id);
    const { code } = await createDeviceCode(id);
    const learnerId = await redeemDeviceCodeOrThrow(code, newClient());
    const second = await deviceCookieValue(learnerId, await addDeviceOrThrow(learnerId, SAFARI_IPHONE));
    expect(await learnerIdFromCookie(second)).toBe(id);
    const devices = await listDevices(id, first.deviceId);
    expect(devices.map((d) => [d.label, d.current])).toEqual([
      ['Chrome on Linux', true],
      ['Safari on iPhone', false],
    ]);
    await revokeDeviceOrThrow(id, devices[1].id);
    expect(await learnerIdFromCookie(second)).toBeNull();
    expect(await learnerIdFromCookie(first.cookie)).toBe(id);
    await expect(revokeDeviceOrThrow(id, devices[1].id)).rejects.toMatchObject({ status: 404 });
  });

  it('cannot be forged or moved: another device id, another learner, a cut signature', async () => {
    const alice = await savedLearner();
    const bob = await savedLearner();
    const aliceDevice = await firstDevice(alice.id);
    const bobDevice = await firstDevice(bob.id);
    const [, , aliceSignature] = aliceDevice.cookie.split('.');
    expect(await learnerIdFromCookie(`${alice.id}.${bobDevice.deviceId}.${aliceSignature}`)).toBeNull();
    expect(await learnerIdFromCookie(`${bob.id}.${aliceDevice.deviceId}.${aliceSignature}`)).toBeNull();
    expect(await learnerIdFromCookie(`${alice.id}.${aliceDevice.deviceId}.${aliceSignature.slice(0, -2)}AA`)).toBeNull();
    // Signed for the pair, but the device is Bob's: the row must belong to the learner in the cookie.
    expect(await learnerIdFromCookie(await deviceCookieValue(alice.id, bobDevice.deviceId))).toBeNull();
  });

  it('another learner’s device is "not found" and stays signed in', async () => {
    const alice = await savedLearner();
    const bob = await savedLearner();
    const aliceDevice = await firstDevice(alice.id);
    await expect(revokeDeviceOrThrow(bob.id, aliceDevice.deviceId)).rejects.toMatchObject({ status: 404 });
    expect(await listDevices(bob.id, null)).toEqual([]);
    expect(await learnerIdFromCookie(aliceDevice.cookie)).toBe(alice.id);
  });

  it('last seen is written at most once an hour', async () => {
    const clock = manualClock();
    const { id } = await savedLearner();
    const first = await firstDevice(id, clock.now());
    const seen = async () => (await db.learnerDevice.findUniqueOrThrow({ where: { id: first.deviceId } })).lastSeenAt.getTime();
    await clock.advance(DEVICE_SEEN_EVERY_MS - 1);
    await learnerIdFromCookie(first.cookie, clock.now());
    expect(await seen()).toBe(clock.now() - DEVICE_SEEN_EVERY_MS + 1);
    await clock.advance(1);
    await learnerIdFromCookie(first.cookie, clock.now());
    expect(await seen()).toBe(clock.now());
  });

  it('are labelled by browser and system, never with the whole User-Agent', () => {
    expect(deviceLabel(CHROME_LINUX)).toBe('Chrome on Linux');
    expect(deviceLabel(SAFARI_IPHONE)).toBe('Safari on iPhone');
    expect(deviceLabel('Mozilla/5.0 (Android 14; Mobile; rv:126.0) Gecko/126.0 Firefox/126.0')).toBe('Firefox on Android');
    expect(deviceLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0')).toBe('Edge on Windows');
    expect(deviceLabel(null)).toBe('A browser');
    expect(deviceLabel(`curl/8.0 ${'x'.repeat(100_000)}`)).toBe('A browser');
  });
});
