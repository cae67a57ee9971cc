// Wrong editor credentials, per client: the password in the sign-in form, a script's Bearer password and
// sign-in links all count here. Each wrong try doubles the time that client waits before its next try.
// The record is a row in the database (SignInThrottle), so every app process on it (several instances
// behind a load balancer) makes the same client wait: a guesser gains nothing by spreading tries.
// There is no limit across clients: it would refuse the right password too, so anyone could lock every
// editor out. Against many addresses at once it is the password (at least 8 characters) that holds.
// Learners' one-time device codes (lib/devices/codes.ts) are throttled the same way under keys of their own.
import { isIPv6 } from 'node:net';
import { db } from '../db';
import { AppError } from '../errors';

const FIRST_WAIT_MS = 2_000;
const MAX_WAIT_MS = 5 * 60_000;
/** A client whose last wrong try is this old starts over. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;
/** Clients remembered at most; past it, those whose last wrong try is oldest are forgotten. */
export const MAX_THROTTLED_CLIENTS = 10_000;
/** How often a process deletes forgotten clients. */
const PRUNE_EVERY_MS = 60_000;
/** Wrong tries seen by this process, from all clients together, within this window, that make it log a warning. */
const WARN_AFTER = 100;
const WARN_WINDOW_MS = 10 * 60_000;

/** What is being tried: a prefix of its clients' keys (a mistyped device code does not slow an editor down) and its words. */
const KINDS = {
  editor: { prefix: '', tooMany: 'Too many wrong passwords.', warning: 'Editor sign-in', wrong: 'wrong passwords or links' },
  device: { prefix: 'device-code:', tooMany: 'Too many wrong codes.', warning: 'Device codes', wrong: 'wrong codes' },
} as const;
export type ThrottleKind = keyof typeof KINDS;

const STATE = Symbol.for('nebeneinander.sign-in-throttle');
interface ProcessState {
  /** Clients with a sign-in link being checked in this process: their other tries meanwhile are refused. */
  checking: Set<string>;
  window: { start: number; wrong: number; warned: boolean };
  prunedAt: number;
}
function processState(): ProcessState {
  const global = globalThis as unknown as Record<symbol, ProcessState | undefined>;
  return (global[STATE] ??= { checking: new Set(), window: { start: 0, wrong: 0, warned: false }, prunedAt: 0 });
}

/**
 * The key a client is throttled under: its address, with IPv6 addresses cut to their /64 (one
 * household or server gets a whole /64, so its addresses are one client) and IPv4-mapped ones as IPv4.
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

function tooMany(ms: number, kind: ThrottleKind): AppError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new AppError('too_many', `${KINDS[kind].tooMany} Try again in ${seconds} s.`, { retryAfterSeconds: seconds });
}

/** When the client may try again, if it is waiting now. */
async function waitingUntil(key: string, now: number): Promise<number | null> {
  const row = await db.signInThrottle.findUnique({ where: { key }, select: { retryAt: true } });
  return row && Number(row.retryAt) > now ? Number(row.retryAt) : null;
}

/**
 * Records a wrong try in one statement, unless another try of the client's (in any process) has made
 * it wait meanwhile: then this one is refused like any try during a wait, and counts for nothing.
 */
async function recordWrongOrThrow(key: string, now: number, kind: ThrottleKind): Promise<void> {
  const stale = BigInt(now - FORGET_AFTER_MS);
  const at = BigInt(now);
  const recorded = await db.$queryRaw<unknown[]>`
    INSERT INTO "SignInThrottle" ("key", "wrong", "waitMs", "retryAt", "lastWrongAt")
    VALUES (${key}, 1, ${FIRST_WAIT_MS}, ${BigInt(now + FIRST_WAIT_MS)}, ${at})
    ON CONFLICT ("key") DO UPDATE SET
      "wrong" = CASE WHEN "SignInThrottle"."lastWrongAt" < ${stale} THEN 1 ELSE "SignInThrottle"."wrong" + 1 END,
      "waitMs" = CASE
        WHEN "SignInThrottle"."lastWrongAt" < ${stale} THEN ${FIRST_WAIT_MS}
        WHEN "SignInThrottle"."waitMs" * 2 > ${MAX_WAIT_MS} THEN ${MAX_WAIT_MS}
        ELSE "SignInThrottle"."waitMs" * 2 END,
      "retryAt" = excluded."lastWrongAt" + CASE
        WHEN "SignInThrottle"."lastWrongAt" < ${stale} THEN ${FIRST_WAIT_MS}
        WHEN "SignInThrottle"."waitMs" * 2 > ${MAX_WAIT_MS} THEN ${MAX_WAIT_MS}
        ELSE "SignInThrottle"."waitMs" * 2 END,
      "lastWrongAt" = excluded."lastWrongAt"
    WHERE "SignInThrottle"."retryAt" <= excluded."lastWrongAt"
    RETURNING "key"`;
  if (recorded.length === 0) throw tooMany(((await waitingUntil(key, now)) ?? now + 1000) - now, kind);
  warnWhenMany(now, kind);
  await pruneNowAndThen(now);
}

function warnWhenMany(now: number, kind: ThrottleKind): void {
  const w = processState().window;
  if (now - w.start > WARN_WINDOW_MS) Object.assign(w, { start: now, wrong: 0, warned: false });
  if (++w.wrong >= WARN_AFTER && !w.warned) {
    w.warned = true;
    console.warn(`${KINDS[kind].warning}: ${w.wrong} ${KINDS[kind].wrong} in ${WARN_WINDOW_MS / 60_000} minutes. Someone may be guessing; each client is slowed down.`);
  }
}

/** Forgets clients a day after their last wrong try, and all but the newest MAX_THROTTLED_CLIENTS. */
async function pruneNowAndThen(now: number): Promise<void> {
  const state = processState();
  if (now - state.prunedAt < PRUNE_EVERY_MS) return;
  state.prunedAt = now;
  await db.$executeRaw`DELETE FROM "SignInThrottle" WHERE "lastWrongAt" < ${BigInt(now - FORGET_AFTER_MS)}
    OR "lastWrongAt" < (SELECT "lastWrongAt" FROM "SignInThrottle" ORDER BY "lastWrongAt" DESC LIMIT 1 OFFSET ${MAX_THROTTLED_CLIENTS - 1})`;
}

async function refuseWhileWaitingOrThrow(key: string, now: number, kind: ThrottleKind): Promise<void> {
  if (processState().checking.has(key)) throw tooMany(1000, kind);
  const until = await waitingUntil(key, now);
  if (until !== null) throw tooMany(until - now, kind);
}

async function settleOrThrow(key: string, right: boolean, now: number, kind: ThrottleKind): Promise<void> {
  if (!right) return recordWrongOrThrow(key, now, kind);
  // A right try clears the client's record (one a try of the same client's has not renewed meanwhile).
  await db.signInThrottle.deleteMany({ where: { key, retryAt: { lte: BigInt(now) } } });
}

/**
 * One try of an editor password from `address`: refused with 429 while that client waits, without
 * calling `isRight`. A wrong one makes the client wait; a right one clears its record. The wait is read
 * before the password is compared, so right and wrong tries during a wait take the same time.
 */
export async function throttledCheckOrThrow(address: string, isRight: () => boolean, now = Date.now()): Promise<boolean> {
  const key = clientKey(address);
  await refuseWhileWaitingOrThrow(key, now, 'editor');
  const right = isRight();
  await settleOrThrow(key, right, now, 'editor');
  return right;
}

/**
 * The same for a check that has to wait (a sign-in link or a device code in the database): the client's
 * other tries of that kind in this process meanwhile get 429.
 */
export async function throttledCheckAsyncOrThrow(address: string, isRight: () => Promise<boolean>, now = Date.now(), kind: ThrottleKind = 'editor'): Promise<boolean> {
  const key = KINDS[kind].prefix + clientKey(address);
  await refuseWhileWaitingOrThrow(key, now, kind);
  const { checking } = processState();
  checking.add(key);
  try {
    const right = await isRight();
    await settleOrThrow(key, right, now, kind);
    return right;
  } finally {
    checking.delete(key);
  }
}

/** How many clients are remembered (the bound's test). */
export function throttledClientCount(): Promise<number> {
  return db.signInThrottle.count();
}

/** Tests start from a clean slate. */
export async function resetPasswordThrottleForTests(): Promise<void> {
  const state = processState();
  state.checking.clear();
  state.prunedAt = 0;
  Object.assign(state.window, { start: 0, wrong: 0, warned: false });
  await db.signInThrottle.deleteMany();
}
