import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@': fromRoot('.'),
      // Tests run as the server, but without the `react-server` condition that makes Next resolve this marker to its empty module.
      'server-only': fromRoot('node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', '.next/**', '.data/**'],
    environment: 'node',
    // One PostgreSQL for the run; each test file makes its own database on it.
    globalSetup: ['tools/db/test-global-setup.ts'],
  },
});
