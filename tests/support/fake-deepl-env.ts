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
    process.env.DEEPL_TIMEOUT_MS = '2000';
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
