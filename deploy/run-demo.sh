#!/usr/bin/env bash
# The README's first command: installs what Raida needs on a fresh Debian bookworm machine,
# builds it, starts a local district server on 127.0.0.1 with the Rokiškis demo district, and
# opens the kiosk of the Bajorai center connected to it.
#
# With a display, the kiosk opens in a window; close it to stop the demo. Without one (a server,
# a container, CI), the kiosk runs under Xvfb, saves a screenshot and says where.
#
# Environment: RAIDA_DEMO_DIR (default ./demo-data) holds the databases and logs;
# RAIDA_PORT (default 8470); RAIDA_CENTER (default center.bajorai); RAIDA_LANGUAGE (default lt).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

deploy/install-deps.sh
cmake --preset release
cmake --build --preset release -j "$(nproc)" --target raida-server raida-kiosk raida-sync

bin=$root/build/release/bin
data=${RAIDA_DEMO_DIR:-$root/demo-data}
port=${RAIDA_PORT:-8470}
center=${RAIDA_CENTER:-center.bajorai}
language=${RAIDA_LANGUAGE:-lt}
mkdir -p "$data/logs"
chmod 700 "$data"

"$bin/raida-server" --db "$data/server.db" --load-demo "$root/assets/demo/rokiskis.json" \
  --listen 127.0.0.1 --port "$port" --log-dir "$data/logs" >"$data/logs/server.out" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  grep -q "listening on" "$data/logs/server.out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$data/logs/server.out" >&2; exit 1; }
  sleep 0.1
done
grep -q "listening on" "$data/logs/server.out" || { echo "run-demo: the server did not start" >&2; exit 1; }
url="http://127.0.0.1:$port"
echo "run-demo: district server at $url (health: $url/api/v1/health), log in $data/logs/"

kiosk=("$bin/raida-kiosk" --db "$data/kiosk-bajorai.db" --center "$center"
  --seed-demo "$root/assets/demo/rokiskis.json" --server "$url" --language "$language"
  --log-dir "$data/logs")

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-demo: opening the kiosk; close its window to stop the demo"
  "${kiosk[@]}"
else
  shot=$data/kiosk-welcome.png
  echo "run-demo: no display here, so the kiosk runs under Xvfb and saves a screenshot"
  LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 1920x1080x24" \
    "${kiosk[@]}" --screenshot "$shot"
  echo "run-demo: the kiosk's screenshot is $shot"
  "$bin/raida-sync" status --db "$data/kiosk-bajorai.db" --server "$url"
fi
