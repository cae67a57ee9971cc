// The SQLite and PostgreSQL schemas must describe the same models: the app is typed against one client
// and runs on either database. Only the generator's output and the datasource's provider may differ.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const read = (file: string) => fs.readFileSync(path.join(process.cwd(), 'prisma', file), 'utf8');

/** Each top-level block (`model X { ... }`, `datasource db { ... }`), comments and blank lines removed. */
function blocks(schema: string): Map<string, string> {
  const lines = schema
    .split('\n')
    .filter((line) => !/^\s*\/\/(?!\/)/.test(line)) // `//` comments; `///` doc comments are part of the model
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  const found = new Map<string, string>();
  let name: string | null = null;
  let body: string[] = [];
  for (const line of lines) {
    const open = /^(\w+) (\w+) \{$/.exec(line);
    if (open && name === null) {
      name = `${open[1]} ${open[2]}`;
      body = [];
    } else if (line === '}' && name !== null) {
      found.set(name, body.join('\n'));
      name = null;
    } else if (name !== null) body.push(line);
  }
  return found;
}

const sqlite = blocks(read('schema.prisma'));
const postgres = blocks(read(path.join('postgresql', 'schema.prisma')));
const models = (schema: Map<string, string>) => [...schema.keys()].filter((k) => !/^(generator|datasource) /.test(k)).sort();

describe('the SQLite and PostgreSQL Prisma schemas', () => {
  it('have the same models, enums and views', () => {
    expect(models(sqlite).length).toBeGreaterThan(5);
    expect(models(postgres)).toEqual(models(sqlite));
  });

  it.each(models(sqlite))('%s has the same fields and attributes in both', (model) => {
    expect(postgres.get(model)).toBe(sqlite.get(model));
  });

  it('differ only in the provider and the generated client folder', () => {
    expect(sqlite.get('datasource db')).toContain('provider = "sqlite"');
    expect(postgres.get('datasource db')).toBe(sqlite.get('datasource db')!.replace('"sqlite"', '"postgresql"'));
    expect(postgres.get('generator client')).toBe(
      sqlite.get('generator client')!.replace('"../lib/generated/prisma"', '"../../lib/generated/postgres"'),
    );
  });
});
