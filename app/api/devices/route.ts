import { NextResponse } from 'next/server';
import { listDevices } from '@/lib/devices/devices';
import { errorResponse } from '@/lib/http';
import { findLearnerCredential } from '@/lib/vocabulary/current-learner';

/** GET /api/devices → { devices: [{ id, label, addedAt, lastSeenAt, current }] } of the calling learner (none without a cookie). */
export async function GET() {
  try {
    const credential = await findLearnerCredential();
    const devices = credential ? await listDevices(credential.learnerId, credential.deviceId) : [];
    return NextResponse.json({ devices }, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
