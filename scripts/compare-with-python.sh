#!/usr/bin/env bash
# Times Mergify's Python sql-compare 0.3.0 (`sql_compare.compare_files(a, b)`) and this crate's
# release CLI on the same pairs of ../shared/corpus, several runs each, and prints a table:
# median time, MB/s, peak memory (maximum resident set size from /usr/bin/time -v) and the
# speedup and memory ratio of the Rust CLI over Python.
#
#   scripts/compare-with-python.sh                 # MusicBrainz, Danbooru, Pagila
#   RUNS=5 PY_RUNS_LARGE=3 scripts/compare-with-python.sh
#   scripts/compare-with-python.sh order-pagila-columns roundtrip-osm   # other pairs
#
# Python's time is its compare_files call alone (perf_counter inside the process, so its
# interpreter start and imports are not counted); the Rust CLI's time is its whole process
# (start, reading both files, parsing, comparing, exit), timed from a Python parent. Peak memory
# is the whole process for both. Needs python3 with venv, /usr/bin/time (Debian package `time`) and cargo. The virtual
# environment goes to $CARGO_TARGET_DIR (or ./target)/python-sql-compare-0.3.0.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=${CORPUS:-../shared/corpus}
target=${CARGO_TARGET_DIR:-target}
runs=${RUNS:-5}
py_runs_large=${PY_RUNS_LARGE:-3}   # Python runs on pairs over 1 MB (about 16 s each)
pairs=("$@")
if [ ${#pairs[@]} -eq 0 ]; then
    pairs=(order-musicbrainz-columns roundtrip-danbooru order-pagila-columns)
fi

if [ ! -d "$corpus/pairs" ]; then
    echo "skipped: the corpus is missing at $corpus" >&2
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "/usr/bin/time is missing: apt-get install -y time" >&2
    exit 2
fi

venv="$target/python-sql-compare-0.3.0"
if ! "$venv/bin/python" -c 'import importlib.metadata as m, sys; sys.exit(m.version("sql-compare") != "0.3.0")' 2>/dev/null; then
    echo "== creating $venv and installing sql-compare==0.3.0 from PyPI" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check sql-compare==0.3.0
fi
py="$venv/bin/python"

echo "== cargo build --release --features cli" >&2
cargo build --quiet --release --features cli
bin="$target/release/sql-compare"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# median of the numbers on standard input
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

printf 'date: %s\nmachine: %s CPUs, %s\nload average before: %s\n' \
    "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$(uname -m)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'python: %s, sql-compare %s, sqlparse %s\n' \
    "$("$py" -c 'import platform; print(platform.python_version())')" \
    "$("$py" -c 'import importlib.metadata as m; print(m.version("sql-compare"))')" \
    "$("$py" -c 'import importlib.metadata as m; print(m.version("sqlparse"))')"
printf 'rust CLI: %s (%s)\n\n' "$bin" "$("$bin" --version)"

echo "| pair | size (both sides) | tool | runs | median time | MB/s | peak memory | verdict |"
echo "|---|---:|---|---:|---:|---:|---:|---|"
summary=()
for pair in "${pairs[@]}"; do
    a="$corpus/pairs/$pair/a.dump.sql"
    b="$corpus/pairs/$pair/b.dump.sql"
    bytes=$(( $(stat -c %s "$a") + $(stat -c %s "$b") ))
    mb=$(awk -v b="$bytes" 'BEGIN {printf "%.2f MB", b / 1e6}')

    # Python: compare_files timed inside the process; peak memory of the process.
    # Rust: the whole CLI process, started from Python (fork, exec, run, exit) and timed there
    # with perf_counter: no wrapper process inside the timed span. The CLI's runs are spread
    # between Python's (an equal share after each), so that both tools are timed across the
    # same stretch of time: on a shared machine, a few slow seconds would otherwise fall on
    # the CLI's short runs alone, or spare them. Peak memory from separate runs below.
    n=$runs
    [ "$bytes" -gt 2000000 ] && n=$py_runs_large
    per=$(( (runs + n - 1) / n ))
    : >"$tmp/py.t"; : >"$tmp/py.m"; : >"$tmp/rs.t"; : >"$tmp/rs.status"
    for _ in $(seq "$n"); do
        /usr/bin/time -v -o "$tmp/time.txt" "$py" -c '
import pathlib, sys, time
import sql_compare
a, b = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
t = time.perf_counter()
equal = sql_compare.compare_files(a, b)
print(time.perf_counter() - t, "equal" if equal else "different")
' "$a" "$b" >"$tmp/py.out"
        awk '{print $1}' "$tmp/py.out" >>"$tmp/py.t"
        awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt" >>"$tmp/py.m"
        set +e
        "$py" - "$per" "$bin" "$a" "$b" >>"$tmp/rs.t" <<'PY'
import subprocess, sys, time
runs, cmd = int(sys.argv[1]), [sys.argv[2], "--quiet", sys.argv[3], sys.argv[4]]
statuses = set()
for _ in range(runs):
    t = time.perf_counter()
    statuses.add(subprocess.run(cmd).returncode)
    print(time.perf_counter() - t)
# 0 (equal) or 1 (different) every time, else 2.
sys.exit(statuses.pop() if len(statuses) == 1 and statuses <= {0, 1} else 2)
PY
        echo $? >>"$tmp/rs.status"
        set -e
    done
    py_t=$(median <"$tmp/py.t")
    py_m=$(median <"$tmp/py.m")
    py_v=$(awk '{print $2}' "$tmp/py.out")
    printf '| %s | %s | Python sql-compare 0.3.0 `compare_files` | %s | %.3f s | %.2f | %.1f MiB | %s |\n' \
        "$pair" "$mb" "$n" "$py_t" "$(awk -v b="$bytes" -v t="$py_t" 'BEGIN {print b / 1e6 / t}')" \
        "$(awk -v k="$py_m" 'BEGIN {print k / 1024}')" "$py_v"

    case $(sort -u "$tmp/rs.status" | tr '\n' ' ') in
        "0 ") rs_v=equal ;;
        "1 ") rs_v=different ;;
        *) echo "sql-compare failed on $pair (exit $(sort -u "$tmp/rs.status" | tr '\n' ' '))" >&2; exit 2 ;;
    esac
    : >"$tmp/rs.m"
    for _ in 1 2 3; do
        /usr/bin/time -v -o "$tmp/time.txt" "$bin" --quiet "$a" "$b" || true
        awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt" >>"$tmp/rs.m"
    done
    rs_t=$(median <"$tmp/rs.t")
    rs_m=$(median <"$tmp/rs.m")
    printf '| %s | %s | sql-compare (Rust) release CLI | %s | %.3f s | %.1f | %.1f MiB | %s |\n' \
        "$pair" "$mb" "$(wc -l <"$tmp/rs.t")" "$rs_t" "$(awk -v b="$bytes" -v t="$rs_t" 'BEGIN {print b / 1e6 / t}')" \
        "$(awk -v k="$rs_m" 'BEGIN {print k / 1024}')" "$rs_v"

    summary+=("$(awk -v p="$pair" -v pt="$py_t" -v rt="$rs_t" -v pm="$py_m" -v rm="$rs_m" -v by="$bytes" \
        'BEGIN {printf "| %s | %.0f× | %.1f× less (%.1f MiB vs %.1f MiB) | %.1f× the input |", p, pt / rt, pm / rm, pm / 1024, rm / 1024, rm * 1024 / by}')")
done

echo
echo "| pair | speedup of the Rust CLI over Python | memory | Rust peak memory |"
echo "|---|---:|---|---:|"
printf '%s\n' "${summary[@]}"
printf '\nload average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
