#!/usr/bin/env bash
# The README's first command: installs what Raida needs on a fresh Debian bookworm machine,
# builds it, starts a local district server on 127.0.0.1 with the Rokiškis demo district,
# provisions the Bajorai kiosk with a one-time code from that server (as a district office
# would), pulls the catalog and the center's people with one sync, and opens the kiosk, which
# keeps syncing in the background.
#
# With a display, the kiosk opens in a window; close it to stop the demo. Without one (a server,
# a container, CI), the kiosk runs under Xvfb, saves a screenshot and says where. Either way the
# script ends with `raida-sync status` of the kiosk's database.
#
# A second run reuses the provisioned kiosk database (its device number and `<db>.secret`); a
# kiosk database left by an older demo without a secret is moved aside and provisioned afresh.
# The office pages (/office on the same port) get a demo administrator, printed with its
# passphrase; it is for this local demo only.
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
kiosk_db=$data/kiosk-${center#center.}.db
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

# A demo account for the district office's pages (a real office creates its own: README).
office_login=demo.admin
office_passphrase=raida-demo-office
if [ ! -f "$data/office-account.created" ]; then
  printf '%s\n' "$office_passphrase" | "$bin/raida-server" add-office-user --db "$data/server.db" \
    --login "$office_login" --name "Demo administrator" --role admin
  touch "$data/office-account.created"
fi
echo "run-demo: office pages at $url/office (demo sign-in: $office_login / $office_passphrase)"

# Provisioning: a one-time code from the district office, exchanged for a device identity.
if [ -f "$kiosk_db.secret" ]; then
  echo "run-demo: $kiosk_db is already provisioned; reusing it"
else
  if [ -e "$kiosk_db" ]; then
    aside=$kiosk_db.unprovisioned-$(date +%Y%m%d%H%M%S)
    echo "run-demo: $kiosk_db was never provisioned; moving it to $aside"
    for suffix in "" -wal -shm; do
      if [ -e "$kiosk_db$suffix" ]; then mv "$kiosk_db$suffix" "$aside$suffix"; fi
    done
  fi
  code=$("$bin/raida-server" issue-code --db "$data/server.db" --center "$center" | tail -n 1)
  [ -n "$code" ] || { echo "run-demo: the server issued no provisioning code" >&2; exit 1; }
  echo "run-demo: provisioning code for $center issued by the district server"
  "$bin/raida-sync" provision --db "$kiosk_db" --server "$url" --code "$code" \
    --label "Bajorai kiosk 1"
fi
echo "run-demo: syncing the kiosk with the district server (the catalog and the center's people)"
"$bin/raida-sync" once --db "$kiosk_db"

kiosk=("$bin/raida-kiosk" --db "$kiosk_db" --center "$center" --server "$url"
  --language "$language" --log-dir "$data/logs")

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-demo: opening the kiosk; close its window to stop the demo"
  "${kiosk[@]}"
else
  shot=$data/kiosk-welcome.png
  echo "run-demo: no display here, so the kiosk runs under Xvfb and saves a screenshot"
  LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 1920x1080x24" \
    "${kiosk[@]}" --screenshot "$shot" --screenshot-after-ms 10000
  echo "run-demo: the kiosk's screenshot is $shot"
fi
"$bin/raida-sync" status --db "$kiosk_db" --server "$url"
