// The one Prisma client of the process (no native Prisma engine needed): over better-sqlite3 for a
// `file:` DATABASE_URL, over node-postgres for a `postgresql://` one. Raw SQL that must differ between
// the two asks sqlDialect().
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresPrismaClient } from './generated/postgres/client';
import { databaseKind, type DatabaseKind } from './database-url';
import { getEnvOrThrow } from './env';

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

function createSqliteClient(): PrismaClient {
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

/**
 * The two generated clients have the same models (tests/unit/prisma-schemas.test.ts keeps the schemas
 * equal) and so the same model API; the app is typed against SQLite's, whose API the PostgreSQL client
 * offers too. Raw SQL is the one place the two differ (sqlDialect()).
 */
function createPostgresClient(): PrismaClient {
  const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: getEnvOrThrow().DATABASE_URL }) });
  return client as unknown as PrismaClient;
}

/** Which database DATABASE_URL selects, for the raw queries written once per dialect. */
export function sqlDialect(): DatabaseKind {
  return databaseKind(getEnvOrThrow().DATABASE_URL);
}

export const db: PrismaClient = globalForPrisma.prisma ?? (sqlDialect() === 'postgresql' ? createPostgresClient() : createSqliteClient());
globalForPrisma.prisma = db;

/** The SQLite file DATABASE_URL names (relative paths from the app's directory, as Prisma's adapter opens it). */
export function databaseFile(): string {
  if (sqlDialect() !== 'sqlite') throw new Error('databaseFile() is for SQLite only: DATABASE_URL names a PostgreSQL server.');
  return getEnvOrThrow().DATABASE_URL.replace(/^file:/, '');
}
