#!/usr/bin/env bash
# `npm run demo:live`: the traffic simulator, a real Prometheus scraping it every 2 s (with the
# example alerts of simulator/alert-rules.yml), and the built app served with a generated config.json pointing at that Prometheus. Ctrl-C stops all.
#
# The app is built once (dist/, `npm run build`, skipped when dist/ is there; --build forces it)
# and served by the e2e static server with /config.json overridden: public/config.json is the
# user's file and stays untouched, and the page gets the same CSP as a real deployment.
#
#   scripts/demo-live.sh [--build] [--sim-port 9400] [--prometheus-port 9090] [--app-port 8080]
#                        [-- simulator flags, e.g. --fault errors:checkout:0.3 --speed 10]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=0 SIM_PORT=9400 PROM_PORT=9090 APP_PORT=8080
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=1; shift ;;
    --sim-port) SIM_PORT="$2"; shift 2 ;;
    --prometheus-port) PROM_PORT="$2"; shift 2 ;;
    --app-port) APP_PORT="$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
command -v prometheus >/dev/null 2>&1 || scripts/install-system-deps.sh
if [ "$BUILD" = 1 ] || [ ! -f dist/index.html ]; then npm run build; fi

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # url what
  for _ in $(seq 1 150); do
    node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1" && return 0
    sleep 0.2
  done
  echo "$2 did not start" >&2
  exit 1
}

npx tsx simulator/main.ts --port "$SIM_PORT" "$@" &
PIDS+=($!)
wait_for "http://127.0.0.1:$SIM_PORT/healthz" "the simulator"

scripts/prometheus.sh --port "$PROM_PORT" --scrape-interval 2s --simulator "http://127.0.0.1:$SIM_PORT" --rules simulator/alert-rules.yml &
PIDS+=($!)
wait_for "http://127.0.0.1:$PROM_PORT/-/ready" "Prometheus"

CONFIG=$(printf '{"title":"Traffic Map (live demo)","prometheus":{"url":"http://127.0.0.1:%s"},"datacenters":["eu-west","us-east"],"refreshInterval":"auto","rateWindow":"30s"}' "$PROM_PORT")
TM_CONFIG="$CONFIG" TM_PORT="$APP_PORT" npx tsx --eval '
import { connect, createServer } from "node:net";
import { startStaticServer } from "./e2e/support/staticServer.ts";
startStaticServer({ root: "dist", overrides: { "/config.json": process.env.TM_CONFIG } }).then((server) => {
// startStaticServer takes a free port; forward the fixed one people can bookmark.
const target = new URL(server.url);
createServer((socket) => {
  const upstream = connect(Number(target.port), "127.0.0.1");
  socket.pipe(upstream).pipe(socket);
  socket.on("error", () => upstream.destroy()); upstream.on("error", () => socket.destroy());
}).listen(Number(process.env.TM_PORT), "127.0.0.1");
console.log(`app: http://127.0.0.1:${process.env.TM_PORT}/   (faults: curl -X POST http://127.0.0.1:'"$SIM_PORT"'/faults -d ...; Ctrl-C stops all)`);
});
' &
PIDS+=($!)
wait "${PIDS[@]}"
