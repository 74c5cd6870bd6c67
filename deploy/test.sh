#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh Debian bookworm machine,
# builds everything with AddressSanitizer and UBSan, and runs the whole suite with ctest.
# Screenshots from the UI and end-to-end tests land in build/asan/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/install-deps.sh
cmake --preset asan
cmake --build --preset asan -j "$(nproc)"
# ASan's leak checker needs ptrace, which some sandboxes refuse; leaks are not what we test here.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
ctest --preset asan
