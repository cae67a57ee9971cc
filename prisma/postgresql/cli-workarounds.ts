// Two fixes the Prisma 6.19.3 CLI needs on PostgreSQL through @prisma/adapter-pg (prisma.config.ts
// applies them; the app's own client needs neither, so it never loads this module).
import pg from 'pg';

const NAME = 19;
const CHAR = 18;
const TEXT = 25;
const LEFTOVER_TIMER_MS = 10_000;

type Field = { dataTypeID: number };

/**
 * `migrate deploy` reads catalog columns of PostgreSQL's types `name` (OID 19) and `"char"` (OID 18),
 * which the adapter cannot map ("Column type 'name' could not be deserialized", prisma/orm#27403).
 * Both are text, so they are reported as `text` (OID 25) before the adapter reads the field descriptions.
 */
function catalogTypesAsText(): void {
  const result = pg.Result.prototype as unknown as { addFields(fields: Field[]): void };
  const addFields = result.addFields;
  result.addFields = function (this: unknown, fields: Field[]) {
    for (const field of fields) if (field.dataTypeID === NAME || field.dataTypeID === CHAR) field.dataTypeID = TEXT;
    return addFields.call(this, fields);
  };
}

/**
 * The wasm schema engine leaves a 10-second timer behind after its work on PostgreSQL, so every
 * `migrate deploy` sat idle 10 s before exiting (its work takes ~0.2 s). Such timers no longer keep the
 * CLI alive; they still fire while it runs, and a query in flight keeps it running through its socket.
 */
function leftoverTimersUnref(): void {
  const setTimer = globalThis.setTimeout;
  globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = setTimer(callback, ms, ...args);
    if ((ms ?? 0) >= LEFTOVER_TIMER_MS) timer.unref();
    return timer;
  }) as typeof setTimeout;
}

let applied = false;

export function applyPostgresCliWorkarounds(): void {
  if (applied) return;
  applied = true;
  catalogTypesAsText();
  leftoverTimersUnref();
}
