#!/usr/bin/env bash
# How the cost of a comparison grows with the input, three ways (issue 5: the 50 MB pair in at
# most 55× the time of the 1 MB pair):
#
# 1. the release CLI as whole processes, as a user runs it: median wall time of RUNS runs of
#    the 1 MB pair (default 15) and LARGE_RUNS runs of the 50 MB pair (default 5), spread
#    between each other, and their mean user and system CPU time; with the page faults of one
#    run of each;
# 2. with INSTRUCTIONS=1, the instructions that `sql_compare::diff` executes (valgrind
#    --tool=callgrind, event Ir) on the 1, 10 and 50 MB pairs: they do not depend on caches,
#    the machine's load or how the kernel backs memory, so they show whether the work itself
#    grows linearly (several minutes: the 50 MB pair runs about a minute under callgrind).
#
# `cargo bench --bench growth` (SQL_COMPARE_BENCH_LARGE=1) gives the in-process ratio, the pairs
# interleaved the same way: there the 1 MB pair is compared over and over in one process, its
# heap reused and its data in cache.
#
#   scripts/linearity.sh                  # generated pairs in $GEN (default /tmp/gen)
#   INSTRUCTIONS=1 scripts/linearity.sh
#
# The generated pairs are written first if missing:
#   SQL_COMPARE_BENCH_LARGE=1 cargo bench --bench ratio -- --write-generated /tmp/gen
set -euo pipefail
cd "$(dirname "$0")/.."

target=${CARGO_TARGET_DIR:-target}
gen=${GEN:-/tmp/gen}
runs=${RUNS:-15}
large_runs=${LARGE_RUNS:-5}
if [ ! -x /usr/bin/time ]; then
    echo "/usr/bin/time is missing: apt-get install -y time" >&2
    exit 2
fi
if [ ! -f "$gen/gen-50MB/b.dump.sql" ]; then
    echo "== writing the generated pairs to $gen" >&2
    SQL_COMPARE_BENCH_LARGE=1 cargo bench --quiet --bench ratio -- --write-generated "$gen" >&2
fi
cargo build --quiet --release --features cli
bin="$target/release/sql-compare"
small="$gen/gen-1MB"
large="$gen/gen-50MB"
bytes() { echo $(( $(stat -c %s "$1/a.dump.sql") + $(stat -c %s "$1/b.dump.sql") )); }

printf 'date: %s; %s CPUs; load average: %s\n\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"

# 1. Whole processes, timed from Python (no wrapper process in the timed span; CPU times from
# wait4); the small pair's runs are spread between the large pair's.
python3 - "$bin" "$small" "$large" "$runs" "$large_runs" "$(bytes "$small")" "$(bytes "$large")" <<'PY'
import os, statistics, subprocess, sys, time
bin, small, large = sys.argv[1:4]
runs, large_runs, sbytes, lbytes = map(int, sys.argv[4:8])
def run(d):
    t = time.perf_counter()
    p = subprocess.Popen([bin, "--quiet", f"{d}/a.dump.sql", f"{d}/b.dump.sql"])
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in (0, 1):
        sys.exit(f"sql-compare failed on {d} (exit {p.returncode})")
    return wall, usage.ru_utime, usage.ru_stime
times = {small: [], large: []}
per = -(-runs // large_runs)
for k in range(large_runs):
    times[large].append(run(large))
    for _ in range(min(per, runs - len(times[small]))):
        times[small].append(run(small))
stats = {}
print("| pair | input (both sides) | runs | median wall time | MB/s | mean user CPU | mean system CPU |")
print("|---|---:|---:|---:|---:|---:|---:|")
for d, b in ((small, sbytes), (large, lbytes)):
    wall = statistics.median(t[0] for t in times[d])
    user = statistics.mean(t[1] for t in times[d])
    system = statistics.mean(t[2] for t in times[d])
    stats[d] = (wall, user, system)
    print(f"| {d.rsplit('/', 1)[-1]} | {b / 1e6:.2f} MB | {len(times[d])} | {wall * 1e3:.1f} ms | "
          f"{b / 1e6 / wall:.1f} | {user * 1e3:.1f} ms | {system * 1e3:.1f} ms |")
size = lbytes / sbytes
ratio = stats[large][0] / stats[small][0]
user = stats[large][1] / stats[small][1]
system = stats[large][2] / stats[small][2]
verdict = "PASS" if ratio <= 55 else "FAIL"
print(f"\nwhole CLI processes, 50 MB pair / 1 MB pair ({size:.1f}× the input): {ratio:.1f}× the wall time "
      f"({ratio / size:.2f} per byte), {user:.1f}× the user CPU time, {system:.1f}× the system CPU time; "
      f"issue 5 (≤ 55× the time): {verdict}\n")
PY

# Where a large run's time goes besides the work: page faults (memory touched for the first
# time, zeroed by the kernel) and system time, one run of each pair.
echo "| pair | page faults | per MB of input | peak memory |"
echo "|---|---:|---:|---:|"
for d in "$small" "$large"; do
    set +e
    /usr/bin/time -f '%R %M' -o /tmp/linearity.$$ "$bin" --quiet "$d/a.dump.sql" "$d/b.dump.sql"
    set -e
    read -r faults kb </tmp/linearity.$$
    awk -v n="$(basename "$d")" -v f="$faults" -v kb="$kb" -v by="$(bytes "$d")" \
        'BEGIN {printf "| %s | %d | %.0f | %.1f MiB |\n", n, f, f / (by / 1e6), kb / 1024}'
done
rm -f /tmp/linearity.$$

# 2. Instructions.
if [ -n "${INSTRUCTIONS:-}" ]; then
    command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install -y valgrind" >&2; exit 2; }
    CARGO_TARGET_DIR="$target/callgrind" CARGO_PROFILE_BENCH_DEBUG=true \
        cargo bench --quiet --bench ratio --no-run 2>/dev/null
    ratio_bin=$(ls -t "$target"/callgrind/release/deps/ratio-* | grep -v '\.d$' | head -1)
    echo
    echo "| pair | input (both sides) | instructions of \`diff\` (Ir) | per input byte | against the 1 MB pair |"
    echo "|---|---:|---:|---:|---:|"
    first=""
    for size in 1MB 10MB 50MB; do
        d="$gen/gen-$size"
        [ -f "$d/b.dump.sql" ] || continue
        ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$ratio_bin" --once diff \
            "$d/a.dump.sql" "$d/b.dump.sql" 2>&1 >/dev/null | awk '/Collected/ {print $NF}')
        b=$(bytes "$d")
        [ -n "$first" ] || first="$ir $b"
        awk -v n="gen-$size" -v ir="$ir" -v b="$b" -v first="$first" 'BEGIN {
            split(first, f, " ")
            printf "| %s | %.2f MB | %.0f | %.1f | %.1f× the instructions for %.1f× the input |\n",
                n, b / 1e6, ir, ir / b, ir / f[1], b / f[2]
        }'
    done
fi
