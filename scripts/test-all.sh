#!/usr/bin/env bash
# `npm test`: every check CI runs, in order of cost. Runs inside a real keychain session on Linux.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${AMOS_KEYRING_READY:-}" ]; then
  export AMOS_KEYRING_READY=1
  exec bash scripts/with-keyring.sh bash "$0" "$@"
fi
step() { printf '\n\033[1m== %s ==\033[0m\n' "$1"; }
step typecheck; npm run -s typecheck
step lint; npm run -s lint
# The CLI tests spawn bin/amos.mjs, which runs this build only while it is fresh: build it first.
step 'CLI build'; npm run -s build:cli
step 'unit and integration tests (vitest)'; npx vitest run
# The desktop build (main, preload, renderer; no Electron binary needed) comes before the web
# build: both write out/renderer, and the end-to-end tests and `amos serve` want the web one.
step 'desktop build (electron-vite)'; npx electron-vite build --logLevel warn
step 'renderer build'; npm run -s build:web
step 'end-to-end tests (Playwright + Chromium)'; npx playwright test
