#!/usr/bin/env bash
# Side-by-side sync benchmark: Raida (raida-sync -> raida-server) and PouchDB 9 -> express-pouchdb
# (PouchDB 7) syncing the same 10,000 attendance records kiosk -> server, then a no-op sync, then
# 10 % of the records changed, on loopback and through raida-fault-proxy's 3G profile (300 ms
# round trip, 384 kbit/s each way). Bytes on the wire are counted for both systems at the same
# place (wire_counter.js, in front of the proxy); requests are counted by raida-sync and by the
# PouchDB server. Prints one JSON line per measurement to results.jsonl and a table at the end.
#
#   tests/bench/sync_compare/run.sh [BIN_DIR]      (default: build/release/bin)
# BIN_DIR must hold raida-server, raida-sync, bench_make_changes and raida-fault-proxy; this
# script builds nothing. Environment knobs (defaults in brackets):
#   N [10000]  records   UPDATES [N/10]   PROFILES ["loopback 3g"]   POUCH_MODES ["sync push";
#   set it to "" for Raida only]
#   RTT_MS [300]  RATE_BPS [48000: bytes per second]   OUT_DIR [a fresh temporary directory]
# npm packages are installed (npm ci) into server/ and client/ beside this script when missing.
# Everything listens on 127.0.0.1 only; every process started here is stopped on exit.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "$HERE/../../.." && pwd)"
BIN="$(cd "${1:-$SRC/build/release/bin}" && pwd)"
N="${N:-10000}"
UPDATES="${UPDATES:-$((N / 10))}"
PROFILES="${PROFILES-loopback 3g}"
POUCH_MODES="${POUCH_MODES-sync push}"
RTT_MS="${RTT_MS:-300}"
RATE_BPS="${RATE_BPS:-48000}"
OUT_DIR="${OUT_DIR:-$(mktemp -d /tmp/raida-sync-compare.XXXXXX)}"
mkdir -p "$OUT_DIR"
RESULTS="$OUT_DIR/results.jsonl"
DEMO="$SRC/assets/demo/rokiskis.json"
CENTER="center.bajorai"
PIDS=()

die() { echo "run.sh: $*" >&2; exit 1; }

for exe in raida-server raida-sync bench_make_changes raida-fault-proxy; do
  [[ -x "$BIN/$exe" ]] || die "$BIN/$exe is missing: build it first, e.g. cmake --preset release &&" \
    "cmake --build --preset release -j2 --target raida-server raida-sync bench_make_changes" \
    "raida-fault-proxy"
done
command -v node >/dev/null || die "node is needed for the PouchDB peer"
command -v jq >/dev/null || die "jq is needed"
command -v curl >/dev/null || die "curl is needed"
for part in server client; do
  if [[ ! -d "$HERE/$part/node_modules" ]]; then
    (cd "$HERE/$part" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in $part failed"
  fi
done

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap "exit 130" INT TERM

# start NAME PATTERN CMD...: runs CMD in the background (stdout in $OUT_DIR/NAME.out), waits up
# to 20 s for a line matching PATTERN and puts it in START_LINE.
start() {
  local name="$1" pattern="$2"
  shift 2
  "$@" >"$OUT_DIR/$name.out" 2>"$OUT_DIR/$name.err" &
  PIDS+=("$!")
  local pid=$! i
  for i in $(seq 200); do
    if START_LINE=$(grep -m1 -E "$pattern" "$OUT_DIR/$name.out" 2>/dev/null); then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  die "$name did not start; see $OUT_DIR/$name.err"
}

# stop_all: stops the processes of one profile (they are started again for the next one).
stop_all() {
  cleanup
  PIDS=()
}

# link PROFILE TARGET_PORT: the client-facing port for TARGET_PORT (raida-fault-proxy in front for
# 3g) behind a wire_counter.js; sets COUNTER_PORT and COUNTER_CTL.
link() {
  local profile="$1" target="$2" tag="$3" line
  if [[ "$profile" == 3g ]]; then
    start "fault-$tag" '^proxy on ' "$BIN/raida-fault-proxy" --listen-port 0 \
      --target "127.0.0.1:$target" --rtt-ms "$RTT_MS" --rate-bps "$RATE_BPS"
    target="${START_LINE##*:}"
  fi
  start "counter-$tag" '^counter on ' node "$HERE/wire_counter.js" "$target"
  line="$START_LINE"
  COUNTER_PORT=$(sed -E 's/^counter on 127\.0\.0\.1:([0-9]+) .*/\1/' <<<"$line")
  COUNTER_CTL="http://127.0.0.1:$(sed -E 's/.*control 127\.0\.0\.1:([0-9]+)$/\1/' <<<"$line")"
}

# raida_sync PROFILE SCENARIO CHANGES: one `raida-sync once`, measured; appends a JSON line.
raida_sync() {
  local profile="$1" scenario="$2" changes="$3" out t0 t1 wire
  curl -sf -X POST "$COUNTER_CTL/reset" >/dev/null
  out="$OUT_DIR/raida-once.out"
  t0=$(date +%s%N)
  "$BIN/raida-sync" once --db "$KIOSK" >"$out" 2>"$OUT_DIR/raida-once.err" ||
    die "raida-sync once failed ($scenario): $(cat "$OUT_DIR/raida-once.err")"
  t1=$(date +%s%N)
  wire=$(curl -sf "$COUNTER_CTL/stats")
  jq -nc --arg profile "$profile" --arg scenario "$scenario" --argjson changes "$changes" \
    --argjson ms $(((t1 - t0) / 1000000)) --argjson wire "$wire" \
    --argjson requests "$(awk '/^requests:/ {print $2}' "$out")" \
    --argjson sent "$(awk '/^changes sent:/ {print $3}' "$out")" \
    --argjson received "$(awk '/^changes received:/ {print $3}' "$out")" \
    --argjson session_ms "$(awk '/^duration:/ {print $2}' "$out")" \
    --arg result "$(awk '/^result:/ {print $2}' "$out")" \
    '{system: "raida", $profile, $scenario, $changes, $ms, $requests, up: $wire.up,
      down: $wire.down, conns: $wire.conns, max_concurrent: $wire.max_concurrent,
      changes_sent: $sent, changes_received: $received, session_ms: $session_ms, $result}' |
    tee -a "$RESULTS"
}

run_raida() {
  local profile="$1" code
  KIOSK="$OUT_DIR/$profile-kiosk.db"
  start "raida-server-$profile" '^listening on ' "$BIN/raida-server" \
    --db "$OUT_DIR/$profile-server.db" --load-demo "$DEMO" --listen 127.0.0.1 --port 0
  link "$profile" "${START_LINE##*:}" "raida-$profile"
  code=$("$BIN/raida-server" issue-code --db "$OUT_DIR/$profile-server.db" --center "$CENTER")
  "$BIN/raida-sync" provision --db "$KIOSK" --server "http://127.0.0.1:$COUNTER_PORT" \
    --code "$code" --label "bench kiosk" >/dev/null
  raida_sync "$profile" "first sync (setup)" 0
  "$BIN/bench_make_changes" --db "$KIOSK" people --for-marks "$N" >&2
  raida_sync "$profile" "people for the marks (setup)" 0
  "$BIN/bench_make_changes" --db "$KIOSK" attendance --count "$N" \
    --export "$OUT_DIR/$profile-records.jsonl" >&2
  raida_sync "$profile" "$N new records" "$N"
  raida_sync "$profile" "no-op sync" 0
  raida_sync "$profile" "no-op sync (again)" 0
  "$BIN/bench_make_changes" --db "$KIOSK" update --count "$UPDATES" >&2
  raida_sync "$profile" "$UPDATES updates" "$UPDATES"
}

run_pouch() {
  local profile="$1" mode="$2" server
  start "pouch-server-$profile-$mode" '^listening on ' node "$HERE/server/server.js" 0
  server="http://127.0.0.1:${START_LINE##*:}"
  link "$profile" "${START_LINE##*:}" "pouch-$profile-$mode"
  node "$HERE/client/bench.js" --url "http://127.0.0.1:$COUNTER_PORT" --server "$server" \
    --counter "$COUNTER_CTL" --records "$OUT_DIR/$profile-records.jsonl" --updates "$UPDATES" \
    --profile "$profile" --mode "$mode" | tee -a "$RESULTS"
}

echo "results and logs in $OUT_DIR" >&2
: >"$RESULTS"
for profile in $PROFILES; do
  [[ "$profile" == loopback || "$profile" == 3g ]] || die "unknown profile $profile"
  echo "== $profile: raida" >&2
  run_raida "$profile"
  stop_all
  for mode in $POUCH_MODES; do
    echo "== $profile: pouchdb ($mode)" >&2
    run_pouch "$profile" "$mode"
    stop_all
  done
done
node "$HERE/table.js" "$RESULTS" --rtt-ms "$RTT_MS" --rate-bps "$RATE_BPS"
