#!/usr/bin/env bash
# Counts the instructions (valgrind --tool=callgrind, event Ir) that the bare sqlparser tokenizer
# and our steps execute on a pair, and prints their ratios. Instruction counts do not depend
# on what else runs on the machine, so this tracks the cost of our code over the tokenizer
# even where wall-clock benchmarks are noisy; they leave out cache misses and waiting, so they
# complement `cargo bench --bench ratio`, they do not replace it.
#
#   scripts/instructions.sh                      # ../shared/corpus/pairs/order-musicbrainz-columns
#   scripts/instructions.sh DIR                  # a directory holding a.dump.sql and b.dump.sql
#   KEEP=1 scripts/instructions.sh               # keep the callgrind files (callgrind_annotate)
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${1:-../shared/corpus/pairs/order-musicbrainz-columns}
target=${CARGO_TARGET_DIR:-target}
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install -y valgrind" >&2; exit 2; }

# The ratio bench has a --once mode that runs one step once. Built with debug info for the
# annotations, in a target directory of its own so that it does not rebuild the benches.
CARGO_TARGET_DIR="$target/callgrind" CARGO_PROFILE_BENCH_DEBUG=true \
    cargo bench --quiet --bench ratio --no-run 2>/dev/null
bin=$(ls -t "$target"/callgrind/release/deps/ratio-* | grep -v '\.d$' | head -1)
out=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$out"' EXIT

a="$dir/a.dump.sql"; b="$dir/b.dump.sql"
declare -A ir
for step in tokenizer split parse diff; do
    valgrind --tool=callgrind --callgrind-out-file="$out/$step.out" "$bin" --once "$step" "$a" "$b" \
        >/dev/null 2>"$out/$step.log"
    ir[$step]=$(awk '/Collected :/ {print $NF}' "$out/$step.log")
done
# The left side alone through the bare tokenizer (its file twice, halved).
valgrind --tool=callgrind --callgrind-out-file="$out/tokenizer-left.out" "$bin" --once tokenizer "$a" "$a" \
    >/dev/null 2>"$out/tokenizer-left.log"
tok_left=$(( $(awk '/Collected :/ {print $NF}' "$out/tokenizer-left.log") / 2 ))

bytes=$(( $(stat -c %s "$a") + $(stat -c %s "$b") ))
printf 'pair: %s (%.2f MB both sides)\n\n' "$dir" "$(awk -v b="$bytes" 'BEGIN {print b / 1e6}')"
echo "| step | instructions (Ir) | per input byte | ratio |"
echo "|---|---:|---:|---|"
row() { awk -v s="$1" -v n="$2" -v by="$3" -v r="$4" 'BEGIN {printf "| %s | %d | %.0f | %s |\n", s, n, n / by, r}'; }
row "bare tokenizer, both sides" "${ir[tokenizer]}" "$bytes" "1 (the baseline)"
row "split, left side" "${ir[split]}" "$(stat -c %s "$a")" "$(awk -v x="${ir[split]}" -v y="$tok_left" 'BEGIN {printf "%.2f× the tokenizer on the left side", x / y}')"
row "parse, left side (≈)" "${ir[parse]}" "$(stat -c %s "$a")" "$(awk -v x="${ir[parse]}" -v y="$tok_left" 'BEGIN {printf "%.2f× the tokenizer on the left side", x / y}')"
row "diff, both sides" "${ir[diff]}" "$bytes" "$(awk -v x="${ir[diff]}" -v y="${ir[tokenizer]}" 'BEGIN {printf "%.2f× the tokenizer on both sides", x / y}')"
[ -n "${KEEP:-}" ] && echo && echo "callgrind files in $out (callgrind_annotate --inclusive=yes $out/diff.out)"
exit 0
