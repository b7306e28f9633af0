import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'core/src/**/*.test.ts',
      'relay/src/**/*.test.ts',
      'models/**/*.test.ts',
      'circuits/**/*.test.ts',
      'scripts/**/*.test.ts',
      'contracts/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
