// GET /api/health → 200 { ok: true } when this instance can read its database, else 503 { ok: false,
// error }: what a load balancer asks before it sends an instance requests. Never cached; reads one row.
import { NextResponse } from 'next/server';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };

export async function GET() {
  try {
    await db.article.findFirst({ select: { id: true } });
    return NextResponse.json({ ok: true }, { headers: NO_STORE });
  } catch (error) {
    console.error('Health check: the database did not answer:', error);
    return NextResponse.json({ ok: false, error: 'The database does not answer: see the server log.' }, { status: 503, headers: NO_STORE });
  }
}
