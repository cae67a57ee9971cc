// The learner of the request being served (route handlers, Server Actions and pages).
import { cookies, headers } from 'next/headers';
import { AppError } from '../errors';
import { crossSiteReason } from '../net/cross-site';
import { pageOrigin } from '../sharing/origin';
import { LEARNER_COOKIE, LEARNER_COOKIE_SECONDS, learnerIdFromCookie, newLearner } from './learner';

/** The learner in the cookie, or null (pages: they cannot set cookies). */
export async function findLearnerId(): Promise<string | null> {
  return learnerIdFromCookie((await cookies()).get(LEARNER_COOKIE)?.value);
}

/**
 * The learner in the cookie; without a valid one, a new learner whose cookie goes out with the answer.
 * Never on a request from another site, whatever its method: a browser sends no SameSite=Lax cookie
 * there, and a new cookie would replace the learner's own (their notes out of reach).
 */
export async function learnerIdOrNew(): Promise<string> {
  const existing = await findLearnerId();
  if (existing) return existing;
  const h = await headers();
  const origin = await pageOrigin();
  const from = crossSiteReason(h.get('sec-fetch-site'), h.get('origin'), origin);
  if (from) throw new AppError('forbidden', `Refused: this request was sent by ${from}, so no learner was made. Open ${origin}/vocabulary to see your notes.`);
  const learner = await newLearner();
  (await cookies()).set(LEARNER_COOKIE, learner.cookie, {
    httpOnly: true,
    sameSite: 'lax',
    secure: origin.startsWith('https:'),
    path: '/',
    maxAge: LEARNER_COOKIE_SECONDS,
  });
  return learner.id;
}
