// INSTANCES=N npm start (scripts/start.mjs): N servers of one build on consecutive ports, one that ends
// started again.
import { describe, expect, it } from 'vitest';
import { startApp } from './support/app-server';

const WAIT = { timeout: 15_000, interval: 50 };

describe('INSTANCES=2 npm start', () => {
  it('serves two instances on consecutive ports, and starts one that was killed again', async () => {
    const app = await startApp({ viaNpmStart: true, env: { INSTANCES: '2' } });
    try {
      const port = Number(new URL(app.baseUrl).port);
      const second = `http://127.0.0.1:${port + 1}`;
      const health = () => fetch(`${second}/api/health`).then((res) => res.status, () => 0);
      await expect.poll(health, WAIT).toBe(200);
      expect(app.output()).toContain(`> serving 2 instances on http://localhost:${port} to http://localhost:${port + 1}`);
      const ready = () => [...app.output().matchAll(new RegExp(`^\\[${port + 1}\\] > ready on http://localhost:${port + 1}, process (\\d+)$`, 'gm'))].map((m) => Number(m[1]));
      // The instance may answer before its "ready" line has reached the supervisor's output.
      await expect.poll(() => ready().length, WAIT).toBe(1);
      const [pid] = ready();
      process.kill(pid, 'SIGKILL');
      await expect.poll(() => app.output(), WAIT).toContain(`[${port + 1}] the instance ended (SIGKILL); starting it again in 1 s`);
      await expect.poll(() => ready().length, WAIT).toBe(2);
      expect(ready()[1]).not.toBe(pid);
      expect(await health()).toBe(200);
      expect((await fetch(`${app.baseUrl}/api/health`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});
