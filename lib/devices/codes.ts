// One-time codes that sign another browser in as a learner ("Use on another device"): 10 characters of
// Crockford's base-32 alphabet (50 bits), kept only as their SHA-256, good for DEVICE_CODE_MINUTES and one
// use. Redeeming is one conditional DELETE, so of two racing redeems (two instances too) one wins. Wrong
// codes are throttled per client by lib/auth/throttle.ts, whose state is in the database, not in a process.
import { createHash, randomBytes } from 'node:crypto';
import { throttledCheckAsyncOrThrow } from '../auth/throttle';
import { db } from '../db';
import { AppError } from '../errors';

export const DEVICE_CODE_MINUTES = 10;
export const DEVICE_CODE_LENGTH = 10;
/** No I, L, O or U: nothing to misread; typed I and L are read as 1, O as 0. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Longer input is not a code, however it is spaced (checked before any other work). */
const MAX_INPUT = 40;

export const INVALID_CODE =
  `This code does not work: it may be mistyped, used already (a code works once), or older than ${DEVICE_CODE_MINUTES} minutes. ` +
  'On your other device, open Vocabulary › Use on another device for a new one.';

/** A new code, unformatted. Each byte's low 5 bits: 256 is a multiple of 32, so every character is equally likely. */
function newCode(): string {
  return Array.from(randomBytes(DEVICE_CODE_LENGTH), (byte) => ALPHABET[byte & 31]).join('');
}

/** As shown and typed: two groups of five ("7K3QF-M2XDA"). */
export function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The code in what a person typed (any case, spaces and dashes anywhere), or null when it cannot be one. */
export function normalizeCode(input: string): string | null {
  if (input.length > MAX_INPUT) return null;
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return code.length === DEVICE_CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

const hashOf = (code: string) => createHash('sha256').update(`device-code\u0000${code}`).digest('hex');

/** Makes the learner a code (formatted) in place of their last one; expired codes of everyone are deleted. */
export async function createDeviceCode(learnerId: string, now = Date.now()): Promise<{ code: string; expiresAt: Date }> {
  const code = newCode();
  const expiresAt = new Date(now + DEVICE_CODE_MINUTES * 60_000);
  await db.$transaction([
    db.deviceCode.deleteMany({ where: { OR: [{ learnerId }, { expiresAt: { lte: new Date(now) } }] } }),
    db.deviceCode.create({ data: { hash: hashOf(code), learnerId, expiresAt } }),
  ]);
  return { code: formatCode(code), expiresAt };
}

/** The learner of a live code, using it up; null for a code that is unknown, used or expired. */
async function useCode(code: string, now: number): Promise<string | null> {
  const hash = hashOf(code);
  const row = await db.deviceCode.findUnique({ where: { hash }, select: { learnerId: true } });
  if (!row) return null;
  // The one statement that decides: of two redeems at once, only one deletes the row.
  const { count } = await db.deviceCode.deleteMany({ where: { hash, expiresAt: { gt: new Date(now) } } });
  return count === 1 ? row.learnerId : null;
}

/**
 * Redeems a typed code for the client at `address`: the learner it signs in as. A code that cannot be one
 * → 400 saying what a code looks like (no look-up); an unknown, used or expired one → 400 INVALID_CODE, the
 * same answer for all three, and the client waits before its next try (429 meanwhile).
 */
export async function redeemDeviceCodeOrThrow(input: string, address: string, now = Date.now()): Promise<string> {
  const code = normalizeCode(input);
  if (!code) throw new AppError('bad_input', `A code is ${DEVICE_CODE_LENGTH} letters and digits, like 7K3QF-M2XDA. Check it on your other device.`);
  let learnerId: string | null = null;
  await throttledCheckAsyncOrThrow(address, async () => (learnerId = await useCode(code, now)) !== null, now, 'device');
  if (learnerId === null) throw new AppError('bad_input', INVALID_CODE);
  return learnerId;
}
