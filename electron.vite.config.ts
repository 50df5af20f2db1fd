import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

/**
 * index.html carries the production CSP as a meta tag (for the browser host and as a second
 * line of defence). Vite's dev server injects an inline React-refresh preamble that policy
 * forbids, so in `npm run dev` only the main process's relaxed development header applies.
 */
function dropMetaCspInDev(): Plugin {
  return {
    name: 'activemirror:drop-meta-csp-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>\s*/i, ''),
  }
}

export default defineConfig({
  main: {
    build: {
      // Native modules load from node_modules at run time (the Electron-ABI build is separate).
      externalizeDeps: { include: ['better-sqlite3-multiple-ciphers', 'sqlite-vec', 'keytar'] },
      // The core runs in a worker thread started from its own entry (src/main/core/), and so
      // does the reader of large ChatGPT imports (src/main/core/workerScript.ts finds both).
      rolldownOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          coreWorker: resolve('src/main/core/coreWorker.ts'),
          chatgptListWorker: resolve(
            'src/main/services/transfer/import/formats/chatgpt/chatgptListWorker.ts',
          ),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot `require` anything but electron, and cannot be ESM.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    base: './',
    plugins: [react(), dropMetaCspInDev()],
    build: {
      rolldownOptions: { input: resolve('src/renderer/index.html') },
    },
  },
})
