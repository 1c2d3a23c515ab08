#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so tests use a
# real Secret Service (on Linux; elsewhere the command runs as is). Each run gets a throwaway
# keyring directory; nothing touches the user's own keychain. If the tools are missing it says what to install instead of failing obscurely.
set -euo pipefail
if [ "$#" -eq 0 ]; then echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; fi
# macOS and Windows have their keychain in every user session: nothing to set up there.
if [ "$(uname -s)" != "Linux" ]; then exec "$@"; fi
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: '$tool' not found. Install: apt-get install dbus gnome-keyring libsecret-1-0" >&2
    exit 1
  fi
done
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home"
# Quote the command so it survives the inner bash -c.
quoted=$(printf '%q ' "$@")
dbus-run-session -- bash -c "echo -n test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null && $quoted"
