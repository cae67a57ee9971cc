// DATABASE_URL picks the database: what an operator may write, and what is refused with a message.
import { afterEach, describe, expect, it } from 'vitest';
import { databaseKind } from '@/lib/database-url';
import { getEnvOrThrow, resetEnvForTests } from '@/lib/env';

const saved = process.env.DATABASE_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved;
  resetEnvForTests();
});

function parsed(url: string) {
  process.env.DATABASE_URL = url;
  resetEnvForTests();
  return getEnvOrThrow().DATABASE_URL;
}

describe('DATABASE_URL', () => {
  it.each([
    ['file:./prisma/nebeneinander.db', 'sqlite'],
    ['postgresql://nebeneinander:secret@localhost:5432/nebeneinander', 'postgresql'],
    ['postgres://db.school.example/reader?sslmode=require', 'postgresql'],
    ['POSTGRESQL://localhost/nebeneinander', 'postgresql'],
  ] as const)('%s selects %s', (url, kind) => {
    expect(parsed(url)).toBe(url);
    expect(databaseKind(url)).toBe(kind);
  });

  it.each(['mysql://localhost/db', 'postgresql://', 'file:', './prisma/nebeneinander.db', 'sqlite:nebeneinander.db'])(
    'refuses %s, naming both kinds of URL',
    (url) => {
      expect(() => parsed(url)).toThrow(/DATABASE_URL: must be a SQLite file URL such as file:.* or a PostgreSQL URL such as postgresql:\/\//);
    },
  );
});
