import { getAssignmentByCode } from '@/lib/sharing/assignments';
import { pageOrigin } from '@/lib/sharing/origin';
import { qrSvgResponse } from '@/lib/sharing/qr';

/** A QR code of an assignment's short link. */
export async function GET(_request: Request, { params }: { params: Promise<{ code: string }> }) {
  const assignment = await getAssignmentByCode((await params).code);
  if (!assignment) return new Response('No such assignment.', { status: 404 });
  return qrSvgResponse(`${await pageOrigin()}/s/${assignment.code}`);
}
