import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Jest-style globals (describe/it/expect) so destinations written for the
    // public Destination Actions format run unchanged.
    globals: true,
    include: [
      'packages/**/src/**/__tests__/**/*.test.ts',
      'test/**/*.test.ts',
      'bench/__tests__/**/*.test.ts'
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 20_000,
    reporters: ['default'],
    pool: 'forks'
  }
})
