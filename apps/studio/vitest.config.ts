import { defineConfig } from 'vitest/config';

// Unit tests of the studio's pure logic (queues, SLA countdown, claims, form schema) and of its data layer (retries,
// invalidation, against a scripted fetch); the browser tests live in test/browser.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
