#!/usr/bin/env bash
# System packages the tests need: headless Chromium and its driver from Debian (the browser tests use them),
# and an emoji font so that the screenshots the tests save show the page's 👍/👎 as a phone would.
# Installs only what is missing; needs root (CI runs as root). Nothing here downloads a browser build of its own.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium chromium-driver fonts-noto-color-emoji >/dev/null
