// The learner of the request being served (route handlers, Server Actions and pages).
import { cookies } from 'next/headers';
import { pageOrigin } from '../sharing/origin';
import { LEARNER_COOKIE, LEARNER_COOKIE_SECONDS, learnerIdFromCookie, newLearner } from './learner';

/** The learner in the cookie, or null (pages: they cannot set cookies). */
export async function findLearnerId(): Promise<string | null> {
  return learnerIdFromCookie((await cookies()).get(LEARNER_COOKIE)?.value);
}

/** The learner in the cookie; without a valid one, a new learner whose cookie goes out with the answer. */
export async function learnerIdOrNew(): Promise<string> {
  const existing = await findLearnerId();
  if (existing) return existing;
  const learner = await newLearner();
  (await cookies()).set(LEARNER_COOKIE, learner.cookie, {
    httpOnly: true,
    sameSite: 'lax',
    secure: (await pageOrigin()).startsWith('https:'),
    path: '/',
    maxAge: LEARNER_COOKIE_SECONDS,
  });
  return learner.id;
}
