// `npm start`: apply migrations, seed the demo, build when the sources changed, print an editor sign-in link,
// then serve (scripts/serve.mjs): one server, or INSTANCES of them on consecutive ports, all of one build.
// Each step is idempotent, so running it again is safe. Stopping it (Ctrl-C, SIGTERM) stops the server too.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { buildIfChanged } from './build.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dev = process.argv.includes('--dev');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' };
const bin = (...p) => path.join(root, 'node_modules', ...p);

/**
 * Prisma 6.19 warns on every `migrate deploy` that the schema's datasource `url` is unused with a
 * driver adapter. The schema keeps it (without it the CLI goes looking for a native engine to
 * download), so that one notice is dropped; everything else Prisma prints is passed on.
 */
const ADAPTER_URL_WARNING = /\n?WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter[\s\S]*?only using driver adapters\.\n/;

/** `hintFor`, when given, reads the step's output (then shown once it ends) to add a hint on failure;
 *  `drop` removes a notice from what the step printed. */
function run(label, args, hintFor, drop = null) {
  console.log(`> ${label}`);
  const piped = Boolean(hintFor || drop);
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: piped ? ['inherit', 'pipe', 'pipe'] : 'inherit', encoding: 'utf8' });
  if (piped) {
    process.stdout.write(String(result.stdout ?? '').replace(drop ?? /$^/, ''));
    process.stderr.write(result.stderr ?? '');
  }
  if (result.status !== 0) {
    const hint = hintFor ? hintFor(`${result.stdout ?? ''}\n${result.stderr ?? ''}`) : '';
    console.error(`\n${label} failed (exit ${result.status ?? result.signal}). ${hint}Nothing was served; fix the message above and run npm start again.`);
    process.exit(result.status ?? 1);
  }
}

run('check the database', [bin('tsx', 'dist', 'cli.mjs'), 'scripts/check-database.ts']);
run(
  'prisma migrate deploy',
  [bin('prisma', 'build', 'index.js'), 'migrate', 'deploy'],
  (output) =>
    /SocketTimeout|database is locked|SQLITE_BUSY/i.test(output)
      ? 'A "SocketTimeout" or "database is locked" means another process has the database open: is the app already running on it? '
      : '',
  ADAPTER_URL_WARNING,
);
run('seed the demo article', [bin('tsx', 'dist', 'cli.mjs'), 'prisma/seed.ts']);

if (!dev) {
  console.log('> next build');
  const build = buildIfChanged({ env });
  if (build.outcome === 'skipped') console.log('  sources unchanged since the last build, skipped');
  if (build.outcome === 'failed') {
    console.error(`\nnext build failed (exit ${build.status}). Nothing was served; fix the message above and run npm start again.`);
    process.exit(typeof build.status === 'number' ? build.status : 1);
  }
}

run('editor sign-in link', [bin('tsx', 'dist', 'cli.mjs'), 'scripts/signin-link.ts', '--start']);

const port = Number(env.PORT || '3000');
// Validated with the rest of the environment by the database check above (lib/env.ts).
const instances = Number(env.INSTANCES || '1');
// Next finishes open requests before it exits: one that never ends (a stalled upload) would keep it
// running, so after a grace period it is stopped for good.
const STOP_GRACE_MS = 5_000;
const serve = (instancePort, stdio) =>
  spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs'), ...(dev ? ['--dev'] : [])], { cwd: root, env: { ...env, PORT: String(instancePort) }, stdio });

if (instances === 1) {
  console.log(`> serving on http://localhost:${port}`);
  // scripts/serve.mjs is `next start` (or `next dev`) behind a check of every request (lib/net/front.ts).
  const server = serve(port, 'inherit');
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      server.kill(signal);
      setTimeout(() => {
        console.error(`The server did not stop within ${STOP_GRACE_MS / 1000} s (a request was still open): stopping it now.`);
        server.kill('SIGKILL');
      }, STOP_GRACE_MS).unref();
    });
  }
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  serveInstances();
}

/**
 * INSTANCES=N: N servers of the one build, on PORT ... PORT+N-1, for a load balancer (README, "Running
 * for a whole school or district"). Each line they print starts with its port. One that ends is started
 * again, after a pause that doubles while it keeps ending within a minute (up to 30 s).
 */
function serveInstances() {
  const last = port + instances - 1;
  console.log(`> serving ${instances} instances on http://localhost:${port} to http://localhost:${last}; put the load balancer in front of them`);
  const running = new Map();
  let stopping = false;
  const start = (instancePort, pauseMs) => {
    const startedAt = Date.now();
    const child = serve(instancePort, ['ignore', 'pipe', 'pipe']);
    running.set(instancePort, child);
    for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      readline.createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => to.write(`[${instancePort}] ${line}\n`));
    }
    child.on('exit', (code, signal) => {
      running.delete(instancePort);
      if (stopping) {
        if (running.size === 0) process.exit(0);
        return;
      }
      const pause = Date.now() - startedAt > 60_000 ? 1_000 : pauseMs;
      console.error(`[${instancePort}] the instance ended (${signal ?? `exit ${code}`}); starting it again in ${pause / 1000} s`);
      setTimeout(() => {
        if (!stopping) start(instancePort, Math.min(pause * 2, 30_000));
      }, pause);
    });
  };
  for (let p = port; p <= last; p++) start(p, 1_000);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      stopping = true;
      if (running.size === 0) process.exit(0);
      for (const child of running.values()) child.kill(signal);
      setTimeout(() => {
        console.error(`Not every instance stopped within ${STOP_GRACE_MS / 1000} s (a request was still open): stopping them now.`);
        for (const child of running.values()) child.kill('SIGKILL');
      }, STOP_GRACE_MS).unref();
    });
  }
}
