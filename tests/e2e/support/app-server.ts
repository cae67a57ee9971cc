// Owns running copies of the app for the HTTP and browser tests: the servers shared by test files (one
// per configuration, started by the global setup) and the servers a file starts for itself (it kills
// them, breaks their disk, trips their circuit breaker or throttle). Either way the build is the global
// setup's and the database a copy of its template, already migrated and seeded.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../support/free-port';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BrowserContext } from 'playwright-core';
import { RemoteFake, startFakeDeepL, type FakeControl, type FakeDeepL } from '../../fake-deepl/server';
import { buildForTests, prepareTemplates } from './prepare';
import { callFormAction } from './server-actions';
import type { SharedServerName } from './servers';

export interface RunningApp {
  baseUrl: string;
  /** The fake DeepL this server talks to (shared servers: in the global setup's process, over HTTP). */
  fake: FakeControl;
  /** Everything the server printed so far (stdout and stderr interleaved; a shared server's from every file). */
  output(): string;
  /** The server's ADMIN_PASSWORD (null: started without one). */
  adminPassword: string | null;
  /** Headers that make a request an editor's: `Authorization: Bearer <ADMIN_PASSWORD>`. */
  editorHeaders(): Record<string, string>;
  /** A new one-time sign-in link, made as `npm run signin-link` makes it (same database and settings). */
  newSignInLink(): Promise<string>;
  /** An editor session cookie ("nb-editor=…"), got once through the sign-in form's action (or a new sign-in link without a password). */
  editorCookie(): Promise<string>;
  /** Signs a browser context in as an editor (the session cookie, as /signin sets it). */
  signInBrowser(context: BrowserContext): Promise<void>;
}

/** A server this test file started: it owns its fake DeepL (in this process) and may kill it. */
export interface OwnApp extends RunningApp {
  fake: FakeDeepL;
  /** Sends `signal` to the server's whole process group and resolves once every process of it has ended. */
  kill(signal: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The DeepL key every test server gets unless told otherwise, at build time too (the global setup
 * builds with it in the environment): distinctive, so tests can look for it in what is served.
 */
export const E2E_DEEPL_KEY = 'nb-e2e-fake-deepl-key-7f3c1a9e52d4:fx';

/** The ADMIN_PASSWORD every test server gets unless told otherwise: importing, removing and assignments need an editor. */
export const E2E_ADMIN_PASSWORD = 'nb-e2e-editor-password-3c9d';

const execFileAsync = promisify(execFile);

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** scripts/build.mjs writes the hash of the sources it built here; next to it, which key that build had. */
const BUILD_STAMP = path.join(REPO_ROOT, '.next', 'nebeneinander-source-hash');
const BUILD_KEY_STAMP = path.join(REPO_ROOT, '.next', 'nebeneinander-e2e-build-key.json');
const START_TIMEOUT_MS = 120_000;
const POLL_EVERY_MS = 100;
const KILL_GRACE_MS = 5_000;

/**
 * What the global setup hands every test file: it puts this, as JSON, in NB_E2E_CONTEXT, which every
 * test worker inherits (an environment variable rather than vitest's inject, so that this module
 * loads without vitest too: the benchmark starts servers with it).
 */
export interface E2eContext {
  /** Migrated SQLite files: with the demo article seeded, and without. */
  templates: { seeded: string; empty: string };
  /** Playwright's browser server (chromium.launchServer), or why there is none. */
  browser: { wsEndpoint: string } | { error: string };
  shared: Partial<Record<SharedServerName, SharedServerInfo>>;
}

export interface SharedServerInfo {
  baseUrl: string;
  fakeUrl: string;
  logFile: string;
  adminPassword: string | null;
  /** The server's environment (for `npm run signin-link` against its database). */
  env: Record<string, string>;
}

const CONTEXT_VARIABLE = 'NB_E2E_CONTEXT';

/** The global setup's context, or null outside a vitest run (the benchmark). */
export function e2eContext(): E2eContext | null {
  const json = process.env[CONTEXT_VARIABLE];
  return json ? (JSON.parse(json) as E2eContext) : null;
}

/** The global setup: hands `context` to every test worker it starts. */
export function provideE2eContext(context: E2eContext): void {
  process.env[CONTEXT_VARIABLE] = JSON.stringify(context);
}


const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True while any process of the group led by `pid` is alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function killGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || !groupAlive(pid)) return;
  process.kill(-pid, 'SIGTERM');
  const deadline = Date.now() + KILL_GRACE_MS;
  while (groupAlive(pid) && Date.now() < deadline) await delay(50);
  if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** After the global setup's build: remember which DeepL key (its hash) that build saw. */
export function recordBuildKey(key: string): void {
  fs.writeFileSync(BUILD_KEY_STAMP, JSON.stringify({ sources: fs.readFileSync(BUILD_STAMP, 'utf8'), key: sha256(key) }));
}

/** Makes the next buildIfChanged build again. */
export function forgetBuild(): void {
  fs.rmSync(BUILD_STAMP, { force: true });
}

/** True when the build in .next is the one the global setup made with `key` in its environment. */
export function builtWithKey(key: string): boolean {
  try {
    const stamp = JSON.parse(fs.readFileSync(BUILD_KEY_STAMP, 'utf8')) as { sources: string; key: string };
    return stamp.key === sha256(key) && stamp.sources === fs.readFileSync(BUILD_STAMP, 'utf8');
  } catch {
    return false;
  }
}

/** True once the server answers HTTP at all (any status). */
async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'manual' });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

export interface StartOptions {
  /** null: no key at all; default E2E_DEEPL_KEY. */
  deeplKey?: string | null;
  /** More environment for the server (e.g. TRUSTED_PROXIES). */
  env?: Record<string, string>;
  /**
   * The SQLite file to serve: when it does not exist yet it becomes a copy of the template; when it
   * does (a restart after a kill, a prepared or broken file) it is served as it is. Default: a fresh copy.
   */
  databaseFile?: string;
  /** A database to serve instead of a SQLite file (a PostgreSQL URL), its migrations already applied. */
  databaseUrl?: string;
  /** The template a new database is copied from: 'seeded' (the demo article, default) or 'empty'. */
  template?: 'seeded' | 'empty';
  /** null: no ADMIN_PASSWORD (editors sign in with the printed link); default E2E_ADMIN_PASSWORD (env.ADMIN_PASSWORD wins). */
  adminPassword?: string | null;
  /**
   * Start with `npm start` (scripts/start.mjs: database check, migrations, seed, the printed sign-in
   * link, the stop grace period) rather than serving the prepared copy directly: for the tests of those steps.
   */
  viaNpmStart?: boolean;
}

/** startApp's own options besides the server's. */
export interface OwnAppOptions extends StartOptions {
  /** Another app of this file whose fake DeepL this one uses too (several instances, one DeepL); it stays that app's to close. */
  fakeOf?: OwnApp;
}

interface Launched {
  baseUrl: string;
  env: NodeJS.ProcessEnv;
  adminPassword: string | null;
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Stops the server and removes its temporary files (not a databaseFile it was given). */
  stop(): Promise<void>;
}

/**
 * Starts one server against the fake DeepL at `fakeUrl`; resolves once GET / answers. Used by the
 * global setup (shared servers) and by startApp (a file's own). Its output goes to `logFile`.
 */
export async function launchServer(opts: StartOptions, fakeUrl: string, templates: E2eContext['templates'], logFile: string): Promise<Launched> {
  const port = await freePort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nebeneinander-e2e-'));
  const databaseFile = opts.databaseFile ?? path.join(tmp, 'app.db');
  if (!opts.databaseUrl && !fs.existsSync(databaseFile)) fs.copyFileSync(templates[opts.template ?? 'seeded'], databaseFile);
  const deeplKey = opts.deeplKey === null ? '' : (opts.deeplKey ?? E2E_DEEPL_KEY);
  const adminPassword = opts.env?.ADMIN_PASSWORD ?? (opts.adminPassword === null ? null : (opts.adminPassword ?? E2E_ADMIN_PASSWORD));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ADMIN_PASSWORD: adminPassword ?? '',
    ...opts.env,
    PORT: String(port),
    DATABASE_URL: opts.databaseUrl ?? `file:${databaseFile}`,
    DEEPL_AUTH_KEY: deeplKey,
    DEEPL_SERVER_URL: fakeUrl,
    NEXT_TELEMETRY_DISABLED: '1',
    CHECKPOINT_DISABLE: '1',
  };
  const script = opts.viaNpmStart ? 'scripts/start.mjs' : 'scripts/serve.mjs';
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [script], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const output = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');

  const kill = async (signal: NodeJS.Signals) => {
    const pid = child.pid;
    if (pid === undefined || !groupAlive(pid)) return;
    process.kill(-pid, signal);
    while (groupAlive(pid)) await delay(20);
  };
  const stop = async () => {
    await killGroup(child);
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  const fail = async (why: string): Promise<never> => {
    const tail = output().split('\n').slice(-40).join('\n');
    await stop();
    throw new Error(`The app did not start: ${why}.\nLast 40 lines of its output:\n${tail}`);
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      return fail(`${script} ended (exit code ${child.exitCode ?? 'none'}, signal ${child.signalCode ?? 'none'})`);
    }
    if (await answers(`${baseUrl}/`)) break;
    if (Date.now() > deadline) return fail(`GET / did not answer within ${START_TIMEOUT_MS / 1000} s`);
    await delay(POLL_EVERY_MS);
  }
  return { baseUrl, env, adminPassword, output, kill, stop };
}

/** The editor helpers every running app has, for a server at `baseUrl` with `env`. */
function editorAccess(baseUrl: string, env: Record<string, string | undefined>, adminPassword: string | null) {
  const editorHeaders = () => {
    if (adminPassword === null) throw new Error('This test server has no ADMIN_PASSWORD: sign in with a sign-in link.');
    return { authorization: `Bearer ${adminPassword}` };
  };
  // Not execFileSync: blocking this process for the seconds the script takes under load lets the
  // server close this process's idle keep-alive sockets unnoticed, and the next POST on one fails (EPIPE).
  const newSignInLink = async () => {
    const { stdout: printed } = await execFileAsync(process.execPath, [path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/signin-link.ts'], { cwd: REPO_ROOT, env: env as NodeJS.ProcessEnv, encoding: 'utf8' });
    const link = /http:\/\/\S+\/signin\?token=[\w-]+/.exec(printed)?.[0];
    if (!link) throw new Error(`npm run signin-link printed no link:\n${printed}`);
    return link;
  };
  let cookie: Promise<string> | undefined;
  const editorCookie = () =>
    (cookie ??= (async () => {
      const answer =
        adminPassword === null
          ? await callFormAction(baseUrl, '/signin', { file: 'app/editor-actions.ts', name: 'signInWithLinkAction' }, { token: new URL(await newSignInLink()).searchParams.get('token')!, next: '/' })
          : await callFormAction(baseUrl, '/signin', { file: 'app/editor-actions.ts', name: 'signInAction' }, { password: adminPassword, next: '/' });
      const set = answer.headers.getSetCookie().find((c) => c.startsWith('nb-editor='));
      if (!set) throw new Error(`Signing in as an editor failed: ${JSON.stringify(answer.result)}`);
      return set.split(';')[0];
    })().catch((error: unknown) => {
      cookie = undefined; // a failed sign-in is not remembered: the next call tries again
      throw error;
    }));
  const signInBrowser = async (context: BrowserContext) => {
    const [name, value] = (await editorCookie()).split(/=(.*)/);
    await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  };
  return { editorHeaders, newSignInLink, editorCookie, signInBrowser };
}

/**
 * Starts a server of this test file's own, against its own fake DeepL: for tests that kill it, fill
 * its disk, trip its circuit breaker or throttles, or need a configuration no shared server has.
 */
export async function startApp(opts: OwnAppOptions = {}): Promise<OwnApp> {
  const templates = e2eContext()?.templates ?? (await templatesOutsideVitest());
  const ownFake = !opts.fakeOf;
  const fake = opts.fakeOf?.fake ?? (await startFakeDeepL());
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nebeneinander-e2e-log-'));
  let launched: Launched;
  try {
    launched = await launchServer(opts, fake.url, templates, path.join(logDir, 'server.log'));
  } catch (error) {
    if (ownFake) await fake.close();
    fs.rmSync(logDir, { recursive: true, force: true });
    throw error;
  }
  const stop = async () => {
    await launched.stop();
    if (ownFake) await fake.close();
    fs.rmSync(logDir, { recursive: true, force: true });
  };
  return { baseUrl: launched.baseUrl, fake, output: launched.output, adminPassword: launched.adminPassword, ...editorAccess(launched.baseUrl, launched.env, launched.adminPassword), kill: launched.kill, stop };
}

let outsideVitest: Promise<E2eContext['templates']> | undefined;

/** The benchmark (tsx, no vitest global setup): the build and templates, prepared once per process. */
function templatesOutsideVitest(): Promise<E2eContext['templates']> {
  return (outsideVitest ??= (async () => {
    buildForTests();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nebeneinander-bench-templates-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    return prepareTemplates(dir);
  })());
}

/**
 * The server of configuration `name` that the global setup started for every test file (see
 * ./servers.ts). Other files use it at the same time: a test works with its own articles (a word of
 * its own in each text), its own learners (a fresh browser context or cookie) and asks the fake
 * DeepL only about requests holding its own word.
 */
export function sharedApp(name: SharedServerName): RunningApp {
  const info = e2eContext()?.shared[name];
  if (!info) throw new Error(`No shared test server "${name}": the e2e global setup (tests/e2e/support/global-setup.ts) did not start it.`);
  const output = () => fs.readFileSync(info.logFile, 'utf8');
  return { baseUrl: info.baseUrl, fake: new RemoteFake(info.fakeUrl), output, adminPassword: info.adminPassword, ...editorAccess(info.baseUrl, info.env, info.adminPassword) };
}

/** A word no other test sends: put it in a test's texts and ask the fake DeepL about it. */
export function uniqueWord(prefix = 'Testwort'): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * An X-Forwarded-For address no other test uses (a random /64 of IPv6's documentation prefix, which the
 * sign-in throttle counts as one client): on the `trustedProxy` server a test is a client of its own.
 */
export function uniqueClientAddress(): string {
  const group = () => Math.floor(Math.random() * 0x10000).toString(16);
  return `2001:db8:${group()}:${group()}::1`;
}

/** Imports an article as the editor (POST /api/articles, the server's ADMIN_PASSWORD as a Bearer token); its slug. */
export async function importArticle(app: RunningApp, text: string, title?: string): Promise<string> {
  const res = await fetch(`${app.baseUrl}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...app.editorHeaders() },
    body: JSON.stringify({ text, title }),
  });
  if (res.status !== 201) throw new Error(`import failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { slug: string }).slug;
}
