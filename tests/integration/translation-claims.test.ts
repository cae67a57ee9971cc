// Translations in flight across processes on one database (lib/translation/claims.ts): a key another
// live process is sending is not sent again here, but its English is waited for; a killed process's claim
// is taken over at once; and the daily limit counts what other processes are sending.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetEnvForTests } from '@/lib/env';
import { claimedChars } from '@/lib/translation/claims';
import { billedToday } from '@/lib/translation/daily-limit';
import { blockCacheKey } from '@/lib/translation/settings';
import { translateBlocks } from '@/lib/translation/translate-blocks';
import { useFakeDeepL } from '../support/fake-deepl-env';

const fake = useFakeDeepL();

/** Another app process on the database: beating (alive) or not heard of for a minute (killed). */
async function anotherProcess(alive: boolean): Promise<string> {
  const id = `other-${randomBytes(6).toString('hex')}`;
  await db.appProcess.create({ data: { id, seenAt: BigInt(Date.now() - (alive ? 0 : 60_000)) } });
  return id;
}

const block = (text: string) => ({ key: blockCacheKey([text]), sentences: [text] });
const sentTexts = () => fake.get().requests.flatMap((r) => r.texts.join(' '));

beforeEach(async () => {
  await db.translationClaim.deleteMany();
  await db.translationCache.deleteMany();
});
afterEach(() => {
  delete process.env.TRANSLATION_DAILY_CHAR_LIMIT;
  resetEnvForTests();
});

describe('translation claims across processes', () => {
  it('a block another live process is sending is not sent here; its English, once stored there, is what this call waits for', async () => {
    const theirs = block('Der andere Prozess übersetzt diesen Satz.');
    const ours = block('Diesen Satz übersetzt dieser Prozess.');
    const other = await anotherProcess(true);
    await db.translationClaim.create({ data: { key: theirs.key, owner: other, chars: 42, claimedAt: BigInt(Date.now()) } });
    const call = translateBlocks([theirs, ours]);
    // The other process stores its answer and lets go of its claim.
    await expect.poll(() => sentTexts().length).toBe(1);
    await db.translationCache.create({ data: { key: theirs.key, engine: 'deepl', targetLang: 'EN-GB', text: 'Theirs.', aligned: false, billedChars: 42 } });
    await db.translationClaim.delete({ where: { key: theirs.key } });
    expect(await call).toEqual({ sent: 1, error: null });
    expect(sentTexts().join(' ')).not.toContain('Der andere Prozess');
    expect(await db.translationClaim.count()).toBe(0);
  });

  it('a claim of a process that stopped beating (killed) is taken over at once', async () => {
    const orphan = block('Sein Prozess wurde beendet, mitten in der Anfrage.');
    const dead = await anotherProcess(false);
    await db.translationClaim.create({ data: { key: orphan.key, owner: dead, chars: 50, claimedAt: BigInt(Date.now()) } });
    expect(await translateBlocks([orphan])).toEqual({ sent: 1, error: null });
    expect(sentTexts().join(' ')).toContain('Sein Prozess wurde beendet');
  });

  it('the daily limit counts what other processes are sending right now', async () => {
    const ours = block('Dieser Satz passt heute nicht mehr hinein.');
    const room = 100;
    process.env.TRANSLATION_DAILY_CHAR_LIMIT = String((await billedToday()) + room);
    resetEnvForTests();
    const other = await anotherProcess(true);
    await db.translationClaim.create({ data: { key: 'their-big-request', owner: other, chars: room - 10, claimedAt: BigInt(Date.now()) } });
    expect(await claimedChars()).toBe(room - 10);
    const outcome = await translateBlocks([ours]);
    expect(outcome.error?.code).toBe('daily_limit');
    expect(fake.get().requests).toHaveLength(0);
  });
});
