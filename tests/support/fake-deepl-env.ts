// Points the app's DeepL client at a fake DeepL server for one test file.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { startFakeDeepL, type FakeDeepL } from '../fake-deepl/server';

export function useFakeDeepL(): { get(): FakeDeepL } {
  let fake: FakeDeepL | undefined;
  beforeAll(async () => {
    fake = await startFakeDeepL();
    process.env.DEEPL_AUTH_KEY = 'test-key:fx';
    process.env.DEEPL_SERVER_URL = fake.url;
    // Long enough that a fake slowed by a busy machine is never taken for a hang (deepl-node would try
    // again, and a test counting DeepL's requests would see two); tests of a hang set a short one.
    process.env.DEEPL_TIMEOUT_MS = '10000';
    resetEnvForTests();
  });
  beforeEach(() => fake?.reset());
  afterAll(async () => {
    await fake?.close();
  });
  return {
    get() {
      if (!fake) throw new Error('the fake DeepL server is not running');
      return fake;
    },
  };
}
