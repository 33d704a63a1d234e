import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Jest-style globals (describe/it/expect), as destinations written for the
    // public Destination Actions format expect.
    globals: true,
    include: ['src/**/__tests__/**/*.test.ts']
  }
})
