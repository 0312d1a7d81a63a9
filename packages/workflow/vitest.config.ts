import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workflow tests share one PostgreSQL database when DATABASE_URL is set: run files one at a time.
  test: { include: ['src/**/*.test.ts', 'test-support/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false },
});
