// Anonymous learners: a random id in a signed httpOnly cookie. The row is created on the first save;
// a cookie that is missing, malformed or not signed by this instance means a new learner.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { db } from '../db';
import { forgetInstanceSecretsForTests, instanceSecret } from '../instance-secret';

export const LEARNER_COOKIE = 'nb-learner';
/** Chrome caps cookie lifetimes at 400 days; a learner who reads at least once a year keeps their notes. */
export const LEARNER_COOKIE_SECONDS = 400 * 24 * 60 * 60;

const ID = /^[A-Za-z0-9_-]{22}$/;
export const LEARNER_SECRET_NAME = 'learner-cookie';

/** The instance's signing secret: made once, kept in the database so restarts keep everyone's notes. */
const secret = () => instanceSecret(LEARNER_SECRET_NAME);

function sign(id: string, key: Buffer): string {
  return createHmac('sha256', key).update(`learner\u0000${id}`).digest('base64url');
}

/** The cookie value for a learner id under a given secret (the benchmark builds learners directly). */
export function learnerCookieValue(id: string, key: Buffer): string {
  return `${id}.${sign(id, key)}`;
}

/** The learner id in a cookie value, or null when there is none or it was not signed here. */
export async function learnerIdFromCookie(value: string | undefined): Promise<string | null> {
  const [id, signature, ...rest] = (value ?? '').split('.');
  if (!id || !signature || rest.length > 0 || !ID.test(id)) return null;
  const expected = Buffer.from(sign(id, await secret()));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** A new learner: the id and the cookie value that carries it. */
export async function newLearner(): Promise<{ id: string; cookie: string }> {
  const id = randomBytes(16).toString('base64url');
  return { id, cookie: learnerCookieValue(id, await secret()) };
}

/**
 * Makes sure the learner's row exists (on their first save). One statement, so two first saves at
 * once (two tabs, two instances) never fail on the key, as Prisma's upsert does on PostgreSQL (P2002).
 */
export async function ensureLearnerRow(id: string): Promise<void> {
  await db.$executeRaw`INSERT INTO "Learner" (id, "createdAt") VALUES (${id}, ${new Date()}) ON CONFLICT (id) DO NOTHING`;
}

/** Forgets the cached secret (tests that swap databases). */
export function forgetLearnerSecretForTests(): void {
  forgetInstanceSecretsForTests();
}
