import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const source = (file: string) => fileURLToPath(new URL(file, import.meta.url))

export default defineConfig({
  plugins: [react()],
  // The examples import the package by name, as its users do; in the repo that is the source.
  resolve: {
    alias: [
      { find: /^activemirror$/, replacement: source('./src/sdk/index.ts') },
      { find: /^activemirror\/testing$/, replacement: source('./src/testing/index.ts') },
    ],
  },
  test: {
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/renderer/**'],
          globalSetup: ['test/cli/helpers/buildCli.ts', 'test/helpers/postgresSetup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
    ],
  },
})
