#!/usr/bin/env bash
# Installs what is missing, builds, and starts the kiosk in demo mode: simulated scanner (on-screen
# buttons or a keyboard-wedge scanner), virtual printer (labels as PNG files), the SQLite store in
# the user's data folder and the sample practice warehouse. Extra arguments go to stiel-kiosk
# (e.g. --window 1280x800, --lang ar).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
mkdir -p build
if ! { cmake -S . -B build -Wno-dev && cmake --build build -j "$(nproc 2>/dev/null || echo 2)"; } \
    >build/build.log 2>&1; then
  tail -n 60 build/build.log
  echo "stiel: the build failed (full log: build/build.log)" >&2
  exit 1
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${SDL_VIDEODRIVER:-}" ]; then
  cat >&2 <<'MSG'
stiel: there is no screen here (no DISPLAY or WAYLAND_DISPLAY). Run the demo from a desktop
session, or on a virtual screen:  xvfb-run -s "-screen 0 1280x800x24" ./scripts/demo.sh
A scripted run that writes a PNG of every screen needs no screen at all:
  ./build/kiosk/app/stiel-kiosk --headless --script tests/kiosk/scripts/pick_pack.script --screenshots /tmp/stiel-shots
MSG
  exit 2
fi
# No sound card: keep SDL (and ALSA) quiet instead of printing device errors.
if [ -z "${SDL_AUDIODRIVER:-}" ] && ! grep -q '[0-9]' /proc/asound/cards 2>/dev/null; then
  export SDL_AUDIODRIVER=dummy
fi
exec ./build/kiosk/app/stiel-kiosk --demo "$@"
