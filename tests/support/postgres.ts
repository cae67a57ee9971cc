// A throwaway PostgreSQL server for the tests that run the data layer on PostgreSQL: Debian's
// binaries (`apt-get install postgresql`), a temporary data directory, 127.0.0.1 on a free port, no
// password (trust), stopped and deleted afterwards. Without the binaries the caller skips and says why,
// unless NB_REQUIRE_POSTGRES=1 (CI, .ci/run), where a missing server is a failure.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export const POSTGRES_MISSING =
  'PostgreSQL tests skipped: no PostgreSQL server binaries at /usr/lib/postgresql/*/bin. Install them with ' +
  '`sudo apt-get install postgresql` (Debian/Ubuntu; the service need not run, the tests start their own server).';

export type TestPostgres = {
  /** A new, empty database on the server; its postgresql:// URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
};

/** The newest Debian PostgreSQL's bin folder, or null. */
function debianBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0], 'bin') : null;
}


/**
 * Starts a server, or answers null when this machine has no PostgreSQL (the caller skips). PostgreSQL
 * refuses to run as root: as root it runs as the `postgres` user the Debian package creates.
 */
export async function startPostgres(): Promise<TestPostgres | null> {
  const bin = debianBinaries();
  if (!bin) {
    if (process.env.NB_REQUIRE_POSTGRES === '1') throw new Error(POSTGRES_MISSING.replace('skipped', 'cannot run'));
    return null;
  }
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nebeneinander-pg-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    fs.chownSync(dir, Number(stdout.trim()), -1);
  }
  const pgCommand = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);
  const data = path.join(dir, 'data');
  await pgCommand('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  // Durability is not under test: without fsync a throwaway server is several times faster.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  await pgCommand('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', 'start']);
  const url = (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;

  return {
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      await pgCommand('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
