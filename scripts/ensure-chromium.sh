#!/usr/bin/env bash
# Makes sure the browser the end-to-end tests drive is installed: Debian's Chromium (never a
# Playwright download). Installs it with apt when missing and allowed (root, or sudo without a
# password); otherwise says what to run. CHROMIUM_PATH overrides the location.
set -euo pipefail

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
if [[ -x "$chromium" ]]; then
  exit 0
fi

packages=(chromium fonts-liberation fonts-dejavu-core)
echo "ensure-chromium: $chromium is missing; installing ${packages[*]} from Debian" >&2
if [[ $(id -u) -eq 0 ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
else
  echo "ensure-chromium: cannot install without root; run: sudo apt-get install -y ${packages[*]}" >&2
  exit 1
fi
