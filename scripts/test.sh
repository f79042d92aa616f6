#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the plain build (gcc, -Werror), the
# same suite under ASan + UBSan, and each fuzz target briefly (clang libFuzzer).
# Idempotent; quiet when nothing is missing. Exit status: 0 only when everything passed.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh

jobs=$(nproc 2>/dev/null || echo 2)
export CTEST_OUTPUT_ON_FAILURE=1

# build DIR [TARGET] -- cmake-args...: configure and build quietly; the log is shown on failure.
build() {
  local dir=$1 target=$2; shift 2
  mkdir -p "$dir"
  if ! { cmake -S . -B "$dir" -Wno-dev "$@" && cmake --build "$dir" -j "$jobs" --target "$target"; } \
      >"$dir/build.log" 2>&1; then
    tail -n 60 "$dir/build.log"
    echo "stiel: the build in $dir failed (full log: $dir/build.log)" >&2
    exit 1
  fi
}

echo "== build and test (gcc, -Wall -Wextra -Werror)"
build build all
ctest --test-dir build -j "$jobs" --timeout 600

echo "== build and test under ASan + UBSan"
build build-asan all -DCMAKE_BUILD_TYPE=Debug -DSTIEL_SANITIZE=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" ctest --test-dir build-asan -j "$jobs" --timeout 900

echo "== fuzz each decoder briefly (clang libFuzzer)"
build build-fuzz fuzzers -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DSTIEL_FUZZ=ON
ctest --test-dir build-fuzz -L fuzz -j "$jobs" --timeout 600
