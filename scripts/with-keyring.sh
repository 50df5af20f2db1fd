#!/usr/bin/env bash
# Runs a command with a real Secret Service (gnome-keyring) on a private D-Bus session, so keytar
# talks to an actual OS keychain on headless Linux (CI, containers). Elsewhere it just runs it.
set -euo pipefail
if [ "$(uname -s)" != "Linux" ] || [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || ! command -v dbus-run-session >/dev/null; then
  exec "$@"
fi
exec dbus-run-session -- bash -c '
  set -euo pipefail
  # A throwaway keyring directory, so a keyring left by an earlier run (other password) never blocks.
  keyring_home=$(mktemp -d)
  trap "rm -rf \"$keyring_home\"" EXIT
  eval "$(printf "activemirror-test" | XDG_DATA_HOME="$keyring_home" gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
  export GNOME_KEYRING_CONTROL
  "$@"
' with-keyring "$@" 2> >(grep -v "Failed to set fd limit" >&2)
