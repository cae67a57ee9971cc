// The browsers signed in as a learner (LearnerDevice rows): adding one, listing and revoking them. Each
// browser's cookie names its row (lib/vocabulary/learner.ts), so deleting the row signs that browser out.
import { db } from '../db';
import { AppError } from '../errors';
import { newDeviceId } from '../vocabulary/learner';
import { deviceLabel } from './label';

/** Devices a learner may have at once (each code adds one; revoking removes it). */
export const MAX_DEVICES_PER_LEARNER = 50;

export interface DeviceView {
  id: string;
  label: string;
  addedAt: string;
  /** Renewed at most once an hour. */
  lastSeenAt: string;
  /** The browser that asked. */
  current: boolean;
}

const NOT_FOUND = 'No such device among yours: it may have been revoked already. Reload the list of your devices.';

/**
 * The browser that makes the learner's first code becomes their first device: its row is made and the
 * learner marked linked in one transaction, after which only device cookies are the learner's. Its id.
 */
export async function linkFirstDevice(learnerId: string, userAgent: string | null, now = Date.now()): Promise<string> {
  const id = newDeviceId();
  const at = new Date(now);
  await db.$transaction([
    db.learnerDevice.create({ data: { id, learnerId, label: deviceLabel(userAgent), createdAt: at, lastSeenAt: at } }),
    db.learner.updateMany({ where: { id: learnerId, linkedAt: null }, data: { linkedAt: at } }),
  ]);
  return id;
}

/** Adds a browser that redeemed a code; 409 when the learner has MAX_DEVICES_PER_LEARNER already. Its id. */
export async function addDeviceOrThrow(learnerId: string, userAgent: string | null, now = Date.now()): Promise<string> {
  if ((await db.learnerDevice.count({ where: { learnerId } })) >= MAX_DEVICES_PER_LEARNER) {
    throw new AppError('conflict', `You have ${MAX_DEVICES_PER_LEARNER} devices already: revoke one you no longer use on your other device, then make a new code.`);
  }
  const id = newDeviceId();
  const at = new Date(now);
  await db.learnerDevice.create({ data: { id, learnerId, label: deviceLabel(userAgent), createdAt: at, lastSeenAt: at } });
  return id;
}

/** The learner's devices, oldest first. */
export async function listDevices(learnerId: string, currentDeviceId: string | null): Promise<DeviceView[]> {
  const rows = await db.learnerDevice.findMany({ where: { learnerId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    addedAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    current: row.id === currentDeviceId,
  }));
}

/** Deletes one of the learner's devices (its cookie stops working at once); false when they have no such device. */
export async function removeDevice(learnerId: string, deviceId: string): Promise<boolean> {
  const { count } = await db.learnerDevice.deleteMany({ where: { id: deviceId, learnerId } });
  return count === 1;
}

/** Revokes one of the learner's devices. Another learner's, or one revoked already → 404. */
export async function revokeDeviceOrThrow(learnerId: string, deviceId: string): Promise<void> {
  if (!(await removeDevice(learnerId, deviceId))) throw new AppError('not_found', NOT_FOUND);
}
