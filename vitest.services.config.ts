import { defineConfig } from 'vitest/config';
import unitConfig from './vitest.config.js';

/**
 * The tests that start real services (`npm run test:services`, through
 * scripts/service-tests/run.sh): one file at a time, since each starts its own Prometheus,
 * Alertmanager and fairwatch processes on a shared machine, with timeouts that allow for
 * scrape intervals and a slow machine. Sources resolve as in the unit tests.
 */
export default defineConfig({
  resolve: { ...unitConfig.resolve },
  test: {
    include: ['packages/*/service-test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
