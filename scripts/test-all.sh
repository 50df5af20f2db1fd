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
step 'unit and integration tests (vitest)'; npx vitest run
step 'renderer build'; npm run -s build:web
step 'end-to-end tests (Playwright + Chromium)'; npx playwright test
