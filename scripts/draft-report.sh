#!/usr/bin/env bash
# How many schema changes the migration draft makes right, on a real server (issue 17): runs
# tests/drafts.rs over the pairs of testdata/drafts/ and the corpus's migra pairs (each side
# loaded and dumped, the draft applied in one transaction, the result dumped and compared with
# the target) and prints
#
# - how many pairs reach their target, overall, of the automatable ones (not marked
#   `-- expect: manual`) and of the migra pairs, with the time per phase;
# - the same by topic (the file a pair is in);
# - why the others do not: psql errors grouped by statement form and message, the differences
#   left after the draft grouped by object kind, the `-- manual:` notes grouped;
# - with DETAILS=1, every pair that misses, with its error or remaining difference and its draft.
#
#   scripts/draft-report.sh                    # all pairs
#   ONLY=enums/ scripts/draft-report.sh        # the pairs whose id contains `enums/`
#   DETAILS=1 THREADS=6 scripts/draft-report.sh
#
# It needs PostgreSQL's binaries (a throwaway cluster is started) or SQL_COMPARE_TEST_DATABASE_URL.
# The test's own verdict (a pair of testdata/drafts/expected.txt that no longer reaches its
# target) is printed at the end; the report is printed either way.
set -uo pipefail
cd "$(dirname "$0")/.."

report=$(mktemp)
log=$(mktemp)
trap 'rm -f "$report" "$log"' EXIT

SQL_COMPARE_DRAFTS_REPORT="$report" \
    SQL_COMPARE_DRAFTS="${ONLY:-}" \
    SQL_COMPARE_DRAFTS_THREADS="${THREADS:-4}" \
    cargo test --quiet --all-features --test drafts -- --nocapture >"$log" 2>&1
status=$?

if [ ! -s "$report" ]; then
    echo "no report was written; the test's output:" >&2
    cat "$log" >&2
    exit 2
fi
if [ "${DETAILS:-0}" = 1 ]; then
    cat "$report"
else
    sed '/^== every pair that does not reach its target/,$d' "$report"
fi
if [ "$status" -eq 0 ]; then
    echo "tests/drafts.rs: passed (every pair of testdata/drafts/expected.txt reaches its target)"
else
    echo "tests/drafts.rs: FAILED:"
    grep -A40 -E "pairs that reached their target no longer do|pairs that are wrong|panicked" "$log" | head -60
fi
exit "$status"
