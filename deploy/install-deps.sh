#!/usr/bin/env bash
# Installs the Debian bookworm packages Raida builds, runs and tests with.
# Safe to run again: apt-get only installs what is missing. Needs root (or sudo).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  # libraries (all from Debian: no third-party source in the tree)
  libimgui-dev libstb-dev libglfw3-dev libgl-dev libgl1-mesa-dri
  libsqlite3-dev libcurl4-openssl-dev libspdlog-dev nlohmann-json3-dev
  libcpp-httplib-dev libssl-dev libbrotli-dev zlib1g-dev libzstd-dev
  libsodium-dev libcli11-dev
  # certificate PDFs (cairo with FreeType and fontconfig)
  libcairo2-dev
  # the office participants report's XLSX export
  libxlsxwriter-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # certificate tests: the PDF turned into PNG and text (pdftoppm, pdftotext)
  poppler-utils
  # fonts with Lithuanian and Polish letters
  fonts-dejavu-core
  # a display for machines without one, and real input events for the end-to-end tests
  xvfb xauth xdotool
  # screenshots of the real kiosk window in the end-to-end tests (`import`)
  imagemagick
  # browser tests of the office pages: Debian's Chromium driven by playwright-core from npm
  chromium nodejs
)
# npm from Debian, unless the installed Node.js brings its own (NodeSource's nodejs includes npm
# and conflicts with Debian's npm package).
if ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  as_root=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
"${as_root[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
