#!/usr/bin/env bash
# proxydoc pcap next to tshark on a capture made by ../shared/bench/pcap/gen-pcap.sh, from one run:
# wall time, MB/s, packets/s and peak memory of each, and whether every request in nginx's access
# log (the ground truth) is in proxydoc's transaction list.
#   bash ../shared/bench/pcap/gen-pcap.sh mixed-20m 20 0.25 && bash bench/pcap/bench-pcap.sh mixed-20m
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
printf 'import { main } from "%s/dist/cli/main.js";\nmain(process.argv.slice(2)).then((c) => { process.exitCode = c; });\n' "$OUT" > "$OUT/proxydoc.mjs"
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
# shellcheck disable=SC2086
measure tshark "$OUT/tshark.tsv" tshark -n -r "$P" $DEC -Y "http.response || http2.headers.status" \
  -T fields -e tcp.stream -e http.response.code -e http2.headers.status
node "$HERE/report.mjs" "$P" "$LOG" "$OUT/times" "$OUT/proxydoc.json" "$OUT/tshark.tsv"
