// Owns the configurations of the servers the browser and HTTP test files share (one server each,
// started once by the global setup). A file that changes a server's process-wide state (kills it,
// trips its circuit breaker, its wrong-password throttle or a rate limit of the one loopback client)
// starts its own with startApp instead.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StartOptions } from './app-server';

const GUARD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'outbound-guard.cjs');

export const SHARED_SERVERS = {
  /** As most instances run: a DeepL key, ADMIN_PASSWORD, the demo article; the outbound guard records any download. */
  default: { env: { NODE_OPTIONS: `--require ${GUARD}` } },
  /** A fresh install's default: no ADMIN_PASSWORD, so editors sign in with a one-time link. */
  noPassword: { adminPassword: null },
  /** No DeepL key at all: German only, every English cell says why. */
  noKey: { deeplKey: null },
  /** Behind a proxy on this machine: X-Forwarded-For from 127.0.0.1 counts, so each test can be a client of its own. */
  trustedProxy: { env: { TRUSTED_PROXIES: '127.0.0.1' } },
} satisfies Record<string, StartOptions>;

export type SharedServerName = keyof typeof SHARED_SERVERS;
