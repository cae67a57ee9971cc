// GET /api/health, as a load balancer asks it: 200 while the database answers, 503 with what to look at when it does not.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/health/route';
import { db } from '@/lib/db';

afterEach(() => vi.restoreAllMocks());

describe('GET /api/health', () => {
  it('is 200 { ok: true } while the database answers, never cached', async () => {
    const res = await GET();
    expect([res.status, await res.json(), res.headers.get('cache-control')]).toEqual([200, { ok: true }, 'no-store']);
  });

  it('is 503 with an error saying where to look when the database does not answer', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(db.article, 'findFirst').mockRejectedValueOnce(new Error('SQLITE_IOERR: disk I/O error'));
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, error: 'The database does not answer: see the server log.' });
  });
});
