// Vitest: unit tests, integration tests (real SQLite per file, fake DeepL), browser tests (Chromium, next start).
import os from 'node:os';
import { defineConfig } from 'vitest/config';
import LongestFirst from './tests/support/sequencer';

const alias = { '@': import.meta.dirname };

export default defineConfig({
  resolve: { alias },
  test: {
    // Browser and HTTP test files mostly wait on servers and Chromium: three at once keep a 2-core
    // machine busy (vitest's default there is one); more cores, more files.
    maxWorkers: Math.max(3, os.availableParallelism() - 1),
    globalSetup: ['tests/support/global-setup.ts'],
    sequence: { sequencer: LongestFirst },
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          setupFiles: ['tests/support/fresh-database.ts'],
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
