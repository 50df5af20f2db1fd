import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** The same renderer as the desktop app, built for the browser host (`npm run serve`). */
export default defineConfig({
  root: resolve('src/renderer'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve('out/renderer'),
    emptyOutDir: true,
    // Assets as files served by the host, under the same headers as everything else.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
})
