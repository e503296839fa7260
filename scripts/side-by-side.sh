#!/usr/bin/env bash
# Two CLI builds compared side by side on one pair of dumps, as the rule for speed measures
# asks (issue 16: a measure stays only if removing it costs more than 5 % of the whole
# comparison on the MusicBrainz pair or the generated 50 MB pair). The two binaries run in
# turn, RUNS times each (default 15), the order swapped every round, so that a machine whose
# speed drifts slows both alike; prints the median wall time of each, the median of the
# paired ratios, the median peak memory (max RSS) and CPU time.
#
#   cargo build --release --features cli && cp "$CARGO_TARGET_DIR/release/sql-compare" /tmp/A
#   # … change the code, build again, copy to /tmp/B, then:
#   scripts/side-by-side.sh /tmp/A /tmp/B ../shared/corpus/pairs/order-musicbrainz-columns
#   RUNS=20 scripts/side-by-side.sh /tmp/A /tmp/B /tmp/gen/gen-50MB
#
# The generated pairs are written by
#   SQL_COMPARE_BENCH_LARGE=1 cargo bench --bench ratio -- --write-generated /tmp/gen
set -euo pipefail
if [ $# -ne 3 ]; then
    echo "usage: $0 BINARY_A BINARY_B PAIR_DIR" >&2
    exit 2
fi
printf 'date: %s; %s CPUs (%s); load average: %s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" \
    "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" "$(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$1" "$2" "$3" "${RUNS:-15}" <<'PY'
import os, statistics, subprocess, sys, time
a, b, pair, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def run(binary):
    t = time.perf_counter()
    p = subprocess.Popen([binary, "--quiet", f"{pair}/a.dump.sql", f"{pair}/b.dump.sql"])
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{binary} failed on {pair}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
times = {a: [], b: []}
run(a), run(b)  # the inputs in the page cache
for k in range(runs):
    for binary in (a, b) if k % 2 == 0 else (b, a):
        times[binary].append(run(binary))
ratios = [y[0] / x[0] for x, y in zip(times[a], times[b])]
print(f"{pair}: {runs} runs each, in turn; B against A, median of the paired ratios: "
      f"{(statistics.median(ratios) - 1) * 100:+.1f} %")
for name, binary in (("A", a), ("B", b)):
    wall = [w for w, _, _ in times[binary]]
    print(f"{name} {binary}: median {statistics.median(wall) * 1000:.1f} ms "
          f"(min {min(wall) * 1000:.1f}, max {max(wall) * 1000:.1f}), "
          f"max RSS {statistics.median(r for _, r, _ in times[binary]):.1f} MiB, "
          f"CPU {statistics.median(c for _, _, c in times[binary]) * 1000:.0f} ms")
PY
