// Owns one running copy of the app for a browser test file: fake DeepL, fresh SQLite, `node scripts/start.mjs`.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { startFakeDeepL, type FakeDeepL } from '../../fake-deepl/server';
import { callFormAction } from './server-actions';

export interface RunningApp {
  baseUrl: string;
  fake: FakeDeepL;
  /** Everything the server printed so far (stdout and stderr interleaved). */
  output(): string;
  /** The server's ADMIN_PASSWORD (null: started without one). */
  adminPassword: string | null;
  /** Headers that make a request an editor's: `Authorization: Bearer <ADMIN_PASSWORD>`. */
  editorHeaders(): Record<string, string>;
  /** A new one-time sign-in link, made as `npm run signin-link` makes it (same database and settings). */
  newSignInLink(): string;
  /** An editor session cookie ("nb-editor=…"), got once through the sign-in form's action (or a new sign-in link without a password). */
  editorCookie(): Promise<string>;
  /** Signs a browser context in as an editor (the session cookie, as /signin sets it). */
  signInBrowser(context: BrowserContext): Promise<void>;
  /** Sends `signal` to the server's whole process group and resolves once every process of it has ended. */
  kill(signal: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The DeepL key every test server gets unless told otherwise, at build time too (scripts/start.mjs
 * builds with the same environment): distinctive, so tests can look for it in what is served.
 */
export const E2E_DEEPL_KEY = 'nb-e2e-fake-deepl-key-7f3c1a9e52d4:fx';

/** The ADMIN_PASSWORD every test server gets unless told otherwise: importing, removing and assignments need an editor. */
export const E2E_ADMIN_PASSWORD = 'nb-e2e-editor-password-3c9d';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** scripts/start.mjs writes the hash of the sources it built here; next to it, which key that build had. */
const BUILD_STAMP = path.join(REPO_ROOT, '.next', 'nebeneinander-source-hash');
const BUILD_KEY_STAMP = path.join(REPO_ROOT, '.next', 'nebeneinander-e2e-build-key.json');
const START_TIMEOUT_MS = 240_000;
const POLL_EVERY_MS = 250;
const KILL_GRACE_MS = 5_000;
const KEPT_OUTPUT_LINES = 2_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
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
  while (groupAlive(pid) && Date.now() < deadline) await delay(100);
  if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** After a start that ran `next build`: remember which DeepL key (its hash) that build saw. */
function recordBuildKey(lines: string[], key: string): void {
  if (!lines.includes('> next build') || !fs.existsSync(BUILD_STAMP)) return;
  fs.writeFileSync(BUILD_KEY_STAMP, JSON.stringify({ sources: fs.readFileSync(BUILD_STAMP, 'utf8'), key: sha256(key) }));
}

/** True when the build in .next is the one a test start made with `key` in its environment. */
export function builtWithKey(key: string): boolean {
  try {
    const stamp = JSON.parse(fs.readFileSync(BUILD_KEY_STAMP, 'utf8')) as { sources: string; key: string };
    return stamp.key === sha256(key) && stamp.sources === fs.readFileSync(BUILD_STAMP, 'utf8');
  } catch {
    return false;
  }
}

/** Makes the next startApp build again (scripts/start.mjs builds when the stamp does not match). */
export function forgetBuild(): void {
  fs.rmSync(BUILD_STAMP, { force: true });
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

/** Starts the app as `npm start` would, against a fake DeepL and an empty database; resolves once GET / answers. */
export interface StartOptions {
  /** null: no key at all; default E2E_DEEPL_KEY. */
  deeplKey?: string | null;
  /** More environment for the server (e.g. SEED_DEMO). */
  env?: Record<string, string>;
  /** An existing SQLite file to serve (the benchmark's prepared databases); default a fresh one. */
  databaseFile?: string;
  /** null: no ADMIN_PASSWORD (editors sign in with the printed link); default E2E_ADMIN_PASSWORD (env.ADMIN_PASSWORD wins). */
  adminPassword?: string | null;
}

export async function startApp(opts: StartOptions = {}): Promise<RunningApp> {
  const fake = await startFakeDeepL();
  const port = await freePort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nebeneinander-e2e-'));
  const deeplKey = opts.deeplKey === null ? '' : (opts.deeplKey ?? E2E_DEEPL_KEY);
  const adminPassword = opts.env?.ADMIN_PASSWORD ?? (opts.adminPassword === null ? null : (opts.adminPassword ?? E2E_ADMIN_PASSWORD));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ADMIN_PASSWORD: adminPassword ?? '',
    ...opts.env,
    PORT: String(port),
    DATABASE_URL: `file:${opts.databaseFile ?? path.join(tmp, 'app.db')}`,
    DEEPL_AUTH_KEY: deeplKey,
    DEEPL_SERVER_URL: fake.url,
    NEXT_TELEMETRY_DISABLED: '1',
    CHECKPOINT_DISABLE: '1',
  };
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.trim() !== ''));
    if (lines.length > KEPT_OUTPUT_LINES) lines.splice(0, lines.length - KEPT_OUTPUT_LINES);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const kill = async (signal: NodeJS.Signals) => {
    const pid = child.pid;
    if (pid === undefined || !groupAlive(pid)) return;
    process.kill(-pid, signal);
    while (groupAlive(pid)) await delay(20);
  };
  const stop = async () => {
    await killGroup(child);
    await fake.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  const fail = async (why: string): Promise<never> => {
    const tail = lines.slice(-40).join('\n');
    await stop();
    throw new Error(`The app did not start: ${why}.\nLast 40 lines of its output:\n${tail}`);
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      return fail(`scripts/start.mjs ended (exit code ${child.exitCode ?? 'none'}, signal ${child.signalCode ?? 'none'})`);
    }
    if (await answers(`${baseUrl}/`)) break;
    if (Date.now() > deadline) return fail(`GET / did not answer within ${START_TIMEOUT_MS / 1000} s`);
    await delay(POLL_EVERY_MS);
  }
  recordBuildKey(lines, deeplKey);

  const editorHeaders = () => {
    if (adminPassword === null) throw new Error('This test server has no ADMIN_PASSWORD: sign in with the link it printed.');
    return { authorization: `Bearer ${adminPassword}` };
  };
  const newSignInLink = () => {
    const printed = execFileSync(process.execPath, [path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/signin-link.ts'], { cwd: REPO_ROOT, env, encoding: 'utf8' });
    const link = /http:\/\/\S+\/signin\?token=[\w-]+/.exec(printed)?.[0];
    if (!link) throw new Error(`npm run signin-link printed no link:\n${printed}`);
    return link;
  };
  let cookie: Promise<string> | undefined;
  const editorCookie = () =>
    (cookie ??= (async () => {
      const answer =
        adminPassword === null
          ? await callFormAction(baseUrl, '/signin', { file: 'app/editor-actions.ts', name: 'signInWithLinkAction' }, { token: new URL(newSignInLink()).searchParams.get('token')!, next: '/' })
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
  return { baseUrl, fake, output: () => lines.join('\n'), adminPassword, editorHeaders, newSignInLink, editorCookie, signInBrowser, kill, stop };
}
