// The scale-out tests (tests/e2e/support/scale-out-cases.ts) on two instances on a real PostgreSQL behind
// the shipped haproxy.cfg; skipped, saying why, on a machine without PostgreSQL or haproxy.
import { scaleOutTests } from './support/scale-out-cases';

scaleOutTests('postgres');
