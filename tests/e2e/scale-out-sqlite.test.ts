// The scale-out tests (tests/e2e/support/scale-out-cases.ts) on two processes sharing one SQLite file.
import { scaleOutTests } from './support/scale-out-cases';

scaleOutTests('sqlite');
