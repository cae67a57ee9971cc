// Wrong editor credentials, per client: the password in the sign-in form, a script's Bearer password and
// sign-in links all count here. Each wrong try doubles the time that client waits before its next try.
// There is no limit across clients: it would refuse the right password too, so anyone could lock every
// editor out. Against many addresses at once it is the password (at least 8 characters) that holds.
import { isIPv6 } from 'node:net';
import { AppError } from '../errors';

const FIRST_WAIT_MS = 2_000;
const MAX_WAIT_MS = 5 * 60_000;
/** A client whose last wrong try is this old starts over. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;
/** Clients remembered at most; past it, the one whose last wrong try is oldest is forgotten. */
export const MAX_THROTTLED_CLIENTS = 10_000;
/** Wrong tries from all clients together, within this window, that make the server log a warning. */
const WARN_AFTER = 100;
const WARN_WINDOW_MS = 10 * 60_000;

interface Client {
  wrong: number;
  retryAt: number;
  lastWrongAt: number;
}

const globalForThrottle = globalThis as unknown as {
  nebeneinanderSignInThrottle?: { clients: Map<string, Client>; checking: Set<string>; window: { start: number; wrong: number; warned: boolean } };
};
const state = (globalForThrottle.nebeneinanderSignInThrottle ??= {
  clients: new Map(),
  checking: new Set(),
  window: { start: 0, wrong: 0, warned: false },
});

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

function tooMany(ms: number): AppError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new AppError('too_many', `Too many wrong passwords. Try again in ${seconds} s.`, { retryAfterSeconds: seconds });
}

function recordWrong(key: string, now: number): void {
  const before = state.clients.get(key);
  const wrong = (before && now - before.lastWrongAt < FORGET_AFTER_MS ? before.wrong : 0) + 1;
  state.clients.delete(key); // re-inserted last: the map is ordered by last wrong try
  state.clients.set(key, { wrong, retryAt: now + Math.min(FIRST_WAIT_MS * 2 ** (wrong - 1), MAX_WAIT_MS), lastWrongAt: now });
  if (state.clients.size > MAX_THROTTLED_CLIENTS) state.clients.delete(state.clients.keys().next().value as string);
  const w = state.window;
  if (now - w.start > WARN_WINDOW_MS) Object.assign(w, { start: now, wrong: 0, warned: false });
  if (++w.wrong >= WARN_AFTER && !w.warned) {
    w.warned = true;
    console.warn(`Editor sign-in: ${w.wrong} wrong passwords or links in ${WARN_WINDOW_MS / 60_000} minutes. Someone may be guessing; each client is slowed down.`);
  }
}

function refuseWhileWaitingOrThrow(key: string, now: number): void {
  if (state.checking.has(key)) throw tooMany(1000);
  const client = state.clients.get(key);
  if (client && client.retryAt > now) throw tooMany(client.retryAt - now);
}

function settle(key: string, right: boolean, now: number): void {
  if (right) state.clients.delete(key);
  else recordWrong(key, now);
}

/**
 * One try of an editor password from `address`: refused with 429 while that client waits, without
 * calling `isRight`. A wrong one makes the client wait; a right one clears its record. Synchronous,
 * so a script's parallel requests with the right password never see each other as a try in progress.
 */
export function throttledCheckOrThrow(address: string, isRight: () => boolean, now = Date.now()): boolean {
  const key = clientKey(address);
  refuseWhileWaitingOrThrow(key, now);
  const right = isRight();
  settle(key, right, now);
  return right;
}

/** The same for a check that has to wait (a sign-in link in the database): the client's other tries meanwhile get 429. */
export async function throttledCheckAsyncOrThrow(address: string, isRight: () => Promise<boolean>, now = Date.now()): Promise<boolean> {
  const key = clientKey(address);
  refuseWhileWaitingOrThrow(key, now);
  state.checking.add(key);
  try {
    const right = await isRight();
    settle(key, right, now);
    return right;
  } finally {
    state.checking.delete(key);
  }
}

/** How many clients are remembered (the memory bound's test). */
export function throttledClientCount(): number {
  return state.clients.size;
}

/** Tests start from a clean slate. */
export function resetPasswordThrottleForTests(): void {
  state.clients.clear();
  state.checking.clear();
  Object.assign(state.window, { start: 0, wrong: 0, warned: false });
}
