// The load balancer the repository ships (haproxy.cfg), in front of test instances: Debian's haproxy
// (`apt-get install haproxy`) run with that very file, listening on 127.0.0.1 only, its four server
// lines pointed at the given instances. Without the binary the caller skips and says why, unless
// NB_REQUIRE_HAPROXY=1 (CI, .ci/run), where a missing haproxy is a failure.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const HAPROXY_MISSING =
  'Load-balancer tests skipped: no haproxy found (PATH, /usr/sbin). Install it with `sudo apt-get install haproxy` ' +
  '(Debian/Ubuntu; the service need not run, the tests start their own with the shipped haproxy.cfg).';

export interface TestLoadBalancer {
  url: string;
  stop(): Promise<void>;
}

function haproxyBinary(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  return dirs.map((d) => path.join(d, 'haproxy')).find((file) => fs.existsSync(file)) ?? null;
}

/**
 * Starts haproxy with the shipped haproxy.cfg in front of `instances` (http://127.0.0.1:port URLs, at
 * most four: the file has four server lines, the rest repeat them); resolves once it answers
 * GET /api/health with 200. Null when this machine has no haproxy (the caller skips).
 */
export async function startLoadBalancer(instances: string[]): Promise<TestLoadBalancer | null> {
  const binary = haproxyBinary();
  if (!binary) {
    if (process.env.NB_REQUIRE_HAPROXY === '1') throw new Error(HAPROXY_MISSING.replace('skipped', 'cannot run'));
    return null;
  }
  const hosts = instances.map((url) => {
    const { hostname, port } = new URL(url);
    if (hostname !== '127.0.0.1') throw new Error(`test instances listen on 127.0.0.1 only, not ${url}`);
    return `${hostname}:${port}`;
  });
  const port = await freePort();
  const servers = Object.fromEntries([1, 2, 3, 4].map((n) => [`APP${n}`, hosts[(n - 1) % hosts.length]]));
  const child = spawn(binary, ['-f', path.join(ROOT, 'haproxy.cfg')], {
    env: { ...process.env, LB_BIND: `127.0.0.1:${port}`, ...servers },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`haproxy -f haproxy.cfg ended (exit ${child.exitCode}):\n${errors}`);
    const health = await fetch(`${url}/api/health`).then((res) => res.status, () => 0);
    if (health === 200) return { url, stop };
    if (tries > 200) {
      await stop();
      throw new Error(`haproxy did not answer GET /api/health with 200 within 10 s (last: ${health}):\n${errors}`);
    }
    await delay(50);
  }
}
