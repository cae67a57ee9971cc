// The one Prisma client of the process, over better-sqlite3 (no native Prisma engine needed).
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/prisma/client';
import { getEnvOrThrow } from './env';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createPrismaClient(): PrismaClient {
  // `timeout` is SQLite's busy timeout: concurrent writers wait instead of failing "database is locked".
  const adapter = new PrismaBetterSQLite3({ url: getEnvOrThrow().DATABASE_URL, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = globalForPrisma.prisma ?? createPrismaClient();
globalForPrisma.prisma = db;
