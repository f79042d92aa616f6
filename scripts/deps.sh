#!/usr/bin/env bash
# Installs what Stiel needs on Debian 12 (apt and npm only), idempotent and quiet when nothing is
# missing. Used by both README commands; safe to run as root or through sudo.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git clang libclang-rt-14-dev
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
  libserialport-dev libzint-dev zint libcmocka-dev libsqlite3-dev sqlite3
  libsodium-dev libssl-dev zlib1g-dev libcjson-dev libinih-dev
  fonts-noto-core
  zbar-tools zxing-cpp-tools socat xvfb xauth nodejs npm
  espeak-ng
  libcairo2-dev poppler-utils chromium
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node may come from elsewhere than Debian's nodejs package; npm likewise.
if command -v node >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}"); fi
if command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/npm}"); fi
read -r -a missing <<< "${missing[*]:-}"

if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "stiel: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The offline ZPL renderer used by the label tests (npm registry only).
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -d "$here/tools/zplrender/node_modules/zpl-renderer-js" ]; then
  (cd "$here/tools/zplrender" && npm ci --no-audit --no-fund --silent >/dev/null)
fi
