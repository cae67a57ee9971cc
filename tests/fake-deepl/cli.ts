// Owns the command-line launcher for the fake DeepL server: `npx tsx tests/fake-deepl/cli.ts --port 4100 [--latency 300] [--usage-limit N]`.
import { parseArgs } from 'node:util';
import { startFakeDeepL } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, latency: { type: 'string' }, 'usage-limit': { type: 'string' } },
  });
  const num = (v: string | undefined, name: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${v}`);
    return n;
  };
  const fake = await startFakeDeepL({
    port: num(values.port, 'port') ?? 4100,
    latencyMs: num(values.latency, 'latency'),
    usageLimit: num(values['usage-limit'], 'usage-limit'),
  });
  console.log(`fake-deepl listening on ${fake.url}`);
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e: unknown) => {
  console.error(`fake-deepl: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
