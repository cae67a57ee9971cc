// The test's side of hold-renders.cjs: a server on 127.0.0.1 that the app asks before it keeps a render
// in its page cache, so a test can act (remove an article) while a render is in flight.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'hold-renders.cjs');

export interface HoldControl {
  /** Environment for startApp: the preload and where it asks. */
  env: Record<string, string>;
  /** Resolves once the render of the article with slug `<name>` (hold-…) is complete and held. */
  arrived(name: string): Promise<void>;
  /** Lets the held render go on. */
  release(name: string): void;
  close(): Promise<void>;
}

export async function startHoldControl(): Promise<HoldControl> {
  const held = new Map<string, { arrived: Promise<void>; arrive: () => void; response?: ServerResponse }>();
  const slot = (name: string) => {
    let entry = held.get(name);
    if (!entry) {
      let arrive = () => {};
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      entry = { arrived, arrive };
      held.set(name, entry);
    }
    return entry;
  };
  const server = createServer((req, res) => {
    const name = /^\/held\/([a-z0-9-]+)$/.exec(req.url ?? '')?.[1];
    if (!name) return void res.writeHead(404).end();
    const entry = slot(name);
    entry.response = res;
    entry.arrive();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    env: { NODE_OPTIONS: `--require ${PRELOAD}`, NB_TEST_HOLD_URL: url },
    arrived: (name) => slot(name).arrived,
    release(name) {
      const entry = held.get(name);
      if (!entry?.response) throw new Error(`nothing is held as "${name}"`);
      entry.response.end('go');
      held.delete(name);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
