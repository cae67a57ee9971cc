// Owns setting ADMIN_PASSWORD for in-process tests of the editor checks, and putting everything back.
import { afterEach } from 'vitest';
import { resetPasswordThrottleForTests } from '@/lib/auth/throttle';
import { resetEnvForTests } from '@/lib/env';

/** Sets (or, with undefined, removes) ADMIN_PASSWORD and makes the app read its environment again. */
export function withPassword(password: string | undefined): void {
  if (password === undefined) delete process.env.ADMIN_PASSWORD;
  else process.env.ADMIN_PASSWORD = password;
  resetEnvForTests();
}

/** After each test of the calling file (it needs a database): no password, and no client slowed down by earlier wrong ones. */
export function resetEditorAfterEach(): void {
  afterEach(async () => {
    withPassword(undefined);
    await resetPasswordThrottleForTests();
  });
}
