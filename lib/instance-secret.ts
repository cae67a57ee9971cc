// Secrets the instance makes for itself on first use and keeps in AppSecret (the key that signs learner
// cookies, the one that signs editor sessions): restarts and other processes on the database share them.
import { randomBytes } from 'node:crypto';
import { db } from './db';

const globalForSecrets = globalThis as unknown as { nebeneinanderSecrets?: Map<string, Promise<Buffer>> };
const secrets = (globalForSecrets.nebeneinanderSecrets ??= new Map<string, Promise<Buffer>>());

/** The 32-byte secret called `name`, made on first use. */
export function instanceSecret(name: string): Promise<Buffer> {
  let secret = secrets.get(name);
  if (!secret) {
    secret = (async () => {
      const create = () => db.appSecret.upsert({ where: { name }, create: { name, value: randomBytes(32).toString('base64url') }, update: {} });
      // Two processes making it at once: one insert wins, the other reads the winner's.
      const row = await create().catch(async (error: unknown) => (await db.appSecret.findUnique({ where: { name } })) ?? Promise.reject(error));
      return Buffer.from(row.value, 'base64url');
    })().catch((error: unknown) => {
      secrets.delete(name);
      throw error;
    });
    secrets.set(name, secret);
  }
  return secret;
}

/** Forgets the cached secrets (tests that swap databases). */
export function forgetInstanceSecretsForTests(): void {
  secrets.clear();
}
