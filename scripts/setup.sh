#!/usr/bin/env bash
# One-time machine setup + dependency install for SecPaid Desk (Debian/Ubuntu, as root or with sudo).
# Installs the system packages the app and its tests need — Chromium (UI tests and the browser
# backend), libsecret + gnome-keyring + D-Bus (the OS keychain), Xvfb — then the npm packages.
# Safe to run again: apt is skipped when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(chromium libsecret-1-dev pkg-config gnome-keyring dbus dbus-x11 xvfb xauth fonts-dejavu-core)
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

# No Electron binary can be downloaded here (DESIGN §6); keytar is built from source against libsecret.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund
