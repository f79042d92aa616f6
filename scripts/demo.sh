#!/usr/bin/env bash
# Installs what is missing, builds, and starts the demo. Until the kiosk exists (issue 5) this is
# the command-line demo of what is built: a sample scanner capture decoded, every sample label
# rendered for each printer language and as a PNG preview a person can open.
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
stiel=./build/kiosk/app/stiel
out="${STIEL_DEMO_OUT:-${XDG_DATA_HOME:-$HOME/.local/share}/stiel/demo}"
mkdir -p "$out" && chmod 700 "$out"

echo "== A serial scanner's capture (assets/samples/scanner-generic.cap), decoded:"
"$stiel" decode < assets/samples/scanner-generic.cap
echo
echo "== The sample labels, rendered to $out:"
for tpl in assets/labels/*.label; do
  name=$(basename "$tpl" .label)
  for lang in zpl tspl epl escpos png; do
    "$stiel" label "$name" --lang "$lang" --out "$out/$name.$lang"
  done
  printf '  %-9s %s\n' "$name" "$(cd "$out" && ls "$name".* | tr '\n' ' ')"
done
echo
echo "Open $out/shipping.png to see the shipping label; 'stiel help' lists every command."
