import { NextResponse } from 'next/server';
import QRCode from 'qrcode';
import { createDeviceCode } from '@/lib/devices/codes';
import { linkFirstDevice } from '@/lib/devices/devices';
import { errorResponse } from '@/lib/http';
import { findLearnerCredential, refuseCrossSiteOrThrow, setLearnerCookie } from '@/lib/vocabulary/current-learner';
import { deviceCookieValue, ensureLearnerRow, newLearner } from '@/lib/vocabulary/learner';

const REFUSAL = 'no code was made';

/**
 * POST /api/devices/code → { code, url, expiresAt, qrSvg }: a one-time code that signs another browser in
 * as this learner, the link that redeems it (the code in its #fragment, which no request carries, so no
 * access log sees it) and that link as a QR code. A browser without a device cookie becomes a device here
 * (a new learner if it had none): its cookie is reissued in this answer.
 */
export async function POST(request: Request) {
  try {
    const origin = await refuseCrossSiteOrThrow(REFUSAL);
    const now = Date.now();
    const current = await findLearnerCredential();
    const learnerId = current?.learnerId ?? (await newLearner()).id;
    if (!current?.deviceId) {
      await ensureLearnerRow(learnerId);
      const deviceId = await linkFirstDevice(learnerId, request.headers.get('user-agent'), now);
      await setLearnerCookie(await deviceCookieValue(learnerId, deviceId), REFUSAL);
    }
    const { code, expiresAt } = await createDeviceCode(learnerId, now);
    const url = `${origin}/devices/link#${code}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return NextResponse.json({ code, url, expiresAt: expiresAt.toISOString(), qrSvg }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
