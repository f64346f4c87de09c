#!/usr/bin/env bash
# proxydoc pcap next to tshark on a capture made by ../shared/bench/pcap/gen-pcap.sh, from one run:
# wall time, MB/s, packets/s and peak memory of each, and whether every request in nginx's access
# log (the ground truth) is in proxydoc's transaction list.
#   bash ../shared/bench/pcap/gen-pcap.sh mixed-20m 20 0.25 && bash bench/pcap/bench-pcap.sh mixed-20m
# BUNDLE=1 also measures the same build bundled into one file per thread (esbuild), which starts faster.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
NAME=${1:-mixed-20m}
B=${B:-/tmp/proxydoc-bench/pcap}
P=$B/$NAME.pcap
LOG=$B/$NAME.nginx-access.log
[ -f "$P" ] || { echo "no $P: run ../shared/bench/pcap/gen-pcap.sh first" >&2; exit 2; }
# Inside node_modules so the build finds the project's dependencies.
OUT=$ROOT/node_modules/.cache/proxydoc-bench-pcap
rm -rf "$OUT" && mkdir -p "$OUT"
trap 'rm -rf "$OUT"' EXIT
# Plain JavaScript, so start-up is Node's and not a TypeScript loader's.
(cd "$ROOT" && npx tsc -p tsconfig.build.json --outDir "$OUT/dist" > /dev/null 2>&1) || true
[ -f "$OUT/dist/cli/main.js" ] || { echo "build failed" >&2; exit 3; }
entry() { printf 'import { main } from "%s";\nmain(process.argv.slice(2)).then((c) => { process.exitCode = c; });\n' "$1"; }
entry "$OUT/dist/cli/main.js" > "$OUT/proxydoc.mjs"
if [ "${BUNDLE:-0}" = 1 ]; then
  (cd "$ROOT" && npx esbuild "$OUT/dist/cli/main.js" "$OUT/dist/capture/shard-worker.js" --bundle --platform=node \
    --format=esm --target=node20 --packages=external --entry-names='[name]' --outdir="$OUT/bundle" --log-level=error)
  entry "$OUT/bundle/main.js" > "$OUT/proxydoc-bundle.mjs"
fi
cat "$P" > /dev/null
measure() { # label, output file, command...
  local label=$1 out=$2
  shift 2
  /usr/bin/time -f "%e %M %U %S" -o "$OUT/$label.time" "$@" > "$out" 2> /dev/null || true
  echo "$label $(tail -1 "$OUT/$label.time")" >> "$OUT/times"
}
DEC="-d tcp.port==18480,http -d tcp.port==18482,http2 -o tcp.reassemble_out_of_order:TRUE"
measure proxydoc "$OUT/proxydoc.json" node "$OUT/proxydoc.mjs" pcap "$P" --format json --limit 0
measure proxydoc_text "$OUT/proxydoc.txt" node "$OUT/proxydoc.mjs" pcap "$P" --limit 0
measure proxydoc_text_2threads "$OUT/proxydoc-2threads.txt" node "$OUT/proxydoc.mjs" pcap "$P" --limit 0 --threads 2
measure proxydoc_json_default "$OUT/proxydoc-default.json" node "$OUT/proxydoc.mjs" pcap "$P" --format json
if [ "${BUNDLE:-0}" = 1 ]; then
  measure proxydoc_bundle "$OUT/proxydoc-bundle.txt" node "$OUT/proxydoc-bundle.mjs" pcap "$P" --limit 0
  cmp -s "$OUT/proxydoc.txt" "$OUT/proxydoc-bundle.txt" || echo "the bundled build printed something else" >&2
fi
cmp -s "$OUT/proxydoc.txt" "$OUT/proxydoc-2threads.txt" || echo "two threads printed something else than one" >&2
# shellcheck disable=SC2086
measure tshark "$OUT/tshark.tsv" tshark -n -r "$P" $DEC -Y "http.response || http2.headers.status" \
  -T fields -e tcp.stream -e http.response.code -e http2.headers.status
node "$HERE/report.mjs" "$P" "$LOG" "$OUT/times" "$OUT/proxydoc.json" "$OUT/tshark.tsv"
