// Page changes between processes on one database: a change another process recorded is applied here once,
// within the window; this process's own are not applied twice; old rows go.
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import Handler from '@/lib/cache/page-cache-handler.cjs';
import { applyPageChanges, recordPageChange } from '@/lib/cache/page-changes';
import { db } from '@/lib/db';

/** A row as another process writes it. */
const fromAnotherProcess = (tags: string, at = new Date()) => db.pageChange.create({ data: { id: randomBytes(12).toString('base64url'), tags, at } });

beforeEach(async () => {
  await db.pageChange.deleteMany();
  Handler.pageCacheState().tagTimes.clear();
});

describe('page changes of other processes', () => {
  it('are applied once: the tags are stamped, a second read finds nothing new', async () => {
    await fromAnotherProcess('library,article:weg');
    expect(await applyPageChanges()).toBe(1);
    expect([...Handler.pageCacheState().tagTimes.keys()].sort()).toEqual(['article:weg', 'library']);
    expect(await applyPageChanges()).toBe(0);
  });

  it('this process’s own change is stamped when made, not again when read back', async () => {
    await recordPageChange(['assignment:abc12345']);
    expect(await db.pageChange.count()).toBe(1);
    expect(await applyPageChanges()).toBe(0);
  });

  it('a change older than the window is not applied, and rows older than a minute are deleted', async () => {
    // A read a minute on from the others' (the process prunes at most once a minute).
    const now = Date.now() + 61_000;
    await fromAnotherProcess('article:alt', new Date(now - 30_000));
    await fromAnotherProcess('article:uralt', new Date(now - 120_000));
    expect(await applyPageChanges(now)).toBe(0);
    expect((await db.pageChange.findMany({ select: { tags: true } })).map((r) => r.tags)).toEqual(['article:alt']);
  });
});
