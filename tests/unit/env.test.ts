// The environment's checks for INSTANCES: a clear message for what is not a number of instances.
import { afterEach, describe, expect, it } from 'vitest';
import { getEnvOrThrow, resetEnvForTests } from '@/lib/env';

const read = (vars: Record<string, string>) => {
  Object.assign(process.env, vars);
  resetEnvForTests();
  return getEnvOrThrow();
};

afterEach(() => {
  delete process.env.INSTANCES;
  delete process.env.PORT;
  resetEnvForTests();
});

describe('INSTANCES', () => {
  it('is one instance unless set', () => {
    expect(read({}).INSTANCES).toBe(1);
    expect(read({ INSTANCES: '4' }).INSTANCES).toBe(4);
  });

  it.each(['0', 'four', '2.5', '65'])('%s is refused, saying what it should be', (value) => {
    expect(() => read({ INSTANCES: value })).toThrow('INSTANCES: must be a whole number from 1 to 64, such as 4 (one per processor core is a good start)');
  });

  it('may not take the instances past port 65535', () => {
    expect(() => read({ PORT: '65535', INSTANCES: '2' })).toThrow('INSTANCES: PORT 65535 + 2 instances would pass port 65535: use a lower PORT or fewer instances');
    expect(read({ PORT: '65534', INSTANCES: '2' }).INSTANCES).toBe(2);
  });
});
