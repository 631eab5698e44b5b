#!/usr/bin/env bash
# The browser tests drive a real Chromium (Debian's package; playwright cannot download browsers on
# the project's machines). Installs it when missing, so `npm test` works on a fresh machine.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
if ! command -v apt-get >/dev/null; then
  echo "Chromium is needed for the browser tests: install it and set CHROMIUM_PATH to its executable." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing Chromium for the browser tests (Debian package)…"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
if [ ! -x "$browser" ]; then
  echo "Installed Debian's chromium, but $browser is still missing; set CHROMIUM_PATH." >&2
  exit 1
fi
"$browser" --version
