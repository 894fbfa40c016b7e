import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['simulations/**/*.test.ts', 'src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Theory tests simulate hundreds of thousands of requests: give them room on a 2-core machine.
    testTimeout: 60_000,
    pool: 'threads',
  },
});
