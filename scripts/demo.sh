#!/usr/bin/env bash
# Installs what is missing, builds, and starts the demo. Until the kiosk exists (issue 5) this
# is the CLI's demo of what is built: sample scanner reads decoded, sample labels rendered.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
cmake -S . -B build -Wno-dev >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" -- --no-print-directory -s
exec ./build/kiosk/app/stiel demo "$@"
