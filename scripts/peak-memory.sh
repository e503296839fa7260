#!/usr/bin/env bash
# Peak memory of the release CLI comparing pairs of dumps, as a multiple of the combined input
# size (issue 5: at most 25× on the MusicBrainz pair). Measured with /usr/bin/time -v (the
# maximum resident set size of the process), median of RUNS runs (default 3).
#
#   scripts/peak-memory.sh                       # ../shared/corpus/pairs/order-musicbrainz-columns
#   scripts/peak-memory.sh DIR...                # directories holding a.dump.sql and b.dump.sql
#
# Generated pairs (1, 10 and, with SQL_COMPARE_BENCH_LARGE=1, 50 MB a side) can be written with
#   cargo bench --bench ratio -- --write-generated /tmp/gen
# and measured with scripts/peak-memory.sh /tmp/gen/gen-*.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${CARGO_TARGET_DIR:-target}
runs=${RUNS:-3}
dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
    dirs=(../shared/corpus/pairs/order-musicbrainz-columns)
fi
if [ ! -x /usr/bin/time ]; then
    echo "/usr/bin/time is missing: apt-get install -y time" >&2
    exit 2
fi

cargo build --quiet --release --features cli
bin="$target/release/sql-compare"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rss_kb() { # the maximum resident set size of one run, in KiB
    set +e
    /usr/bin/time -v -o "$tmp/time.txt" "$bin" --quiet "$1" "$2"
    local status=$?
    set -e
    if [ "$status" -gt 1 ]; then echo "sql-compare failed on $1 $2 (exit $status)" >&2; exit 2; fi
    awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt"
}
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

: >"$tmp/empty.sql"
base=$(for _ in $(seq "$runs"); do rss_kb "$tmp/empty.sql" "$tmp/empty.sql"; done | median)

printf 'date: %s; %s CPUs; load average: %s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'CLI on two empty files: %.1f MiB\n\n' "$(awk -v k="$base" 'BEGIN {print k / 1024}')"
echo "| pair | input (both sides) | peak memory (max RSS) | multiple of the input | the same less the empty-input floor | issue 5 (MusicBrainz pair): ≤ 25× |"
echo "|---|---:|---:|---:|---:|---|"
for d in "${dirs[@]}"; do
    a="$d/a.dump.sql"; b="$d/b.dump.sql"
    bytes=$(( $(stat -c %s "$a") + $(stat -c %s "$b") ))
    kb=$(for _ in $(seq "$runs"); do rss_kb "$a" "$b"; done | median)
    awk -v n="$(basename "$d")" -v by="$bytes" -v kb="$kb" -v base="$base" 'BEGIN {
        x = kb * 1024 / by
        v = (n == "order-musicbrainz-columns") ? (x <= 25 ? "PASS" : "FAIL") : "-"
        printf "| %s | %.2f MB | %.1f MiB | %.1f× | %.1f× | %s |\n", n, by / 1e6, kb / 1024, x, (kb - base) * 1024 / by, v
    }'
done
