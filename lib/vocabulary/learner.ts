// Anonymous learners: a random id in a signed httpOnly cookie. The row is created on the first save;
// a cookie that is missing, malformed or not signed by this instance means a new learner. A learner who
// uses several devices (lib/devices/) has a device id in each browser's cookie, checked against its
// LearnerDevice row on every request (one look-up by key), so a revoked device's cookie is worthless.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { db } from '../db';
import { forgetInstanceSecretsForTests, instanceSecret } from '../instance-secret';

export const LEARNER_COOKIE = 'nb-learner';
/** Chrome caps cookie lifetimes at 400 days; a learner who reads at least once a year keeps their notes. */
export const LEARNER_COOKIE_SECONDS = 400 * 24 * 60 * 60;

const ID = /^[A-Za-z0-9_-]{22}$/;
export const LEARNER_SECRET_NAME = 'learner-cookie';

/** The instance's signing secret: made once, kept in the database so restarts keep everyone's notes. */
const secret = () => instanceSecret(LEARNER_SECRET_NAME);

/** A device's last-seen time is written at most this often (it is shown to the hour). */
export const DEVICE_SEEN_EVERY_MS = 60 * 60_000;

function sign(id: string, key: Buffer, device: string | null = null): string {
  return createHmac('sha256', key).update(device === null ? `learner\u0000${id}` : `learner\u0000${id}\u0000device\u0000${device}`).digest('base64url');
}

/** The cookie value for a learner id under a given secret (the benchmark builds learners directly). */
export function learnerCookieValue(id: string, key: Buffer): string {
  return `${id}.${sign(id, key)}`;
}

/** The cookie value of one of the learner's devices: `learner.device.signature`. */
export async function deviceCookieValue(id: string, device: string): Promise<string> {
  return `${id}.${device}.${sign(id, await secret(), device)}`;
}

/** Who a cookie signed here says the browser is: a learner, and the device when it has one. */
export interface LearnerCredential {
  learnerId: string;
  deviceId: string | null;
}

/** The learner and device a cookie value names if this instance signed it (nothing looked up yet). */
async function signedCredential(value: string | undefined): Promise<LearnerCredential | null> {
  const parts = (value ?? '').split('.');
  if (parts.length !== 2 && parts.length !== 3) return null;
  const [id, device, signature] = parts.length === 3 ? parts : [parts[0], null, parts[1]];
  if (!ID.test(id) || (device !== null && !ID.test(device))) return null;
  const expected = Buffer.from(sign(id, await secret(), device));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { learnerId: id, deviceId: device } : null;
}

/**
 * Whether a signed credential still holds: a device cookie while its device row exists (not revoked),
 * a plain cookie while the learner has never linked a device (from then on each browser has a device
 * cookie, so a plain one is a copy that would survive revocation). One look-up by primary key.
 */
async function isLive({ learnerId, deviceId }: LearnerCredential, now: number): Promise<boolean> {
  if (deviceId === null) {
    const row = await db.learner.findUnique({ where: { id: learnerId }, select: { linkedAt: true } });
    return !row?.linkedAt;
  }
  const device = await db.learnerDevice.findUnique({ where: { id: deviceId }, select: { learnerId: true, lastSeenAt: true } });
  if (device?.learnerId !== learnerId) return false;
  if (now - device.lastSeenAt.getTime() >= DEVICE_SEEN_EVERY_MS) {
    await db.learnerDevice.updateMany({ where: { id: deviceId, lastSeenAt: { lte: new Date(now - DEVICE_SEEN_EVERY_MS) } }, data: { lastSeenAt: new Date(now) } });
  }
  return true;
}

/** The learner and device of a cookie value, or null when it was not signed here or was revoked. */
export async function credentialFromCookie(value: string | undefined, now = Date.now()): Promise<LearnerCredential | null> {
  const credential = await signedCredential(value);
  return credential && (await isLive(credential, now)) ? credential : null;
}

/** The learner id in a cookie value, or null when there is none, it was not signed here or was revoked. */
export async function learnerIdFromCookie(value: string | undefined, now = Date.now()): Promise<string | null> {
  return (await credentialFromCookie(value, now))?.learnerId ?? null;
}

/** A new device id (the same shape as a learner id). */
export function newDeviceId(): string {
  return randomBytes(16).toString('base64url');
}

/** A new learner: the id and the cookie value that carries it. */
export async function newLearner(): Promise<{ id: string; cookie: string }> {
  const id = randomBytes(16).toString('base64url');
  return { id, cookie: learnerCookieValue(id, await secret()) };
}

/**
 * Makes sure the learner's row exists (on their first save). One statement, so two first saves at
 * once (two tabs, two instances) never fail on the key, as Prisma's upsert does on PostgreSQL (P2002).
 */
export async function ensureLearnerRow(id: string): Promise<void> {
  await db.$executeRaw`INSERT INTO "Learner" (id, "createdAt") VALUES (${id}, ${new Date()}) ON CONFLICT (id) DO NOTHING`;
}

/** Forgets the cached secret (tests that swap databases). */
export function forgetLearnerSecretForTests(): void {
  forgetInstanceSecretsForTests();
}
