import { revokeDeviceOrThrow } from '@/lib/devices/devices';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { clearLearnerCookie, findLearnerCredential } from '@/lib/vocabulary/current-learner';

type Context = { params: Promise<{ id: string }> };

/** DELETE /api/devices/{id} → 204: that browser's cookie stops working (its next request is a new learner). Another learner's → 404. */
export async function DELETE(_request: Request, { params }: Context) {
  try {
    const credential = await findLearnerCredential();
    const id = (await params).id;
    if (!credential) throw new AppError('not_found', 'No such device among yours: this browser is not signed in as a learner with devices.');
    await revokeDeviceOrThrow(credential.learnerId, id);
    if (id === credential.deviceId) await clearLearnerCookie();
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
