#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh Debian bookworm machine,
# builds everything with AddressSanitizer and UBSan, and runs the whole suite with ctest.
# Screenshots from the UI and end-to-end tests land in build/asan/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/install-deps.sh
cmake --preset asan
cmake --build --preset asan -j "$(nproc)"
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1}"
# Leaks inside Mesa, X11 and fontconfig (the real kiosk under Xvfb) are not ours to fix.
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
ctest --preset asan
