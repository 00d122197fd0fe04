#!/usr/bin/env bash
# Starts Debian's Prometheus or VictoriaMetrics on 127.0.0.1 scraping the traffic simulator (or
# any targets), with a generated config and a temporary data dir; Ctrl-C stops it and removes
# the dir. Use the wrappers: scripts/prometheus.sh, scripts/victoria-metrics.sh.
#
#   scripts/prometheus.sh | scripts/victoria-metrics.sh
#       [--port 9090|8428] [--scrape-interval 2s] [--simulator http://127.0.0.1:9400]
#       [--datacenter eu-west] [--targets host:port,host:port] [--data-dir DIR] [--rules FILE]
#
# Targets: --targets, else the simulator's /targets.txt (filtered by --datacenter, for one
# Prometheus per datacenter). --data-dir keeps the data (not removed on exit). --rules: a
# Prometheus rule file to load (alerting or recording rules; Prometheus only).
set -euo pipefail
BACKEND="${1:?usage: scrape-server.sh prometheus|victoria-metrics [options]}"; shift
cd "$(dirname "$0")/.."
case "$BACKEND" in
  prometheus) PORT=9090; NAME=Prometheus; READY=/-/ready ;;
  victoria-metrics) PORT=8428; NAME=VictoriaMetrics; READY=/health ;;
  *) echo "unknown backend $BACKEND" >&2; exit 2 ;;
esac
INTERVAL=2s SIMULATOR=http://127.0.0.1:9400 DC="" TARGETS="" DATA_DIR="" RULES=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --scrape-interval) INTERVAL="$2"; shift 2 ;;
    --simulator) SIMULATOR="$2"; shift 2 ;;
    --datacenter) DC="$2"; shift 2 ;;
    --targets) TARGETS="$2"; shift 2 ;;
    --data-dir) DATA_DIR="$2"; shift 2 ;;
    --rules) RULES="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
command -v "$BACKEND" >/dev/null 2>&1 || scripts/install-system-deps.sh
if [ -n "$RULES" ]; then
  [ "$BACKEND" = prometheus ] || { echo "--rules: Prometheus only" >&2; exit 2; }
  [ -f "$RULES" ] || { echo "--rules: no file $RULES" >&2; exit 2; }
  RULES=$(cd "$(dirname "$RULES")" && pwd)/$(basename "$RULES")
fi

if [ -z "$TARGETS" ]; then
  # node instead of curl: always there in this project.
  TARGETS=$(node -e 'fetch(process.argv[1]).then((r) => r.text()).then((t) => console.log(t.trim().split("\n").join(",")), (e) => { console.error(`cannot read targets from ${process.argv[1]}: ${e.cause?.code ?? e.message} (is npm run simulate running?)`); process.exit(1); })' \
    "$SIMULATOR/targets.txt${DC:+?datacenter=$DC}")
fi
[ -n "$TARGETS" ] || { echo "no targets" >&2; exit 1; }

WORK=$(mktemp -d -t "traffic-map-$BACKEND-XXXXXX")
KEEP_DATA=1
if [ -z "$DATA_DIR" ]; then DATA_DIR="$WORK/data"; KEEP_DATA=0; fi
PID=""
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
  if [ "$KEEP_DATA" = 0 ]; then rm -rf "$DATA_DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

{
  echo "global:"
  echo "  scrape_interval: $INTERVAL"
  echo "  scrape_timeout: $INTERVAL"
  if [ -n "$RULES" ]; then echo "rule_files:"; echo "  - \"$RULES\""; fi
  echo "scrape_configs:"
  echo "  - job_name: traffic-simulator"
  echo "    static_configs:"
  echo "      - targets:"
  IFS=',' read -ra LIST <<< "$TARGETS"
  for t in "${LIST[@]}"; do echo "          - \"$t\""; done
} > "$WORK/prometheus.yml"

if [ "$BACKEND" = prometheus ]; then
  # --web.cors.origin: the app is a page on another origin (".*" is the default; said out loud).
  prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$DATA_DIR" \
    --web.listen-address="127.0.0.1:$PORT" --web.cors.origin='.*' --log.level=warn &
else
  # Its query API answers with "Access-Control-Allow-Origin: *" (its /api/v1/status/config does
  # not, so the app's refreshInterval "auto" falls back to 15 s: set "refreshInterval": "2s").
  # -search.latencyOffset: by default the last 30 s are hidden from queries.
  victoria-metrics -httpListenAddr="127.0.0.1:$PORT" -storageDataPath="$DATA_DIR" \
    -promscrape.config="$WORK/prometheus.yml" -search.latencyOffset=1s -loggerLevel=WARN &
fi
PID=$!
for _ in $(seq 1 100); do
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "http://127.0.0.1:$PORT$READY"; then
    echo "$NAME: http://127.0.0.1:$PORT  (${#LIST[@]} targets${DC:+ in $DC}, every $INTERVAL; Ctrl-C stops)"
    wait "$PID"
    exit $?
  fi
  kill -0 "$PID" 2>/dev/null || { echo "$BACKEND exited" >&2; exit 1; }
  sleep 0.2
done
echo "$BACKEND not ready after 20 s" >&2
exit 1
