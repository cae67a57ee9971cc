// The one Prisma client of the process, over better-sqlite3 (no native Prisma engine needed), and a
// second connection for the few writes that must be one transaction of their own.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import Database from 'better-sqlite3';
import { PrismaClient } from './generated/prisma/client';
import { getEnvOrThrow } from './env';
import { AppError } from './errors';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;
type Query = Parameters<Transaction['executeRaw']>[0];

const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK)\b/i;

/**
 * When COMMIT fails (a full disk: SQLITE_FULL; SQLITE_BUSY), Prisma 6.19 neither rolls back nor calls
 * the transaction's rollback(), so the adapter's transaction lock is never released and every later
 * write waits forever (prisma/orm#29933). Here a failed COMMIT or ROLLBACK leaves the connection out of
 * the transaction and releases the lock; the error still goes to the caller.
 */
function releasingFailedEnds(tx: Transaction): Transaction {
  const run = (method: 'executeRaw' | 'queryRaw') => async (query: Query) => {
    try {
      return await (tx[method] as (q: Query) => Promise<unknown>).call(tx, query);
    } catch (error) {
      if (ENDS_TRANSACTION.test(query.sql)) {
        await tx.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] }).catch(() => undefined); // none may be left
        await tx.rollback(); // releases the lock; calling it twice is harmless
      }
      throw error;
    }
  };
  const overrides = { executeRaw: run('executeRaw'), queryRaw: run('queryRaw') };
  return new Proxy(tx, {
    get(target, prop) {
      if (prop in overrides) return overrides[prop as keyof typeof overrides];
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function withReleasedTransactions(adapter: Adapter): Adapter {
  return new Proxy(adapter, {
    get(target, prop) {
      if (prop === 'startTransaction') {
        return async (...args: Parameters<Adapter['startTransaction']>) => releasingFailedEnds(await target.startTransaction(...args));
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function createPrismaClient(): PrismaClient {
  // `timeout` is SQLite's busy timeout: concurrent writers wait instead of failing "database is locked".
  const factory = new PrismaBetterSQLite3({ url: getEnvOrThrow().DATABASE_URL, timeout: 10_000 });
  const adapter = {
    provider: factory.provider as 'sqlite',
    adapterName: factory.adapterName,
    connect: async () => withReleasedTransactions(await factory.connect()),
    connectToShadowDb: async () => withReleasedTransactions(await factory.connectToShadowDb()),
  };
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = globalForPrisma.prisma ?? createPrismaClient();
globalForPrisma.prisma = db;

/** How long a synchronous write waits, on the event loop, for another connection's write to end. */
const WRITE_LOCK_WAIT_MS = 10_000;
const WRITE_LOCK_RETRY_MS = 10;

const globalForWrites = globalThis as unknown as { writeConnection?: { url: string; sqlite: Database.Database } };

/** The second connection, to the same file, for writeSynchronously. */
function writeConnection(): Database.Database {
  const url = getEnvOrThrow().DATABASE_URL;
  const open = globalForWrites.writeConnection;
  if (open?.url === url) return open.sqlite;
  open?.sqlite.close();
  // timeout 0: never wait synchronously for the lock (the holder may need this event loop to finish).
  const sqlite = new Database(url.replace(/^file:/, ''), { timeout: 0 });
  sqlite.pragma('foreign_keys = ON');
  globalForWrites.writeConnection = { url, sqlite };
  return sqlite;
}

const isBusy = (error: unknown) => /^SQLITE_BUSY/.test(String((error as { code?: unknown }).code));

/**
 * Runs `write` as one synchronous SQLite transaction (BEGIN IMMEDIATE … COMMIT) on a connection of
 * its own, for writes that must be all or nothing however large. Prisma's adapter sends every query
 * of the process down one connection, so while a Prisma transaction awaits, other requests'
 * statements run inside it and a rollback takes their writes along; nothing else can run during a
 * synchronous transaction, so this one holds exactly what `write` did. The server waits while it
 * runs: keep it to prepared statements over rows made ready beforehand.
 */
export async function writeSynchronously<T>(write: (sqlite: Database.Database) => T): Promise<T> {
  const sqlite = writeConnection();
  const transaction = sqlite.transaction(write);
  for (let waited = 0; ; waited += WRITE_LOCK_RETRY_MS) {
    try {
      return transaction.immediate(sqlite);
    } catch (error) {
      // A Prisma transaction between two of its statements holds the lock: let it finish.
      if (!isBusy(error)) throw error;
      if (waited >= WRITE_LOCK_WAIT_MS) throw new AppError('unavailable', 'The database is busy with other changes. Nothing was saved; try again in a minute.');
      await new Promise((resolve) => setTimeout(resolve, WRITE_LOCK_RETRY_MS));
    }
  }
}
