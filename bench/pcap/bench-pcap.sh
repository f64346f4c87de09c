#!/usr/bin/env bash
# proxydoc pcap next to tshark on a capture made by ../shared/bench/pcap/gen-pcap.sh, from one run:
# wall time, MB/s, packets/s and peak memory of each, and whether every request in nginx's access
# log (the ground truth) is in proxydoc's transaction list.
#   bash ../shared/bench/pcap/gen-pcap.sh mixed-20m 20 0.25 && bash bench/pcap/bench-pcap.sh mixed-20m
#   RUNS=3 bash bench/pcap/bench-pcap.sh mixed-500m   # each command three times, the median run kept
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
NAME=${1:-mixed-20m}
B=${B:-/tmp/proxydoc-bench/pcap}
P=$B/$NAME.pcap
LOG=$B/$NAME.nginx-access.log
[ -f "$P" ] || { echo "no $P: run ../shared/bench/pcap/gen-pcap.sh first" >&2; exit 2; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# The shipped command: the bundled build that `npm ci` and `npm run build` make, run as the bin runs it.
(cd "$ROOT" && npm run -s build > /dev/null) || { echo "build failed" >&2; exit 3; }
PROXYDOC=("node" "$ROOT/bin/proxydoc.js")
cat "$P" > /dev/null
RUNS=${RUNS:-1}
measure() { # label, output file, command... (RUNS times; the run with the median wall time is kept)
  local label=$1 out=$2
  shift 2
  for i in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M %U %S" -o "$OUT/$label.$i.time" "$@" > "$out" 2> /dev/null || true
    tail -1 "$OUT/$label.$i.time" >> "$OUT/$label.runs"
  done
  echo "$label $(sort -n "$OUT/$label.runs" | sed -n "$(((RUNS + 1) / 2))p")" >> "$OUT/times"
}
DEC="-d tcp.port==18480,http -d tcp.port==18482,http2 -o tcp.reassemble_out_of_order:TRUE"
measure proxydoc "$OUT/proxydoc.json" "${PROXYDOC[@]}" pcap "$P" --format json --limit 0
measure proxydoc_text "$OUT/proxydoc.txt" "${PROXYDOC[@]}" pcap "$P" --limit 0
measure proxydoc_text_2threads "$OUT/proxydoc-2threads.txt" "${PROXYDOC[@]}" pcap "$P" --limit 0 --threads 2
measure proxydoc_json_default "$OUT/proxydoc-default.json" "${PROXYDOC[@]}" pcap "$P" --format json
cmp -s "$OUT/proxydoc.txt" "$OUT/proxydoc-2threads.txt" || echo "two threads printed something else than one" >&2
# shellcheck disable=SC2086
measure tshark "$OUT/tshark.tsv" tshark -n -r "$P" $DEC -Y "http.response || http2.headers.status" \
  -T fields -e tcp.stream -e http.response.code -e http2.headers.status
node "$HERE/report.mjs" "$P" "$LOG" "$OUT/times" "$OUT/proxydoc.json" "$OUT/tshark.tsv"
