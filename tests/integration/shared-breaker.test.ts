// The DeepL circuit breaker across app processes on one database (lib/translation/shared-breaker.ts). This
// test process is B: its reader, its DeepL client, its breaker. Process A is a second breaker with its own
// share and process id, sending through the same DeepL client to the same fake DeepL. Both breakers run on
// one clock the test moves; the database row between them is real.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { translateArticle } from '@/lib/articles/translate-article';
import { db } from '@/lib/db';
import { CircuitBreaker, Pass, getCircuitBreaker, onProcessBreakerChange } from '@/lib/translation/circuit-breaker';
import { processId } from '@/lib/translation/claims';
import { getDeepLTranslator } from '@/lib/translation/deepl';
import { ADOPT_GRACE_MS, BreakerShare, processBreakerShare } from '@/lib/translation/shared-breaker';
import { isTranslationError } from '@/lib/translation/types';
import { useFakeDeepL } from '../support/fake-deepl-env';
import { banner, importFresh, states, useManualBreaker } from '../support/translation-faults';

const SECOND = 1000;
const fake = useFakeDeepL();
const b = useManualBreaker();
const shareB = processBreakerShare();
afterAll(() => onProcessBreakerChange(() => {}));

let sentByA = 0;

/** Another app process on the database, beating (alive) or not heard of for a minute (killed). */
async function processA({ alive = true } = {}) {
  const id = `process-a-${randomBytes(6).toString('hex')}`;
  await db.appProcess.create({ data: { id, seenAt: BigInt(Date.now() - (alive ? 0 : 60_000)) } });
  const breaker: CircuitBreaker = new CircuitBreaker({ clock: b.clock, onChange: (change) => share.publish(change) });
  const share: BreakerShare = new BreakerShare({ breaker: () => breaker, processId: () => id });
  /** A translates a text of its own as gate.ts would: through its breaker. Says what came of it. */
  const translate = async (): Promise<string> => {
    const ticket = breaker.acquire();
    if (!(ticket instanceof Pass)) return ticket.kind; // blocked (or waiting for its own probe)
    try {
      await getDeepLTranslator().translateTagged({ texts: [`<s i="0">Aprozess sendet Satz ${++sentByA}.</s>`], targetLang: 'EN-GB' });
      ticket.succeeded();
      return 'translated';
    } catch (error) {
      if (!isTranslationError(error)) throw error;
      ticket.failed(error);
      return error.code;
    } finally {
      await share.written();
    }
  };
  return { id, breaker, share, translate, kill: () => db.appProcess.delete({ where: { id } }) };
}

/** Requests from B reaching DeepL (its articles are labelled "Bprozess"), whatever the answer. */
const attemptsFromB = () => fake.get().attemptsFor('Bprozess');
const attemptsFromA = () => fake.get().attemptsFor('Aprozess');

beforeEach(async () => {
  await db.deepLBreaker.deleteMany();
});

describe('the circuit breaker shared by two app processes', () => {
  it('A’s failed request opens B within one poll: B’s next article is refused as "server error" without any request from B', async () => {
    const a = await processA();
    fake.get().setFault({ kind: 'status', status: 503 });
    expect(await a.translate()).toBe('unavailable');
    expect(await shareB.poll()).toBe(true);

    const { id, slug } = await importFresh('Bprozess');
    expect((await translateArticle(id)).error?.code).toBe('unavailable');
    expect(await attemptsFromB()).toBe(0);
    expect(await states(slug)).toEqual(['failed', 'failed', 'failed']);
    expect((await banner(slug)).text).toContain('DeepL answered with a server error (503)');
    expect((await banner(slug, { canEdit: false })).text).toMatch(/the next try is in about 36 s/);
  });

  it('after the cooldown only A probes, B sends nothing meanwhile, and A’s successful probe lets B translate again', async () => {
    const a = await processA();
    fake.get().setFault({ kind: 'status', status: 503 });
    await a.translate();
    await shareB.poll();
    const first = await importFresh('Bprozess');

    // A's pause is over: A probes, and its row says so; B holds back while the probe is out, past its own grace.
    await b.clock.advance(30 * SECOND);
    await fake.get().faultWhen('Aprozess', { kind: 'hold', status: 503 });
    const before = await attemptsFromA();
    const probing = a.translate();
    await fake.get().waitHeld('Aprozess');
    await a.share.written();
    expect(await shareB.poll()).toBe(true);
    await b.clock.advance(ADOPT_GRACE_MS);
    expect((await translateArticle(first.id, { retryFailedNow: true })).error?.code).toBe('unavailable');
    expect(await attemptsFromB()).toBe(0);

    // A's probe fails: its doubled pause reaches B, plus the grace.
    await fake.get().release('Aprozess');
    expect(await probing).toBe('unavailable');
    expect(await attemptsFromA()).toBeGreaterThan(before);
    expect(await shareB.poll()).toBe(true);
    expect(getCircuitBreaker().status().retryAt).toBe((a.breaker.status().retryAt as number) + ADOPT_GRACE_MS);
    expect(a.breaker.status().retryAt).toBe(b.clock.now() + 60 * SECOND);

    // DeepL is back; A's next probe succeeds and deletes the row; B's next poll closes it.
    fake.get().setFault(null);
    await b.clock.advance(60 * SECOND);
    expect(await a.translate()).toBe('translated');
    expect(await db.deepLBreaker.count()).toBe(0);
    expect(await shareB.poll()).toBe(true);
    expect((await translateArticle(first.id, { retryFailedNow: true })).error).toBeNull();
    expect(await states(first.slug)).toEqual(['done', 'done', 'done']);
    expect(await attemptsFromB()).toBe(1);
  });

  it('when A dies after opening, B probes once a grace after A would have, and from then on B writes the row', async () => {
    const a = await processA();
    fake.get().setFault({ kind: 'status', status: 503 });
    await a.translate();
    await shareB.poll();
    await a.kill();
    const { id } = await importFresh('Bprozess');

    await b.clock.advance(30 * SECOND);
    await translateArticle(id);
    expect(await attemptsFromB()).toBe(0);
    await b.clock.advance(ADOPT_GRACE_MS);
    expect((await translateArticle(id, { retryFailedNow: true })).error?.code).toBe('unavailable');
    expect(await attemptsFromB()).toBeGreaterThan(0);
    await shareB.written();
    const row = await db.deepLBreaker.findFirstOrThrow();
    expect(row).toMatchObject({ writer: processId(), pauseMs: 60 * SECOND, retryAt: BigInt(b.clock.now() + 60 * SECOND) });
  });

  it('a row written by a process that stopped beating is not adopted: B tries for itself, and its success deletes the row', async () => {
    const dead = await processA({ alive: false });
    fake.get().setFault({ kind: 'status', status: 503 });
    await dead.translate();
    fake.get().setFault(null);
    expect(await db.deepLBreaker.count()).toBe(1);

    expect(await shareB.poll()).toBe(false);
    const { id, slug } = await importFresh('Bprozess');
    expect((await translateArticle(id)).error).toBeNull();
    expect(await states(slug)).toEqual(['done', 'done', 'done']);
    await shareB.written();
    expect(await db.deepLBreaker.count()).toBe(0);
  });

  it('B’s own failure is not undone by a poll that read the row before B’s write landed', async () => {
    fake.get().setFault({ kind: 'status', status: 503 });
    const { id } = await importFresh('Bprozess');
    let done = false;
    const translating = translateArticle(id).finally(() => (done = true));
    // B polls all through its request and its write: no read may close its breaker again.
    const polled: boolean[] = [];
    while (!done) {
      polled.push(await shareB.poll());
      await new Promise((resolve) => setImmediate(resolve)); // better-sqlite3 answers synchronously: let the request go on
    }
    await translating;
    polled.push(await shareB.poll());
    await shareB.written();
    polled.push(await shareB.poll());
    expect(polled.every((changed) => !changed)).toBe(true);
    expect(getCircuitBreaker().status().state).toBe('open');
    expect((await db.deepLBreaker.findFirstOrThrow()).writer).toBe(processId());
    expect((await translateArticle(id, { retryFailedNow: true })).error?.code).toBe('unavailable');
    expect(await attemptsFromB()).toBe(2); // the one request, retried once by deepl-node
  });
});
