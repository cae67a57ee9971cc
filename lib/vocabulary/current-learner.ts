// The learner of the request being served (route handlers, Server Actions and pages).
import { cookies, headers } from 'next/headers';
import { AppError } from '../errors';
import { crossSiteReason } from '../net/cross-site';
import { pageOrigin } from '../sharing/origin';
import { LEARNER_COOKIE, LEARNER_COOKIE_SECONDS, credentialFromCookie, learnerIdFromCookie, newLearner, type LearnerCredential } from './learner';

/** The learner in the cookie, or null (pages: they cannot set cookies). */
export async function findLearnerId(): Promise<string | null> {
  return learnerIdFromCookie((await cookies()).get(LEARNER_COOKIE)?.value);
}

/** The learner and device in the cookie, or null. */
export async function findLearnerCredential(): Promise<LearnerCredential | null> {
  return credentialFromCookie((await cookies()).get(LEARNER_COOKIE)?.value);
}

/**
 * 403 for a request another site sent, whatever its method: no learner cookie is set or changed for one.
 * A browser sends no SameSite=Lax cookie there, and a new cookie would replace the learner's own (their
 * notes out of reach). `refusal` says what was not done.
 */
export async function refuseCrossSiteOrThrow(refusal: string): Promise<string> {
  const h = await headers();
  const origin = await pageOrigin();
  const from = crossSiteReason(h.get('sec-fetch-site'), h.get('origin'), origin);
  if (from) throw new AppError('forbidden', `Refused: this request was sent by ${from}, so ${refusal}. Open ${origin}/vocabulary to see your notes.`);
  return origin;
}

/** Sends the learner cookie with the answer (never to a request from another site). */
export async function setLearnerCookie(value: string, refusal: string): Promise<void> {
  const origin = await refuseCrossSiteOrThrow(refusal);
  (await cookies()).set(LEARNER_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: origin.startsWith('https:'),
    path: '/',
    maxAge: LEARNER_COOKIE_SECONDS,
  });
}

/** Ends the learner cookie (this browser revoked itself): its next request is a new learner. */
export async function clearLearnerCookie(): Promise<void> {
  (await cookies()).delete(LEARNER_COOKIE);
}

/** The learner in the cookie; without a valid one, a new learner whose cookie goes out with the answer. */
export async function learnerIdOrNew(): Promise<string> {
  const existing = await findLearnerId();
  if (existing) return existing;
  const learner = await newLearner();
  await setLearnerCookie(learner.cookie, 'no learner was made');
  return learner.id;
}
