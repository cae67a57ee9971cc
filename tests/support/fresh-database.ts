// Before each integration test file: a fresh copy of the migrated template database.
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

const template = inject('templateDatabase');
const file = path.join(path.dirname(template), `test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`);
fs.copyFileSync(template, file);
process.env.DATABASE_URL = `file:${file}`;
