// The only reader of process.env: parses the configuration once and explains what is wrong.
import { z } from 'zod';
import { DEFAULT_DATABASE_URL, isDatabaseUrl } from './database-url';
import { parseTrustedProxies } from './net/trusted-proxies';
import { parseAllowedHosts } from './net/address-check';

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const INSTANCES_HINT = 'must be a whole number from 1 to 64, such as 4 (one per processor core is a good start)';

const envSchema = z.object({
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(
        isDatabaseUrl,
        'must be a SQLite file URL such as file:./prisma/nebeneinander.db or a PostgreSQL URL such as postgresql://user:password@localhost:5432/nebeneinander',
      )
      .default(DEFAULT_DATABASE_URL),
  ),
  DEEPL_AUTH_KEY: z.preprocess(emptyAsUndefined, z.string().trim().optional()),
  DEEPL_SERVER_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api-free.deepl.com' }).optional(),
  ),
  DEEPL_TARGET_LANG: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() || undefined : v),
    z.enum(['EN-US', 'EN-GB'], { error: 'must be EN-US or EN-GB' }).default('EN-US'),
  ),
  /** The address learners use, for absolute links (e.g. https://deutsch.example-school.org). */
  PUBLIC_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://reader.example.org' }).optional(),
  ),
  /** The port `npm start` serves on; the page cache renders pages through it. */
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65_535).default(3000)),
  /** How many app processes `npm start` serves, on PORT, PORT+1, ...: the instances a load balancer spreads requests over. */
  INSTANCES: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: INSTANCES_HINT }).int(INSTANCES_HINT).min(1, INSTANCES_HINT).max(64, INSTANCES_HINT).default(1),
  ),
  /** Editors may sign in with it, scripts send it as a Bearer token; without it editors use one-time sign-in links. */
  ADMIN_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(8, 'must be at least 8 characters').optional()),
  /** Whether `npm start` adds the bundled demo article (a class instance may not want it). */
  SEED_DEMO: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).default('true').transform((v) => v === 'true' || v === '1'),
  ),
  /** Tests only (tests/e2e/vocabulary-crash.test.ts): "true" stops every vocabulary import inside its
   *  write transaction, after a log line, until the process is killed. */
  TEST_HOLD_VOCABULARY_IMPORT: z.preprocess(emptyAsUndefined, z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').transform((v) => v === 'true')),
  /** Tests only (tests/e2e/crash.test.ts): "true" stops every article import inside its write transaction,
   *  its blocks written but not committed, after a log line, until the process is killed. */
  TEST_HOLD_ARTICLE_IMPORT: z.preprocess(emptyAsUndefined, z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').transform((v) => v === 'true')),
  /** Characters DeepL may bill per UTC day (blocks and selections); unset: no limit of our own. */
  TRANSLATION_DAILY_CHAR_LIMIT: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'must be a whole number of characters such as 50000' })
      .int('must be a whole number of characters such as 50000')
      .positive('must be a positive number of characters such as 50000')
      .optional(),
  ),
  /** Proxies in front of the app whose X-Forwarded-For/-Host/-Proto and X-Real-IP are believed; empty: none. */
  TRUSTED_PROXIES: z.preprocess(
    (v) => v ?? '',
    z.string().transform((text, ctx) => {
      const parsed = parseTrustedProxies(text);
      if ('proxies' in parsed) return parsed.proxies;
      ctx.issues.push({ code: 'custom', message: parsed.error, input: text });
      return z.NEVER;
    }),
  ),
  /** Internal hosts ("host" or "host:port", comma-separated) a web-page import may fetch; empty: public addresses only. */
  IMPORT_ALLOWED_HOSTS: z.preprocess(
    (v) => v ?? '',
    z.string().transform((text, ctx) => {
      const parsed = parseAllowedHosts(text);
      if ('hosts' in parsed) return parsed.hosts;
      ctx.issues.push({ code: 'custom', message: parsed.error, input: text });
      return z.NEVER;
    }),
  ),
  /** How long a page waits for DeepL before it renders with pending blocks, in ms. */
  DEEPL_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(120_000).default(15_000)),
}).superRefine((env, ctx) => {
  if (env.PORT + env.INSTANCES - 1 > 65_535) {
    ctx.addIssue({ code: 'custom', path: ['INSTANCES'], message: `PORT ${env.PORT} + ${env.INSTANCES} instances would pass port 65535: use a lower PORT or fewer instances` });
  }
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Parses the environment once; throws an error naming each bad variable and what it should be. */
export function getEnvOrThrow(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests change the environment between cases; this forgets the parsed copy. */
export function resetEnvForTests(): void {
  cached = undefined;
}
