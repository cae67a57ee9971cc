import { NextResponse } from 'next/server';
import { z } from 'zod';
import { redeemDeviceCodeOrThrow } from '@/lib/devices/codes';
import { addDeviceOrThrow, listDevices, removeDevice } from '@/lib/devices/devices';
import { AppError } from '@/lib/errors';
import { clientAddress, errorResponse, readJsonOrThrow } from '@/lib/http';
import { findLearnerCredential, refuseCrossSiteOrThrow, setLearnerCookie } from '@/lib/vocabulary/current-learner';
import { deviceCookieValue } from '@/lib/vocabulary/learner';

const bodySchema = z.strictObject({ code: z.string().max(100) });
const REFUSAL = 'this browser was not signed in';

/**
 * POST /api/devices/redeem { code } → { device }: this browser becomes a device of the learner who made the
 * code, and gets their cookie. Unknown, used and expired codes all get the same 400; 429 while the client
 * waits after a wrong one. The code is never logged: it is in no URL and in no error message.
 */
export async function POST(request: Request) {
  try {
    const body = bodySchema.safeParse(await readJsonOrThrow(request, 1024));
    if (!body.success) throw new AppError('bad_input', 'Send { "code": string }: the code shown on your other device.');
    await refuseCrossSiteOrThrow(REFUSAL);
    const now = Date.now();
    const current = await findLearnerCredential();
    const learnerId = await redeemDeviceCodeOrThrow(body.data.code, clientAddress(request.headers), now);
    // A browser that is this learner already (its own code) stays the device it is.
    let deviceId = current?.learnerId === learnerId ? current.deviceId : null;
    if (deviceId === null) {
      deviceId = await addDeviceOrThrow(learnerId, request.headers.get('user-agent'), now);
      await setLearnerCookie(await deviceCookieValue(learnerId, deviceId), REFUSAL);
      // The browser leaves the learner it was: that learner's list no longer shows it.
      if (current?.deviceId) await removeDevice(current.learnerId, current.deviceId);
    }
    const device = (await listDevices(learnerId, deviceId)).find((d) => d.current);
    return NextResponse.json({ device }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
