// GET /api/session → { editor }: whether this browser has a valid editor session. The reader's pages are
// the same HTML for everyone; their editor controls ask this after load. Per browser, never cached.
import { NextResponse } from 'next/server';
import { isEditorRequest } from '@/lib/auth/current-editor';

export const dynamic = 'force-dynamic';

export async function GET() {
  return NextResponse.json({ editor: await isEditorRequest() }, { headers: { 'Cache-Control': 'private, no-store' } });
}
