#!/usr/bin/env bash
# One-time machine setup + dependency install for SecPaid Desk.
# On Debian/Ubuntu (as root or with sudo) it first installs the system packages the app and its
# tests need — Chromium (UI tests and the browser backend when Electron is missing), libsecret +
# gnome-keyring + D-Bus (the OS keychain), Xvfb, PostgreSQL (team-mode tests) — via apt; elsewhere (macOS, Git Bash on Windows,
# other Linux distributions) there is nothing to install from the OS. Then scripts/setup.mjs
# installs the npm packages and tries to download the Electron binary.
# Safe to run again: apt is skipped when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(uname -s)" = "Linux" ] && command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
  apt_packages=(chromium libsecret-1-dev pkg-config gnome-keyring dbus dbus-x11 xvfb xauth fonts-dejavu-core)
  # PostgreSQL server binaries (initdb, pg_ctl): the team-mode tests and bench start a throw-away
  # cluster of their own (test/support/postgres-server.ts); the app itself only needs a server URL.
  apt_packages+=(postgresql)
  missing=()
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing system packages: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
elif [ "$(uname -s)" = "Linux" ]; then
  echo "setup: not a Debian/Ubuntu system — install libsecret, gnome-keyring, D-Bus and Xvfb with your package manager."
fi

exec node scripts/setup.mjs "$@"
