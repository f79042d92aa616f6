#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the plain build (gcc, -Werror), the
# same suite under ASan + UBSan, and each fuzz target briefly (clang libFuzzer).
# Idempotent; quiet when nothing is missing. Exit status: 0 only when everything passed.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh

jobs=$(nproc 2>/dev/null || echo 2)
export CTEST_OUTPUT_ON_FAILURE=1

build() { # build DIR cmake-args...
  local dir=$1; shift
  cmake -S . -B "$dir" -G "Unix Makefiles" -Wno-dev "$@" >/dev/null
  cmake --build "$dir" -j "$jobs" -- --no-print-directory -s
}

echo "== build and test (gcc, -Wall -Wextra -Werror)"
build build
ctest --test-dir build -j "$jobs" --timeout 600

echo "== build and test under ASan + UBSan"
build build-asan -DCMAKE_BUILD_TYPE=Debug -DSTIEL_SANITIZE=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan -j "$jobs" --timeout 900

echo "== fuzz each decoder briefly (clang libFuzzer)"
cmake -S . -B build-fuzz -Wno-dev -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DSTIEL_FUZZ=ON >/dev/null
cmake --build build-fuzz -j "$jobs" --target fuzzers -- --no-print-directory -s
ctest --test-dir build-fuzz -L fuzz -j "$jobs" --timeout 600
