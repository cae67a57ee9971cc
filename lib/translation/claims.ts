// Translations in flight across app processes on one database (several instances behind a load
// balancer): before a process sends a cache key to DeepL it claims it, with its billed characters, so
// no other process sends it meanwhile and the daily limit counts it (daily-limit.ts). A process that
// claims beats every second (AppProcess); a claim whose process stopped beating for a few seconds (it
// was killed) or that outlived its lease is free to take, so a crash never blocks a text for long.
// Within a process, translate-blocks.ts and translate-phrase.ts keep their own single flight first.
import { randomBytes } from 'node:crypto';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import { getEnvOrThrow } from '../env';

/** How often a claiming process says it is alive. */
const BEAT_MS = 1_000;
/** A process not heard of for this long is gone: its claims are free. */
const ALIVE_MS = 5_000;

export interface ClaimItem {
  key: string;
  /** The characters DeepL bills for it. */
  chars: number;
}

interface Beat {
  id: string;
  timer: ReturnType<typeof setInterval> | null;
  started: Promise<void> | null;
}

const STATE = Symbol.for('nebeneinander.translation-claims');
function beat(): Beat {
  const global = globalThis as unknown as Record<symbol, Beat | undefined>;
  return (global[STATE] ??= { id: randomBytes(12).toString('base64url'), timer: null, started: null });
}

/** This process's name in claims. */
export function processId(): string {
  return beat().id;
}

/** A claim lives at most this long, beating or not: a request, deepl-node's two retries and their waits. */
export function claimLeaseMs(): number {
  return 3 * getEnvOrThrow().DEEPL_TIMEOUT_MS + 10_000;
}

async function sayAlive(): Promise<void> {
  const { id } = beat();
  const now = BigInt(Date.now());
  await db.$executeRaw`INSERT INTO "AppProcess" ("id", "seenAt") VALUES (${id}, ${now})
    ON CONFLICT ("id") DO UPDATE SET "seenAt" = excluded."seenAt"`;
}

/**
 * Starts beating (once per process: at server start, instrumentation.ts, so an import's first request
 * does not wait for it; else before the first claim), and forgets processes gone an hour.
 */
export function beating(): Promise<void> {
  const state = beat();
  state.started ??= (async () => {
    await sayAlive();
    await db.appProcess.deleteMany({ where: { seenAt: { lt: BigInt(Date.now() - 60 * 60_000) } } });
    // The claim's statement once, on a key no text has: its first run costs a few milliseconds more,
    // which an import's first request to DeepL would otherwise wait for.
    const warmUp = { key: `warm-up:${state.id}`, chars: 0 };
    await claimStatement([warmUp], Date.now());
    await releaseClaims([warmUp.key]);
    state.timer = setInterval(() => {
      sayAlive().catch((error: unknown) => console.error('Saying this process is alive failed:', error));
    }, BEAT_MS);
    state.timer.unref();
  })().catch((error: unknown) => {
    state.started = null; // tried again by the next claim
    throw error;
  });
  return state.started;
}

/**
 * Claims the keys for this process: a key nobody claims, or whose claim is this process's own, dead
 * (its process stopped beating) or past its lease. Returns the keys claimed; the others are being
 * sent by another live process right now. One statement, so two processes never both get a key.
 */
export async function claimKeys(items: readonly ClaimItem[], now = Date.now()): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  await beating();
  return claimStatement(items, now);
}

async function claimStatement(items: readonly ClaimItem[], now: number): Promise<Set<string>> {
  const me = processId();
  const at = BigInt(now);
  const values = items.map((item) => Prisma.sql`(${item.key}, ${me}, ${item.chars}, ${at})`);
  const rows = await db.$queryRaw<Array<{ key: string }>>`
    INSERT INTO "TranslationClaim" ("key", "owner", "chars", "claimedAt") VALUES ${Prisma.join(values)}
    ON CONFLICT ("key") DO UPDATE SET "owner" = excluded."owner", "chars" = excluded."chars", "claimedAt" = excluded."claimedAt"
    WHERE "TranslationClaim"."owner" = ${me}
       OR "TranslationClaim"."claimedAt" < ${BigInt(now - claimLeaseMs())}
       OR "TranslationClaim"."owner" NOT IN (SELECT "id" FROM "AppProcess" WHERE "seenAt" >= ${BigInt(now - ALIVE_MS)})
    RETURNING "key"`;
  return new Set(rows.map((r) => r.key));
}

/** Gives up this process's claims on the keys (sent and stored, failed, or not sent after all). */
export async function releaseClaims(keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.translationClaim.deleteMany({ where: { owner: processId(), key: { in: [...keys] } } });
}

/** True when the process beat within the last few seconds (it is running; a killed one stops beating). */
export async function processAlive(id: string, now = Date.now()): Promise<boolean> {
  return (await db.appProcess.count({ where: { id, seenAt: { gte: BigInt(now - ALIVE_MS) } } })) > 0;
}

/** The claims alive at `now` (within their lease, their process beating), as a condition on TranslationClaim. */
async function liveClaims(now: number, { exceptMine = false } = {}) {
  const alive = (await db.appProcess.findMany({ where: { seenAt: { gte: BigInt(now - ALIVE_MS) } }, select: { id: true } })).map((p) => p.id);
  return { owner: { in: exceptMine ? alive.filter((id) => id !== processId()) : alive }, claimedAt: { gte: BigInt(now - claimLeaseMs()) } };
}

/** Of the keys, those another live process holds a claim on right now. */
export async function claimedElsewhere(keys: readonly string[], now = Date.now()): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.translationClaim.findMany({ where: { key: { in: [...keys] }, ...(await liveClaims(now, { exceptMine: true })) }, select: { key: true } });
  return new Set(rows.map((r) => r.key));
}

/** Characters claimed and not yet stored, by every live process: what DeepL is being asked for right now. */
export async function claimedChars(now = Date.now()): Promise<number> {
  const sum = await db.translationClaim.aggregate({ _sum: { chars: true }, where: await liveClaims(now) });
  return sum._sum.chars ?? 0;
}

/** Tests: the process stops beating (as if killed), so its claims are free to others. */
export async function stopBeatingForTests(): Promise<void> {
  const state = beat();
  if (state.timer) clearInterval(state.timer);
  await state.started?.catch(() => {});
  await db.appProcess.deleteMany({ where: { id: state.id } });
  const global = globalThis as unknown as Record<symbol, Beat | undefined>;
  global[STATE] = undefined;
}
